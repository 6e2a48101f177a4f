package dev.printernizer.jdbc.internal;

import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterId;
import dev.printernizer.statistics.JobStatistics;
import dev.printernizer.statistics.JobTotals;
import dev.printernizer.statistics.MaterialTotals;
import dev.printernizer.statistics.StatisticsQuery;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Statistics of the whole history from the running totals ({@link Rollups}), so the cost
 * depends on printers and months, not on the number of jobs. The totals count each job in its
 * UTC month; a month in another zone starts up to 14 hours earlier or later, so the jobs between
 * each UTC month start and the zone's month start (found on the index of {@code stat_time}) are
 * moved to the month they belong to in that zone. Exact for every zone.
 */
final class RollupStatistics {
  private static final String CLOSED = "status IN ('COMPLETED', 'FAILED', 'CANCELLED',"
      + " 'INTERRUPTED')";

  private RollupStatistics() {}

  /** Signed running figures of one group while moving jobs between months. */
  private static final class Acc {
    long jobs;
    long printingMs;
    long mg;
    long micro;

    void add(long j, long p, long g, long m, int sign) {
      jobs += sign * j;
      printingMs += sign * p;
      mg += sign * g;
      micro += sign * m;
    }
  }

  private record Group(String printer, String status, YearMonth month, String currency) {}

