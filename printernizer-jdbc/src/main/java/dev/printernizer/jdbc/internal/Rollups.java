package dev.printernizer.jdbc.internal;

import dev.printernizer.api.Job;
import dev.printernizer.api.JobCost;
import dev.printernizer.statistics.JobTotals;
import dev.printernizer.statistics.StatisticsCollector;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Running totals for statistics, kept in the transaction of every job write: per printer,
 * status, origin, cost currency and UTC month ({@code printernizer_job_rollup}), and per
 * material, printer, status, origin and currency ({@code printernizer_material_rollup}). A write
 * adds the job's contribution after it and subtracts the one before it; keys are updated in one
 * sorted order, so two writes never wait on each other's rows in a cycle. Amounts are integers
 * (milligrams, millionths of the currency), so adding and subtracting never drifts.
 */
public final class Rollups {
  /** The job totals table. */
  public static final String JOBS = "printernizer_job_rollup";
  /** The material totals table. */
  public static final String MATERIALS = "printernizer_material_rollup";

  private Rollups() {}

  /** The key of a job's row in {@link #JOBS}. */
  record Key(String printer, String status, boolean auto, String currency, int month)
      implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      return (printer + '\0' + status + '\0' + auto + '\0' + currency + '\0' + month)
          .compareTo(o.printer + '\0' + o.status + '\0' + o.auto + '\0' + o.currency + '\0'
              + o.month);
    }
  }

  /** The key of a job's row in {@link #MATERIALS}. */
  record MaterialKey(String material, String printer, String status, boolean auto,
      String currency) implements Comparable<MaterialKey> {
    @Override
    public int compareTo(MaterialKey o) {
      return (material + '\0' + printer + '\0' + status + '\0' + auto + '\0' + currency)
          .compareTo(o.material + '\0' + o.printer + '\0' + o.status + '\0' + o.auto + '\0'
              + o.currency);
    }
  }

  /** Figures of a row: jobs, printing ms, milligrams, millionths of the currency, priced. */
  record Figures(long jobs, long printingMs, long mg, long micro, long priced) {
    Figures plus(Figures o, int sign) {
      return new Figures(jobs + sign * o.jobs, printingMs + sign * o.printingMs,
          mg + sign * o.mg, micro + sign * o.micro, priced + sign * o.priced);
    }

    boolean isZero() {
      return jobs == 0 && printingMs == 0 && mg == 0 && micro == 0 && priced == 0;
    }
  }

  /** A UTC month as a number: year * 12 + month - 1. */
  public static int month(long epochMilli) {
    ZonedDateTime t = java.time.Instant.ofEpochMilli(epochMilli).atZone(ZoneOffset.UTC);
    return t.getYear() * 12 + t.getMonthValue() - 1;
  }

  /** The first instant of a UTC month number. */
  public static long monthStart(int month) {
    return ZonedDateTime.of(Math.floorDiv(month, 12), Math.floorMod(month, 12) + 1, 1, 0, 0, 0,
        0, ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  /** Amounts in millionths, exact for every amount a cost can hold (at most 6 decimals). */
  static long micro(BigDecimal v) {
    return v.setScale(6, RoundingMode.HALF_UP).unscaledValue().longValueExact();
  }

  static long mg(double grams) {
    return Math.round(grams * 1000);
  }

  private static String currency(Job j) {
    return j.status().isClosed() ? j.cost().map(JobCost::currency).orElse("") : "";
  }

  private static void contribute(Job j, int sign, Map<Key, Figures> jobs,
      Map<MaterialKey, Figures> materials) {
    JobTotals t = StatisticsCollector.totals(j);
    String currency = currency(j);
    String status = j.status().name();
    BigDecimal cost = currency.isEmpty() ? BigDecimal.ZERO : t.cost().get(currency);
    Key k = new Key(j.printerId().value(), status, j.autoCreated(), currency,
        month(StatisticsCollector.time(j).toEpochMilli()));
    Figures f = new Figures(1, t.printingTime().toMillis(), mg(t.filamentGrams()),
        micro(cost == null ? BigDecimal.ZERO : cost), 0);
    jobs.merge(k, new Figures(0, 0, 0, 0, 0).plus(f, sign), (a, b) -> a.plus(b, 1));
    for (Map.Entry<String, StatisticsCollector.MaterialUse> m
        : StatisticsCollector.materials(j).entrySet()) {
      BigDecimal amount = currency.isEmpty() ? null : m.getValue().amount();
      Figures mf = new Figures(1, 0, mg(m.getValue().grams()),
          amount == null ? 0 : micro(amount), amount == null ? 0 : 1);
      materials.merge(new MaterialKey(m.getKey(), k.printer, status, k.auto, currency),
          new Figures(0, 0, 0, 0, 0).plus(mf, sign), (a, b) -> a.plus(b, 1));
    }
  }

  /**
   * Moves a job's contribution from how it was to how it is; call in the write's transaction,
   * after the write.
   *
   * @param c the connection
   * @param d the dialect
   * @param before the job before the write, or null for a new job
   * @param after the job after the write, or null when it was deleted
   * @throws SQLException on failure
   */
  public static void apply(Connection c, Dialect d, @Nullable Job before, @Nullable Job after)
      throws SQLException {
    Map<Key, Figures> jobs = new TreeMap<>();
    Map<MaterialKey, Figures> materials = new TreeMap<>();
    if (before != null) {
      contribute(before, -1, jobs, materials);
    }
    if (after != null) {
      contribute(after, 1, jobs, materials);
    }
    jobs.values().removeIf(Figures::isZero);
    materials.values().removeIf(Figures::isZero);
    write(c, d, jobs, materials);
    // an insert writes stat_time itself; an update that moves the job's time (adoption, the
    // first report of the start) moves it here
    if (after != null && before != null && !StatisticsCollector.time(before)
        .equals(StatisticsCollector.time(after))) {
      try (PreparedStatement ps = c.prepareStatement("UPDATE printernizer_jobs SET"
          + " stat_time = ? WHERE id = ?")) {
        ps.setLong(1, StatisticsCollector.time(after).toEpochMilli());
        ps.setString(2, after.id());
        ps.executeUpdate();
      }
    }
  }

  /**
   * A fingerprint of the running totals: every job write that changes statistics changes it.
   * On H2, statistics are read at read committed between two fingerprints and read again when
   * they differ (a write committed in between); two writes that exactly cancel each other
   * between the two reads are not seen, and change no total either.
   *
   * @param c the connection
   * @return the fingerprint
   * @throws SQLException on failure
   */
  public static List<Long> fingerprint(Connection c) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(jobs), SUM(printing_ms),"
            + " SUM(mg), SUM(micro) FROM " + JOBS)) {
      rs.next();
      for (int i = 1; i <= 5; i++) {
        out.add(rs.getLong(i));
      }
    }
    try (java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(jobs), SUM(mg),"
            + " SUM(micro), SUM(priced) FROM " + MATERIALS)) {
      rs.next();
      for (int i = 1; i <= 5; i++) {
        out.add(rs.getLong(i));
      }
    }
    return out;
  }

  /**
   * Fills empty totals from the jobs (a database that reached schema version 4 with a history);
   * does nothing when there are totals already or no jobs.
   *
   * @param ds the data source
   * @param d the dialect
   * @return how many jobs were counted
   * @throws SQLException on failure
   */
  public static long rebuildIfEmpty(javax.sql.DataSource ds, Dialect d) throws SQLException {
    try (Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT (SELECT COUNT(*) FROM " + JOBS
            + "), (SELECT COUNT(*) FROM printernizer_jobs)")) {
      rs.next();
      if (rs.getLong(1) > 0 || rs.getLong(2) == 0) {
        return 0;
      }
    }
    Map<Key, Figures> jobs = new TreeMap<>();
    Map<MaterialKey, Figures> materials = new TreeMap<>();
    long n = 0;
    java.util.Iterator<Job> all = new KeysetPages(ds, dev.printernizer.api.JobQuery.all(),
        e -> new dev.printernizer.jdbc.JobStoreException("reading the jobs to fill the"
            + " statistics totals failed: " + e.getMessage(), e));
    while (all.hasNext()) {
      contribute(all.next(), 1, jobs, materials);
      n++;
    }
    Tx.run(ds, c -> {
      write(c, d, jobs, materials);
      return Boolean.TRUE;
    }, e -> new dev.printernizer.jdbc.JobStoreException("filling the statistics totals failed: "
        + e.getMessage(), e));
    return n;
  }

  /** Adds each key's figures to its row, keys in their sorted order. */
  private static void write(Connection c, Dialect d, Map<Key, Figures> jobs,
      Map<MaterialKey, Figures> materials) throws SQLException {
    for (Map.Entry<Key, Figures> e : jobs.entrySet()) {
      Key k = e.getKey();
      add(c, d, JOBS, List.of("printer_id", "status", "auto_created", "currency", "month_utc"),
          List.of(k.printer, k.status, k.auto, k.currency, k.month), e.getValue(), false);
    }
    for (Map.Entry<MaterialKey, Figures> e : materials.entrySet()) {
      MaterialKey k = e.getKey();
      add(c, d, MATERIALS, List.of("material", "printer_id", "status", "auto_created",
          "currency"), List.of(k.material, k.printer, k.status, k.auto, k.currency),
          e.getValue(), true);
    }
  }

  /** Adds figures to a row, creating it if needed, in the dialect's way. */
  private static void add(Connection c, Dialect d, String table, List<String> keys,
      List<Object> values, Figures f, boolean material) throws SQLException {
    List<String> cols = new ArrayList<>(keys);
    List<Object> vals = new ArrayList<>(values);
    cols.addAll(List.of("jobs", "mg", "micro"));
    vals.addAll(List.of(f.jobs, f.mg, f.micro));
    if (material) {
      cols.add("priced");
      vals.add(f.priced);
    } else {
      cols.add("printing_ms");
      vals.add(f.printingMs);
    }
    List<String> sums = cols.subList(keys.size(), cols.size());
    String where = String.join(" = ? AND ", keys) + " = ?";
    String update = "UPDATE " + table + " SET " + String.join(", ", sums.stream()
        .map(s -> s + " = " + s + " + ?").toList()) + " WHERE " + where;
    String insert = "INSERT INTO " + table + " (" + String.join(", ", cols) + ") VALUES ("
        + String.join(", ", cols.stream().map(x -> "?").toList()) + ")";
    switch (d) {
      case POSTGRESQL:
      case SQLITE:
        run(c, insert + " ON CONFLICT (" + String.join(", ", keys) + ") DO UPDATE SET "
            + String.join(", ", sums.stream().map(s -> s + " = " + table + "." + s
                + " + excluded." + s).toList()), vals);
        return;
      case MARIADB:
        run(c, insert + " ON DUPLICATE KEY UPDATE " + String.join(", ", sums.stream()
            .map(s -> s + " = " + s + " + VALUES(" + s + ")").toList()), vals);
        return;
      default: { // H2: update, else insert, else (a concurrent insert won) update
        List<Object> upd = new ArrayList<>(vals.subList(keys.size(), vals.size()));
        upd.addAll(values);
        if (run(c, update, upd) == 1) {
          return;
        }
        try {
          run(c, insert, vals);
        } catch (SQLException e) {
          if (!Dialect.isUniqueViolation(e)) {
            throw e;
          }
          run(c, update, upd);
        }
      }
    }
  }

  private static int run(Connection c, String sql, List<Object> args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      JobParams.bind(ps, args.toArray());
      return ps.executeUpdate();
    }
  }
}
