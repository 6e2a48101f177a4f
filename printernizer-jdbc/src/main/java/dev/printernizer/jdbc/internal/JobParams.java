package dev.printernizer.jdbc.internal;

import dev.printernizer.api.BusinessFields;
import dev.printernizer.api.Job;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.Tracking;
import dev.printernizer.statistics.StatisticsCollector;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.jspecify.annotations.Nullable;

/**
 * Statement parameters of the JDBC store: the INSERT of a job and the column order it binds, the
 * tracking columns, and null-aware setters. The column order here and in {@link Rows} is the
 * schema's.
 */
public final class JobParams {
  private static final String INSERT = "INSERT INTO printernizer_jobs (id, printer_id, name,"
      + " file_name, normalized_file, auto_created, created_at, run_key, printer_job_id, detection,"
      + " discovery_time, printer_start_time, status, open_printer, start_time, end_time, progress,"
      + " remaining_ms, layer_num, total_layers, pause_count, paused_ms, gaps, close_reason,"
      + " customer, business, material_cost, notes, version, " + PrintFileColumns.COLUMNS
      + ", " + CostColumns.COLUMNS + ", stat_time, auto_metadata) VALUES (?, ?, ?, ?, ?, ?, ?,"
      + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
      + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, %s)";

  private JobParams() {}

  /**
   * @param jsonParameter the dialect's placeholder for a JSON parameter
   * @return the INSERT of one job, every column
   */
  public static String insertSql(String jsonParameter) {
    return String.format(INSERT, jsonParameter);
  }

  /** Binds plain values: String, Long, Integer, Boolean. */
  public static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a instanceof String) {
        ps.setString(i + 1, (String) a);
      } else if (a instanceof Long) {
        ps.setLong(i + 1, (Long) a);
      } else if (a instanceof Integer) {
        ps.setInt(i + 1, (Integer) a);
      } else if (a instanceof Boolean) {
        ps.setBoolean(i + 1, (Boolean) a);
      } else {
        throw new IllegalArgumentException("cannot bind " + a);
      }
    }
  }

  /**
   * The SET list of an UPDATE that writes every tracking column.
   *
   * @return the assignments, in {@link #bindTracking} order
   */
  public static String trackingAssignments() {
    return "status = ?, open_printer = ?, start_time = ?, end_time = ?, progress = ?,"
        + " remaining_ms = ?, layer_num = ?, total_layers = ?, pause_count = ?, paused_ms = ?,"
        + " gaps = ?, close_reason = ?";
  }

  /**
   * Binds the tracking columns from {@code i} on.
   *
   * @param ps the statement
   * @param i the first parameter index
   * @param printer the job's printer (the open-printer column while the job is open)
   * @param t the tracking
   * @return the next parameter index
   * @throws SQLException on failure
   */
  public static int bindTracking(PreparedStatement ps, int i, PrinterId printer, Tracking t)
      throws SQLException {
    ps.setString(i++, t.status().name());
    setString(ps, i++, t.status().isOpen() ? printer.value() : null);
    setLong(ps, i++, Rows.millis(t.startTime().orElse(null)));
    setLong(ps, i++, Rows.millis(t.endTime().orElse(null)));
    ps.setDouble(i++, t.progress());
    setLong(ps, i++, t.remaining().map(java.time.Duration::toMillis).orElse(null));
    setInt(ps, i++, t.layer().orElse(null));
    setInt(ps, i++, t.totalLayers().orElse(null));
    ps.setInt(i++, t.pauseCount());
    ps.setLong(i++, t.pausedTotal().toMillis());
    setString(ps, i++, Rows.encodeGaps(t.gaps()));
    setString(ps, i++, t.closeReason().orElse(null));
    return i;
  }

  /** Binds every column of {@link #insertSql}. */
  public static void bindInsert(PreparedStatement ps, Job j) throws SQLException {
    RunLink r = j.run().orElse(null);
    int i = 1;
    ps.setString(i++, j.id());
    ps.setString(i++, j.printerId().value());
    ps.setString(i++, j.name());
    setString(ps, i++, j.fileName().orElse(null));
    setString(ps, i++, j.normalizedFile().orElse(null));
    ps.setBoolean(i++, j.autoCreated());
    ps.setLong(i++, j.createdAt().toEpochMilli());
    setString(ps, i++, r == null ? null : r.runKey());
    setString(ps, i++, r == null ? null : r.printerJobId());
    setString(ps, i++, r == null ? null : r.detection().name());
    setLong(ps, i++, r == null ? null : r.discoveryTime().toEpochMilli());
    setLong(ps, i++, r == null ? null : Rows.millis(r.printerStartTime()));
    i = bindTracking(ps, i, j.printerId(), j.tracking()); // same column order as the INSERT
    BusinessFields b = j.business();
    setString(ps, i++, b.customer());
    ps.setBoolean(i++, b.business());
    if (b.materialCost() == null) {
      ps.setNull(i++, Types.DECIMAL);
    } else {
      ps.setBigDecimal(i++, b.materialCost());
    }
    setString(ps, i++, b.notes());
    ps.setLong(i++, j.version());
    i = PrintFileColumns.bind(ps, i, j.printFile().orElse(null));
    i = CostColumns.bind(ps, i, j.cost().orElse(null));
    ps.setLong(i++, StatisticsCollector.time(j).toEpochMilli());
    setString(ps, i, r == null ? null : j.customerInfoJson());
  }

  /** Binds a text or NULL. */
  public static void setString(PreparedStatement ps, int i,
      @Nullable String v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.VARCHAR);
    } else {
      ps.setString(i, v);
    }
  }

  /** Binds a whole number or NULL. */
  public static void setLong(PreparedStatement ps, int i, @Nullable Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }

  /** Binds an int or NULL. */
  public static void setInt(PreparedStatement ps, int i, @Nullable Integer v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setInt(i, v);
    }
  }

  /** Binds a double or NULL. */
  public static void setDouble(PreparedStatement ps, int i, @Nullable Double v)
      throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.DOUBLE);
    } else {
      ps.setDouble(i, v);
    }
  }
}
