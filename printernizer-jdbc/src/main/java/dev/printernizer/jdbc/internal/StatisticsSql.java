package dev.printernizer.jdbc.internal;

import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterId;
import dev.printernizer.statistics.JobStatistics;
import dev.printernizer.statistics.JobTotals;
import dev.printernizer.statistics.MaterialTotals;
import dev.printernizer.statistics.StatisticsQuery;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Statistics of a time range in SQL (without a range, {@link RollupStatistics} answers from the
 * running totals): one aggregate over the jobs in the range (on the index of {@code stat_time})
 * grouped by printer, status, month and currency
 * (the month from a CASE over the month boundaries in the asked zone, computed here, so every
 * zone and daylight saving rule is exact on all four databases), one over the material rows;
 * the groups are folded into the breakdowns here. Figures follow
 * {@link dev.printernizer.statistics.StatisticsCollector}.
 */
public final class StatisticsSql {
  private static final String JOBS = "printernizer_jobs";
  private static final String TIME = "stat_time";
  private static final String CLOSED = "status IN ('COMPLETED', 'FAILED', 'CANCELLED',"
      + " 'INTERRUPTED')";
  private static final String PRINTING_MS = "CASE WHEN " + CLOSED + " AND start_time IS NOT NULL"
      + " AND end_time IS NOT NULL AND end_time - start_time - paused_ms > 0"
      + " THEN end_time - start_time - paused_ms ELSE 0 END";
  /** More months than this between the first and the last job are refused (200 years). */
  private static final int MAX_MONTHS = 2400;

  private StatisticsSql() {}

  /**
   * @param c a connection
   * @param q the query
   * @return the statistics
   * @throws SQLException on failure
   */
  public static JobStatistics compute(Connection c, StatisticsQuery q) throws SQLException {
    if (q.from() == null && q.to() == null) {
      return RollupStatistics.compute(c, q);
    }
    List<Object> args = new ArrayList<>();
    List<String> conds = JobFilter.conditions(q.filter(), args);
    if (q.from() != null) {
      conds.add(TIME + " >= ?");
      args.add(q.from().toEpochMilli());
    }
    if (q.to() != null) {
      conds.add(TIME + " < ?");
      args.add(q.to().toEpochMilli());
    }
    String where = JobFilter.where(conds);
    long min;
    long max;
    try (PreparedStatement ps = c.prepareStatement("SELECT MIN(" + TIME + "), MAX(" + TIME
        + "), COUNT(*) FROM " + JOBS + where)) {
      JobParams.bind(ps, args.toArray());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getLong(3) == 0) {
          return JobStatistics.empty(q.zone());
        }
        min = rs.getLong(1);
        max = rs.getLong(2);
      }
    }
    List<YearMonth> months = months(min, max, q.zone());
    List<Long> bounds = new ArrayList<>(); // bounds.get(i): the first instant of months(i + 1)
    for (int i = 1; i < months.size(); i++) {
      bounds.add(months.get(i).atDay(1).atStartOfDay(q.zone()).toInstant().toEpochMilli());
    }
    String bucket = bucket(bounds, 0, months.size());
    String sql = "SELECT printer_id, status, b, cost_currency, COUNT(*), SUM(p), SUM(g), SUM(m)"
        + " FROM (SELECT printer_id, status, " + bucket + " AS b, cost_currency, " + PRINTING_MS
        + " AS p, CASE WHEN " + CLOSED + " THEN used_grams END AS g, CASE WHEN " + CLOSED
        + " THEN cost_total END AS m FROM " + JOBS + where + ") x"
        + " GROUP BY printer_id, status, b, cost_currency";
    Map<PrinterId, JobTotals> byPrinter = new HashMap<>();
    Map<YearMonth, JobTotals> byMonth = new HashMap<>();
    Map<JobStatus, JobTotals> byStatus = new HashMap<>();
    JobTotals total = JobTotals.NONE;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      JobParams.bind(ps, args.toArray());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          JobStatus s = JobStatus.valueOf(rs.getString(2));
          String currency = rs.getString(4);
          BigDecimal cost = rs.getBigDecimal(8);
          long n = rs.getLong(5);
          JobTotals t = new JobTotals(n, s == JobStatus.COMPLETED ? n : 0,
              s == JobStatus.FAILED ? n : 0, s == JobStatus.CANCELLED ? n : 0,
              s == JobStatus.INTERRUPTED ? n : 0, Duration.ofMillis(rs.getLong(6)),
              rs.getDouble(7), currency == null || cost == null ? Map.of()
                  : Map.of(currency, scale(cost)));
          total = total.plus(t);
          byPrinter.merge(PrinterId.of(rs.getString(1)), t, JobTotals::plus);
          byMonth.merge(months.get(rs.getInt(3)), t, JobTotals::plus);
          byStatus.merge(s, t, JobTotals::plus);
        }
      }
    }
    return new JobStatistics(q.zone(), total, byPrinter, byMonth, byStatus,
        materials(c, where, args));
  }

  private static Map<String, MaterialTotals> materials(Connection c, String where,
      List<Object> args) throws SQLException {
    String sql = "SELECT material, cost_currency, COUNT(*), SUM(grams), SUM(cost_amount) FROM "
        + MaterialRows.TABLE + " JOIN " + JOBS + " ON id = job_id" + where
        + " GROUP BY material, cost_currency";
    Map<String, MaterialTotals> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      JobParams.bind(ps, args.toArray());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String material = rs.getString(1);
          String currency = rs.getString(2);
          BigDecimal cost = rs.getBigDecimal(5);
          out.merge(material, new MaterialTotals(material, rs.getLong(3), rs.getDouble(4),
              currency == null || cost == null ? Map.of() : Map.of(currency, scale(cost))),
              MaterialTotals::plus);
        }
      }
    }
    return out;
  }

  /** Sums of DECIMAL(19,4) columns; SQLite adds them as binary floating point. */
  private static BigDecimal scale(BigDecimal v) {
    return v.setScale(4, RoundingMode.HALF_UP);
  }

  private static List<YearMonth> months(long min, long max, ZoneId zone) {
    YearMonth first = YearMonth.from(Instant.ofEpochMilli(min).atZone(zone));
    YearMonth last = YearMonth.from(Instant.ofEpochMilli(max).atZone(zone));
    List<YearMonth> out = new ArrayList<>();
    for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
      out.add(m);
      if (out.size() > MAX_MONTHS) {
        throw new IllegalStateException("the jobs span more than " + MAX_MONTHS + " months ("
            + first + " to " + last + "); narrow the query with a time range");
      }
    }
    return out;
  }

  /** A CASE that finds the month index of the job's time by halving [lo, hi). */
  private static String bucket(List<Long> bounds, int lo, int hi) {
    if (hi - lo == 1) {
      return Integer.toString(lo);
    }
    int mid = (lo + hi) / 2;
    return "CASE WHEN " + TIME + " < " + bounds.get(mid - 1) + " THEN " + bucket(bounds, lo, mid)
        + " ELSE " + bucket(bounds, mid, hi) + " END";
  }
}