  static JobStatistics compute(Connection c, StatisticsQuery q) throws SQLException {
    List<Object> args = new ArrayList<>();
    String where = JobFilter.where(JobFilter.conditions(q.filter(), args));
    Map<Group, Acc> groups = new HashMap<>();
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    try (PreparedStatement ps = c.prepareStatement("SELECT printer_id, status, month_utc,"
        + " currency, SUM(jobs), SUM(printing_ms), SUM(mg), SUM(micro) FROM " + Rollups.JOBS
        + where + " GROUP BY printer_id, status, month_utc, currency")) {
      JobParams.bind(ps, args.toArray());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getLong(5) == 0) {
            continue;
          }
          int month = rs.getInt(3);
          min = Math.min(min, month);
          max = Math.max(max, month);
          groups.computeIfAbsent(new Group(rs.getString(1), rs.getString(2), yearMonth(month),
              rs.getString(4)), g -> new Acc()).add(rs.getLong(5), rs.getLong(6), rs.getLong(7),
              rs.getLong(8), 1);
        }
      }
    }
    if (groups.isEmpty()) {
      return JobStatistics.empty(q.zone());
    }
    moveAcrossZoneMonthStarts(c, q.zone(), where, args, min, max, groups);
    return fold(q.zone(), groups, materials(c, where, args));
  }

  private static YearMonth yearMonth(int month) {
    return YearMonth.of(Math.floorDiv(month, 12), Math.floorMod(month, 12) + 1);
  }

  /**
   * Jobs between a UTC month start and the zone's start of that month: counted in one month by
   * the totals, belonging to the neighbouring one in the zone.
   */
  private static void moveAcrossZoneMonthStarts(Connection c, ZoneId zone, String where,
      List<Object> args, int min, int max, Map<Group, Acc> groups) throws SQLException {
    List<long[]> windows = new ArrayList<>(); // from, to, month in the totals, month in the zone
    for (int k = min; k <= max + 1; k++) {
      long u = Rollups.monthStart(k);
      long z = yearMonth(k).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
      if (z < u) {
        windows.add(new long[] {z, u, k - 1, k});
      } else if (z > u) {
        windows.add(new long[] {u, z, k, k - 1});
      }
    }
    if (windows.isEmpty()) {
      return;
    }
    StringBuilder which = new StringBuilder("CASE");
    StringBuilder any = new StringBuilder();
    for (int i = 0; i < windows.size(); i++) {
      long[] w = windows.get(i);
      String in = "(stat_time >= " + w[0] + " AND stat_time < " + w[1] + ")";
      which.append(" WHEN ").append(in).append(" THEN ").append(i);
      any.append(i == 0 ? "" : " OR ").append(in);
    }
    which.append(" END");
    String sql = "SELECT printer_id, status, cur, w, COUNT(*), SUM(p), SUM(g), SUM(m) FROM"
        + " (SELECT printer_id, status, " + which + " AS w, CASE WHEN " + CLOSED
        + " THEN COALESCE(cost_currency, '') ELSE '' END AS cur, CASE WHEN " + CLOSED
        + " AND start_time IS NOT NULL AND end_time IS NOT NULL AND end_time - start_time"
        + " - paused_ms > 0 THEN end_time - start_time - paused_ms ELSE 0 END AS p,"
        + " CASE WHEN " + CLOSED + " THEN used_grams END AS g, CASE WHEN " + CLOSED
        + " THEN cost_total END AS m FROM printernizer_jobs" + where
        + (where.isEmpty() ? " WHERE (" : " AND (") + any + ")) x"
        + " GROUP BY printer_id, status, cur, w";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      JobParams.bind(ps, args.toArray());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long[] w = windows.get(rs.getInt(4));
          BigDecimal cost = rs.getBigDecimal(8);
          long mg = Math.round(rs.getDouble(7) * 1000);
          long micro = cost == null ? 0 : Rollups.micro(cost);
          String printer = rs.getString(1);
          String status = rs.getString(2);
          String cur = rs.getString(3);
          long n = rs.getLong(5);
          long p = rs.getLong(6);
          groups.computeIfAbsent(new Group(printer, status, yearMonth((int) w[2]), cur),
              g -> new Acc()).add(n, p, mg, micro, -1);
          groups.computeIfAbsent(new Group(printer, status, yearMonth((int) w[3]), cur),
              g -> new Acc()).add(n, p, mg, micro, 1);
        }
      }
    }
  }

  private static JobStatistics fold(ZoneId zone, Map<Group, Acc> groups,
      Map<String, MaterialTotals> materials) {
    Map<PrinterId, JobTotals> byPrinter = new HashMap<>();
    Map<YearMonth, JobTotals> byMonth = new HashMap<>();
    Map<JobStatus, JobTotals> byStatus = new HashMap<>();
    JobTotals total = JobTotals.NONE;
    for (Map.Entry<Group, Acc> e : groups.entrySet()) {
      Acc a = e.getValue();
      if (a.jobs == 0) {
        continue;
      }
      if (a.jobs < 0 || a.printingMs < 0 || a.mg < -5 || a.micro < 0) {
        throw new IllegalStateException("the statistics totals of " + e.getKey()
            + " are negative; they no longer match the jobs");
      }
      Group g = e.getKey();
      JobStatus s = JobStatus.valueOf(g.status);
      long n = a.jobs;
      JobTotals t = new JobTotals(n, s == JobStatus.COMPLETED ? n : 0,
          s == JobStatus.FAILED ? n : 0, s == JobStatus.CANCELLED ? n : 0,
          s == JobStatus.INTERRUPTED ? n : 0, Duration.ofMillis(a.printingMs),
          Math.max(0, a.mg) / 1000.0, g.currency.isEmpty() ? Map.of()
              : Map.of(g.currency, BigDecimal.valueOf(a.micro, 6)));
      total = total.plus(t);
      byPrinter.merge(PrinterId.of(g.printer), t, JobTotals::plus);
      byMonth.merge(g.month, t, JobTotals::plus);
      byStatus.merge(s, t, JobTotals::plus);
    }
    return new JobStatistics(zone, total, byPrinter, byMonth, byStatus, materials);
  }

  private static Map<String, MaterialTotals> materials(Connection c, String where,
      List<Object> args) throws SQLException {
    Map<String, MaterialTotals> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT material, currency, SUM(jobs),"
        + " SUM(mg), SUM(micro), SUM(priced) FROM " + Rollups.MATERIALS + where
        + " GROUP BY material, currency")) {
      JobParams.bind(ps, args.toArray());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getLong(3) == 0) {
            continue;
          }
          String material = rs.getString(1);
          String cur = rs.getString(2);
          Map<String, BigDecimal> cost = cur.isEmpty() || rs.getLong(6) == 0 ? Map.of()
              : Map.of(cur, BigDecimal.valueOf(rs.getLong(5), 6));
          out.merge(material, new MaterialTotals(material, rs.getLong(3),
              rs.getLong(4) / 1000.0, cost), MaterialTotals::plus);
        }
      }
    }
    return out;
  }
}
