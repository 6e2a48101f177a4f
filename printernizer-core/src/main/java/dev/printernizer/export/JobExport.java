package dev.printernizer.export;

import dev.printernizer.api.CostRates;
import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import dev.printernizer.spi.JobStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Streams a job history as CSV or JSON Lines: every job that matches a query, read with
 * {@link JobStore#scan} a page at a time, so memory stays constant however long the history
 * is. Every field is exported: identity, tracking, the auto-creation metadata, business
 * fields and the print file description (see docs/accounting.md for the columns).
 *
 * <ul>
 *   <li>{@link #csv()}: RFC 4180, comma separated, CRLF line ends, UTF-8 without BOM, a header
 *       row, numbers with a decimal point, instants in ISO-8601 UTC.</li>
 *   <li>{@link #csvForExcel()}: for Excel with German (and other comma-decimal) settings: a
 *       UTF-8 BOM, semicolon separated, decimal comma, and text that Excel would run as a
 *       formula (starting with {@code = + - @}) prefixed with an apostrophe.</li>
 *   <li>{@link #jsonLines()}: one JSON object per job and line, the same fields with JSON types;
 *       {@code filaments} is an array of objects.</li>
 * </ul>
 *
 * <p>The query's filters apply (printer, statuses, origin); its page is ignored: all matching
 * jobs are written, newest first. Jobs created or deleted while an export runs may be missed or
 * written twice (the pages are read one after the other, not in one snapshot).
 *
 * <p>Immutable and thread-safe; each {@code write} call reads the store on the calling thread.
 *
 * @since 0.3
 */
public final class JobExport {
  private final Kind kind;

  private enum Kind { CSV, CSV_EXCEL, JSON_LINES }

  private JobExport(Kind kind) {
    this.kind = kind;
  }

  /**
   * @return the RFC 4180 CSV export
   * @since 0.3
   */
  public static JobExport csv() {
    return new JobExport(Kind.CSV);
  }

  /**
   * @return the CSV export for Excel with comma-decimal settings (BOM, {@code ;}, decimal comma)
   * @since 0.3
   */
  public static JobExport csvForExcel() {
    return new JobExport(Kind.CSV_EXCEL);
  }

  /**
   * @return the JSON Lines export
   * @since 0.3
   */
  public static JobExport jsonLines() {
    return new JobExport(Kind.JSON_LINES);
  }

  /**
   * @return the media type of what {@link #write} writes, with its charset
   * @since 0.3
   */
  public String contentType() {
    return kind == Kind.JSON_LINES ? "application/x-ndjson; charset=utf-8"
        : "text/csv; charset=utf-8";
  }

  /**
   * @return the usual file name extension, without the dot
   * @since 0.3
   */
  public String fileExtension() {
    return kind == Kind.JSON_LINES ? "jsonl" : "csv";
  }

  /**
   * Writes every job of the store that matches the query, as UTF-8.
   *
   * @param store where the jobs are (for an engine: {@code printernizer.jobStore()})
   * @param filter which jobs (its page is ignored)
   * @param out where to write; flushed, not closed
   * @return how many jobs were written
   * @throws IOException when writing fails
   * @since 0.3
   */
  public long write(JobStore store, JobQuery filter, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    long n = write(store, filter, w);
    w.flush();
    return n;
  }

  /**
   * Writes every job of the store that matches the query.
   *
   * @param store where the jobs are (for an engine: {@code printernizer.jobStore()})
   * @param filter which jobs (its page is ignored)
   * @param out where to write; not flushed or closed
   * @return how many jobs were written
   * @throws IOException when writing fails
   * @since 0.3
   */
  public long write(JobStore store, JobQuery filter, Writer out) throws IOException {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(out, "out");
    if (kind == Kind.CSV_EXCEL) {
      out.write('\uFEFF');
    }
    if (kind != Kind.JSON_LINES) {
      csvHeader(out);
    }
    long n = 0;
    Scratch scratch = new Scratch();
    for (Iterator<Job> jobs = store.scan(filter); jobs.hasNext(); n++) {
      Job j = jobs.next();
      if (kind == Kind.JSON_LINES) {
        jsonLine(out, j, scratch);
      } else {
        csvRow(out, j, scratch);
      }
    }
    return n;
  }

  /**
   * What one export reuses from row to row: the row's text, a char buffer to hand it to the
   * writer without a String per row, and the text of the last cost rates (most jobs of a history
   * share their prices).
   */
  private static final class Scratch {
    final StringBuilder row = new StringBuilder(512);
    private char[] chars = new char[512];
    private @Nullable CostRates lastRates;
    private String ratesText = "";

    String rates(CostRates r) {
      if (!r.equals(lastRates)) {
        lastRates = r;
        ratesText = Columns.ratesText(r);
      }
      return ratesText;
    }

    void writeRow(Writer out) throws IOException {
      int n = row.length();
      if (chars.length < n) {
        chars = new char[Math.max(n, chars.length * 2)];
      }
      row.getChars(0, n, chars, 0);
      out.write(chars, 0, n);
    }
  }

  private char separator() {
    return kind == Kind.CSV_EXCEL ? ';' : ',';
  }

  private void csvHeader(Writer out) throws IOException {
    StringBuilder b = new StringBuilder();
    for (Columns.Column c : Columns.ALL) {
      if (b.length() > 0) {
        b.append(separator());
      }
      b.append(c.name());
    }
    out.write(b.append("\r\n").toString());
  }

  private void csvRow(Writer out, Job j, Scratch scratch) throws IOException {
    StringBuilder b = scratch.row;
    b.setLength(0);
    boolean first = true;
    for (Columns.Column c : Columns.ALL) {
      if (!first) {
        b.append(separator());
      }
      first = false;
      Object v = c.value().apply(j);
      if (v == null) {
        continue; // an empty field
      }
      if (v instanceof List) {
        @SuppressWarnings("unchecked")
        List<FilamentUse> filaments = (List<FilamentUse>) v;
        cell(b, Columns.filamentText(filaments, this::number), true);
      } else if (v instanceof Number) {
        b.append(number((Number) v));
      } else if (v instanceof Boolean) {
        b.append(v);
      } else if (v instanceof CostRates) {
        cell(b, scratch.rates((CostRates) v), true);
      } else {
        cell(b, v.toString(), true);
      }
    }
    b.append("\r\n");
    scratch.writeRow(out);
  }

  private String number(Number v) {
    String s = v instanceof BigDecimal ? ((BigDecimal) v).toPlainString() : v.toString();
    return kind == Kind.CSV_EXCEL ? s.replace('.', ',') : s;
  }

  private void cell(StringBuilder b, String text, boolean isText) {
    String s = text;
    if (kind == Kind.CSV_EXCEL && isText && !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
      s = "'" + s; // Excel would run it as a formula
    }
    boolean quote = s.indexOf(separator()) >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
        || s.indexOf('\r') >= 0;
    if (quote) {
      b.append('"').append(s.replace("\"", "\"\"")).append('"');
    } else {
      b.append(s);
    }
  }

  /**
   * One job as a JSON object with the fields and types of a {@link #jsonLines()} row: what a
   * webhook sends as its {@code job}.
   *
   * @param job the job
   * @return the JSON object's text, without a line break
   * @since 0.4
   */
  public static String jsonObject(Job job) {
    java.io.StringWriter w = new java.io.StringWriter(1024);
    try {
      jsonLine(w, job, new Scratch());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // a StringWriter does not fail
    }
    String s = w.toString();
    return s.substring(0, s.length() - 1);
  }

  private static void jsonLine(Writer out, Job j, Scratch scratch) throws IOException {
    StringBuilder b = scratch.row;
    b.setLength(0);
    b.append('{');
    boolean first = true;
    for (Columns.Column c : Columns.ALL) {
      if (!first) {
        b.append(',');
      }
      first = false;
      JsonText.string(b, c.name());
      b.append(':');
      Object v = c.value().apply(j);
      if (v instanceof List) {
        @SuppressWarnings("unchecked")
        List<FilamentUse> filaments = (List<FilamentUse>) v;
        JsonText.filaments(b, filaments);
      } else if (v instanceof CostRates) {
        JsonText.value(b, scratch.rates((CostRates) v));
      } else {
        JsonText.value(b, v);
      }
    }
    b.append("}\n");
    scratch.writeRow(out);
  }
}
