package dev.printernizer.examples.server;

import com.sun.net.httpserver.HttpExchange;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterId;
import dev.printernizer.export.JobExport;
import dev.printernizer.spi.JobStore;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job filters of {@code /api/jobs} read from a request, and the export download that takes
 * the same filters. Bad parameters are an {@link IllegalArgumentException} (a JSON 400).
 */
final class JobQueries {
  private static final Logger LOG = LoggerFactory.getLogger(JobQueries.class);

  private JobQueries() {}

  /** The query parameters of a request, decoded (the last of a repeated name wins). */
  static Map<String, String> params(HttpExchange ex) {
    Map<String, String> q = new LinkedHashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String kv : raw.split("&", -1)) {
        int i = kv.indexOf('=');
        if (i > 0) {
          q.put(URLDecoder.decode(kv.substring(0, i), StandardCharsets.UTF_8),
              URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return q;
  }

  /** The filters of {@code /api/jobs}: printer, status (comma separated), auto. */
  static JobQuery filter(Map<String, String> q) {
    JobQuery query = JobQuery.all();
    if (q.containsKey("printer")) {
      query = query.withPrinter(PrinterId.of(q.get("printer")));
    }
    if (q.containsKey("status")) {
      Set<JobStatus> s = EnumSet.noneOf(JobStatus.class);
      for (String v : q.get("status").split(",", -1)) {
        if (!v.isEmpty()) { // "running," names one status
          s.add(JobStatus.fromWireName(v));
        }
      }
      query = query.withStatuses(s);
    }
    if (q.containsKey("auto")) {
      String a = q.get("auto");
      if (!a.equals("true") && !a.equals("false")) {
        throw new IllegalArgumentException("auto must be true or false, was '" + a + "'");
      }
      query = query.withAutoCreated(Boolean.parseBoolean(a));
    }
    return query;
  }

  /** A whole-number parameter, or the default when absent. */
  static int intParam(Map<String, String> q, String key, int dflt) {
    String v = q.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, was '" + v + "'");
    }
  }

  /**
   * Streams {@code /api/jobs/export?format=csv|csv-excel|jsonl} with the filters of
   * {@code /api/jobs}; bad parameters are answered before anything is sent.
   */
  static void export(HttpExchange ex, JobStore store) throws IOException {
    Map<String, String> q = params(ex);
    String format = q.getOrDefault("format", "csv");
    JobExport export;
    switch (format) {
      case "csv": export = JobExport.csv(); break;
      case "csv-excel": export = JobExport.csvForExcel(); break;
      case "jsonl": export = JobExport.jsonLines(); break;
      default:
        throw new IllegalArgumentException("format must be csv, csv-excel or jsonl, was '"
            + format + "'");
    }
    JobQuery filter = filter(q);
    ex.getResponseHeaders().set("Content-Type", export.contentType());
    ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"printernizer-jobs."
        + export.fileExtension() + "\"");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.sendResponseHeaders(200, 0); // streamed: chunked
    try {
      export.write(store, filter, ex.getResponseBody());
    } catch (RuntimeException e) { // the status is sent: the client sees a cut-off download
      LOG.error("export failed after it started", e);
    }
  }
}
