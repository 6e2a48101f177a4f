package dev.printernizer.examples.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.printernizer.Printernizer;
import dev.printernizer.statistics.JobStatistics;
import dev.printernizer.statistics.JobTotals;
import dev.printernizer.statistics.MaterialTotals;
import dev.printernizer.statistics.StatisticsQuery;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/statistics?printer=&status=&auto=&from=&to=&zone=}: the statistics of the
 * jobs {@code /api/jobs} would list with the same filters. {@code from} and {@code to} are
 * dates ({@code 2026-01-01}, the start of that day in {@code zone}) or instants; {@code zone} is
 * an IANA zone (default: the server's).
 */
final class StatisticsApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatisticsApi() {}

  static ObjectNode get(Printernizer engine, Map<String, String> q) {
    ZoneId zone;
    try {
      zone = q.containsKey("zone") ? ZoneId.of(q.get("zone")) : ZoneId.systemDefault();
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("zone must be a time zone such as Europe/Berlin, was '"
          + q.get("zone") + "'");
    }
    StatisticsQuery query = new StatisticsQuery(JobQueries.filter(q), zone,
        instant(q, "from", zone), instant(q, "to", zone));
    return json(engine.statistics(query));
  }

  private static @Nullable Instant instant(Map<String, String> q, String key, ZoneId zone) {
    String v = q.get(key);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(zone).toInstant()
          : Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(key + " must be a date (2026-01-31) or an instant"
          + " (2026-01-31T12:00:00Z), was '" + v + "'");
    }
  }

  static ObjectNode json(JobStatistics s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("zone", s.zone().getId());
    n.set("total", totals(s.total()));
    ObjectNode printers = n.putObject("by_printer");
    s.byPrinter().forEach((k, v) -> printers.set(k.value(), totals(v)));
    ObjectNode months = n.putObject("by_month");
    s.byMonth().forEach((k, v) -> months.set(k.toString(), totals(v)));
    ObjectNode statuses = n.putObject("by_status");
    s.byStatus().forEach((k, v) -> statuses.set(k.wireName(), totals(v)));
    ObjectNode materials = n.putObject("by_material");
    s.byMaterial().forEach((k, v) -> materials.set(k, material(v)));
    return n;
  }

  private static ObjectNode totals(JobTotals t) {
    ObjectNode n = JSON.createObjectNode();
    n.put("jobs", t.jobs());
    n.put("completed", t.completed());
    n.put("failed", t.failed());
    n.put("cancelled", t.cancelled());
    n.put("interrupted", t.interrupted());
    n.put("success_rate", t.successRate().orElse(null));
    n.put("printing_hours", Math.round(t.printingHours() * 1000) / 1000.0);
    n.put("filament_grams", Math.round(t.filamentGrams() * 1000) / 1000.0);
    ObjectNode cost = n.putObject("cost");
    t.cost().forEach(cost::put);
    return n;
  }

  private static ObjectNode material(MaterialTotals m) {
    ObjectNode n = JSON.createObjectNode();
    n.put("jobs", m.jobs());
    n.put("grams", Math.round(m.grams() * 1000) / 1000.0);
    ObjectNode cost = n.putObject("cost");
    m.cost().forEach(cost::put);
    return n;
  }
}
