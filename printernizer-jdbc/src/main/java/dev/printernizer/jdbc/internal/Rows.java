package dev.printernizer.jdbc.internal;

import dev.printernizer.api.BusinessFields;
import dev.printernizer.api.ConnectionGap;
import dev.printernizer.api.Detection;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.Tracking;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Maps rows to jobs and encodes the few composite values (gap lists). */
public final class Rows {
  /** The columns every job query selects, in the order {@link #job(ResultSet)} reads them. */
  public static final String COLUMNS = "id, printer_id, name, file_name, auto_created, created_at,"
      + " run_key, printer_job_id, detection, discovery_time, printer_start_time, status,"
      + " start_time, end_time, progress, remaining_ms, layer_num, total_layers, pause_count,"
      + " paused_ms, gaps, close_reason, customer, business, material_cost, notes, version,"
      + " normalized_file, " + PrintFileColumns.COLUMNS + ", " + CostColumns.COLUMNS;

  private Rows() {}

  /**
   * @param rs a row of {@link #COLUMNS}
   * @return the job
   * @throws SQLException on failure
   */
  public static Job job(ResultSet rs) throws SQLException {
    String runKey = rs.getString(7);
    RunLink link = runKey == null ? null : new RunLink(runKey, rs.getString(8),
        Detection.valueOf(rs.getString(9)),
        Objects.requireNonNull(instant(rs, 10), "discovery_time of a job with a run key"),
        instant(rs, 11));
    Tracking t = Tracking.of(JobStatus.valueOf(rs.getString(12)), instant(rs, 13),
        instant(rs, 14), rs.getDouble(15), duration(rs, 16), integer(rs, 17), integer(rs, 18),
        rs.getInt(19), Duration.ofMillis(rs.getLong(20)), decodeGaps(rs.getString(21)),
        rs.getString(22));
    return Job.builder(rs.getString(1), PrinterId.of(rs.getString(2)), rs.getString(3),
            Instant.ofEpochMilli(rs.getLong(6)))
        .fileName(rs.getString(4))
        .normalizedFile(rs.getString(28)) // as stored: the print's identity
        .autoCreated(rs.getBoolean(5))
        .run(link)
        .tracking(t)
        .business(new BusinessFields(rs.getString(23), rs.getBoolean(24), rs.getBigDecimal(25),
            rs.getString(26)))
        .version(rs.getLong(27))
        .printFile(PrintFileColumns.read(rs, 29))
        .cost(CostColumns.read(rs, 29 + PrintFileColumns.COUNT))
        .build();
  }

  private static @Nullable Instant instant(ResultSet rs, int i) throws SQLException {
    long v = rs.getLong(i);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  private static @Nullable Duration duration(ResultSet rs, int i) throws SQLException {
    long v = rs.getLong(i);
    return rs.wasNull() ? null : Duration.ofMillis(v);
  }

  private static @Nullable Integer integer(ResultSet rs, int i) throws SQLException {
    int v = rs.getInt(i);
    return rs.wasNull() ? null : v;
  }

  /**
   * @param i an instant or null
   * @return epoch milliseconds or null
   */
  public static @Nullable Long millis(@Nullable Instant i) {
    return i == null ? null : i.toEpochMilli();
  }

  /**
   * @param gaps connection gaps
   * @return {@code [[from,to],...]} in epoch milliseconds, or null when empty
   */
  public static @Nullable String encodeGaps(List<ConnectionGap> gaps) {
    if (gaps.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder("[");
    for (ConnectionGap g : gaps) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append('[').append(g.from().toEpochMilli()).append(',').append(g.to().toEpochMilli())
          .append(']');
    }
    return sb.append(']').toString();
  }

  static List<ConnectionGap> decodeGaps(String s) {
    List<ConnectionGap> out = new ArrayList<>();
    if (s == null || s.isBlank()) {
      return out;
    }
    String body = s.replace(" ", "").replace("[[", "").replace("]]", "");
    if (body.equals("[]") || body.isEmpty()) {
      return out;
    }
    for (String pair : body.split("\\],\\[", -1)) {
      String[] p = pair.split(",", -1);
      out.add(new ConnectionGap(Instant.ofEpochMilli(Long.parseLong(p[0])),
          Instant.ofEpochMilli(Long.parseLong(p[1]))));
    }
    return out;
  }
}
