package dev.printernizer.driver.moonraker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.StatusSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Klipper's status objects, merged from the subscription's first answer and its deltas, plus
 * Klippy's state and the printer's own job history, turned into snapshots.
 *
 * <p>{@code print_stats.state}: standby → IDLE, printing → PRINTING, paused → PAUSED, complete →
 * FINISHED, cancelled → CANCELLED, error → FAILED. Klippy shut down, in error or disconnected
 * while a print runs → FAILED with Klippy's message (the print is lost). The history's job id
 * ({@code job_id}) is the run's printer job id when the history job and {@code print_stats} name
 * the same file. A history job that finished while the driver was away is reported once as its
 * own end state (P11, in the printer's own words). Used by one driver's message thread at a
 * time.
 */
public final class StatusMapper {
  /**
   * The objects subscribed to and the fields read of each: the driver asks Moonraker for these
   * fields only (fewer and smaller deltas) and keeps no others (a few hundred bytes per printer
   * instead of every field Klipper has).
   */
  static final Map<String, List<String>> FIELDS = Map.of(
      "print_stats", List.of("state", "filename", "print_duration", "total_duration",
          "filament_used", "message", "info"),
      "virtual_sdcard", List.of("progress", "is_active"),
      "display_status", List.of("progress", "message"),
      "webhooks", List.of("state", "state_message"),
      "pause_resume", List.of("is_paused"));
  static final java.util.Set<String> OBJECTS = FIELDS.keySet();
  /** The fields of a history job read after it was seen (the rest is read from the list). */
  private static final List<String> JOB_FIELDS = List.of("job_id", "filename", "status",
      "start_time", "end_time", "print_duration");

  private ObjectNode status = CompactNodes.object();
  private String klippy = "ready";
  private @Nullable String klippyMessage;
  /** The newest history job seen (running or finished). */
  private @Nullable JsonNode job;
  /** A finished history job not reported yet. */
  private @Nullable JsonNode ended;

  /**
   * Starts over from a subscription's full status (after a connect or Klippy ready).
   *
   * @param full the {@code status} of {@code printer.objects.subscribe}
   * @return false if it is not usable (then nothing changed)
   */
  public boolean reset(JsonNode full) {
    if (!full.isObject() || !valid(full)) {
      return false;
    }
    status = CompactNodes.object();
    merge(full);
    JsonNode w = status.path("webhooks");
    klippy = w.path("state").asText("ready");
    klippyMessage = text(w, "state_message");
    return true;
  }

  /**
   * Merges a {@code notify_status_update}'s changes, field by field.
   *
   * @param changes params[0]
   * @return false if the update is malformed (then nothing changed)
   */
  public boolean merge(JsonNode changes) {
    if (!changes.isObject() || !valid(changes)) {
      return false;
    }
    for (Map.Entry<String, JsonNode> o : changes.properties()) {
      List<String> read = FIELDS.get(o.getKey());
      if (read == null) {
        continue;
      }
      ObjectNode target;
      if (status.get(o.getKey()) instanceof ObjectNode) {
        target = (ObjectNode) status.get(o.getKey());
      } else {
        target = CompactNodes.object();
        status.set(o.getKey(), target);
      }
      for (Map.Entry<String, JsonNode> f : o.getValue().properties()) {
        if (!read.contains(f.getKey())) {
          continue; // a field this driver does not read (Moonraker may send it anyway)
        }
        if (f.getValue().isObject() && target.path(f.getKey()).isObject()) {
          ((ObjectNode) target.get(f.getKey())).setAll((ObjectNode) f.getValue());
        } else {
          target.set(f.getKey(), f.getValue().isObject()
              ? CompactNodes.copy((ObjectNode) f.getValue()) : CompactNodes.shared(f.getValue()));
        }
      }
    }
    JsonNode w = status.path("webhooks");
    if (changes.has("webhooks")) {
      klippy = w.path("state").asText(klippy);
      klippyMessage = text(w, "state_message");
    }
    return true;
  }

  /** Every object is an object; the fields read have the types Klipper sends. */
  private static boolean valid(JsonNode changes) {
    for (Map.Entry<String, JsonNode> o : changes.properties()) {
      if (!OBJECTS.contains(o.getKey())) {
        continue;
      }
      JsonNode v = o.getValue();
      if (!v.isObject()) {
        return false;
      }
      for (String f : List.of("state", "filename", "message", "state_message")) {
        if (v.has(f) && !v.get(f).isTextual() && !v.get(f).isNull()) {
          return false;
        }
      }
      for (String f : List.of("progress", "print_duration", "total_duration", "filament_used")) {
        if (v.has(f) && !v.get(f).isNumber() && !v.get(f).isNull()) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Klippy's own notifications.
   *
   * @param state ready, shutdown or disconnected
   */
  public void klippy(String state) {
    klippy = state;
    if (state.equals("disconnected")) {
      klippyMessage = "Klippy disconnected (firmware restart or host error)";
    }
  }

  /**
   * A history job: from {@code notify_history_changed} (live) or {@code server.history.list}
   * (the newest job, after a connect).
   *
   * @param j the job
   */
  public void history(JsonNode j) {
    if (!j.isObject() || !j.path("job_id").isTextual()) {
      return;
    }
    ObjectNode kept = CompactNodes.object();
    for (String f : JOB_FIELDS) {
      JsonNode v = j.get(f);
      if (v != null) {
        kept.set(f, CompactNodes.shared(v.deepCopy()));
      }
    }
    job = kept;
    if (terminal(j) != null) {
      ended = job;
    }
  }

  /** @return the history job's end state, or null while it runs or when it says nothing */
  private static @Nullable PrinterState terminal(JsonNode j) {
    switch (j.path("status").asText()) {
      case "completed": return PrinterState.FINISHED;
      case "cancelled": return PrinterState.CANCELLED;
      case "error": case "klippy_shutdown": case "klippy_disconnect": return PrinterState.FAILED;
      default: return null; // in_progress; server_exit and interrupted: the print may go on
    }
  }

  /**
   * @param j a history job
   * @return it as a past print, or null while it runs or when it does not say how it ended
   */
  static dev.printernizer.spi.@Nullable PastPrint pastPrint(JsonNode j) {
    PrinterState end = terminal(j);
    String file = text(j, "filename");
    Instant start = epoch(j.path("start_time"));
    Instant stop = epoch(j.path("end_time"));
    if (end == null || file == null || file.isEmpty() || start == null || stop == null
        || stop.isBefore(start) || !j.path("job_id").isTextual()) {
      return null;
    }
    dev.printernizer.api.JobStatus outcome = end == PrinterState.FINISHED
        ? dev.printernizer.api.JobStatus.COMPLETED : end == PrinterState.CANCELLED
            ? dev.printernizer.api.JobStatus.CANCELLED : dev.printernizer.api.JobStatus.FAILED;
    return new dev.printernizer.spi.PastPrint(j.path("job_id").asText(), file, start, stop,
        outcome, seconds(j.path("print_duration")), HistoryMetadata.printFile(j),
        outcome == dev.printernizer.api.JobStatus.COMPLETED ? Double.valueOf(100)
            : HistoryMetadata.progress(j));
  }

  /** Forgets a connection's memory: the history is read again at the next connect. */
  public void connectionEnded() {
    ended = null;
  }

  /**
   * @param printer the printer id
   * @param now observation time
   * @return what to publish: a finished history job's end first (once), then the live state
   */
  public List<StatusSnapshot> snapshots(PrinterId printer, Instant now) {
    List<StatusSnapshot> out = new ArrayList<>(2);
    JsonNode e = ended;
    ended = null;
    PrinterState live = liveState();
    if (e != null && !live.isActive()) {
      PrinterState end = terminal(e);
      String file = text(e, "filename");
      boolean liveSaysIt = live == end && file != null && file.equals(fileName());
      if (end != null && !liveSaysIt) {
        StatusSnapshot.Builder b = StatusSnapshot.builder(printer, end, now).fileName(file)
            .printerJobId(e.path("job_id").asText())
            .reportedStartTime(epoch(e.path("start_time")))
            .elapsed(seconds(e.path("print_duration")));
        if (end == PrinterState.FAILED) {
          b.message("the printer's history: " + e.path("status").asText());
        }
        out.add(b.build());
      }
    }
    out.add(live(printer, now, live));
    return out;
  }

  private PrinterState liveState() {
    String ps = status.path("print_stats").path("state").asText("");
    boolean active = ps.equals("printing") || ps.equals("paused");
    if (!klippy.equals("ready") && !klippy.equals("startup")) {
      JsonNode j = job;
      boolean running = j != null && j.path("status").asText().equals("in_progress");
      return active || ps.equals("error") || running ? PrinterState.FAILED : PrinterState.ERROR;
    }
    switch (ps) {
      case "standby": return PrinterState.IDLE;
      case "printing": return PrinterState.PRINTING;
      case "paused": return PrinterState.PAUSED;
      case "complete": return PrinterState.FINISHED;
      case "cancelled": return PrinterState.CANCELLED;
      case "error": return PrinterState.FAILED;
      default: return klippy.equals("startup") ? PrinterState.BUSY : PrinterState.UNKNOWN;
    }
  }

  private @Nullable String fileName() {
    String f = text(status.path("print_stats"), "filename");
    return f == null || f.isEmpty() ? null : f;
  }

  private StatusSnapshot live(PrinterId printer, Instant now, PrinterState state) {
    JsonNode ps = status.path("print_stats");
    String file = fileName();
    JsonNode j = job;
    if (file == null && state == PrinterState.FAILED && j != null) {
      file = text(j, "filename"); // Klippy went down: print_stats may be gone with it
    }
    StatusSnapshot.Builder b = StatusSnapshot.builder(printer, state, now).fileName(file);
    if (j != null && file != null && file.equals(text(j, "filename"))) {
      b.printerJobId(j.path("job_id").asText()).reportedStartTime(epoch(j.path("start_time")));
    }
    Double progress = fraction(status.path("virtual_sdcard").path("progress"));
    if (progress == null) {
      progress = fraction(status.path("display_status").path("progress"));
    }
    if (file != null && progress != null) {
      b.progress(progress * 100);
      Duration elapsed = seconds(ps.path("print_duration"));
      b.elapsed(elapsed);
      if (elapsed != null && progress > 0.001 && progress < 1) {
        b.remaining(Duration.ofSeconds(Math.round(elapsed.toSeconds() / progress
            * (1 - progress))));
      }
    }
    JsonNode info = ps.path("info");
    if (info.path("current_layer").isInt()) {
      b.layer(info.path("current_layer").asInt());
    }
    if (info.path("total_layer").isInt()) {
      b.totalLayers(info.path("total_layer").asInt());
    }
    String message = !klippy.equals("ready") ? klippyMessage : text(ps, "message");
    if (message != null && !message.isEmpty()) {
      b.message(message);
    }
    return b.build();
  }

  private static @Nullable String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isTextual() ? v.asText() : null;
  }

  private static @Nullable Double fraction(JsonNode n) {
    return n.isNumber() && n.asDouble() >= 0 && n.asDouble() <= 1 ? n.asDouble() : null;
  }

  private static @Nullable Duration seconds(JsonNode n) {
    return n.isNumber() && n.asDouble() >= 0 ? Duration.ofMillis(Math.round(n.asDouble() * 1000))
        : null;
  }

  private static @Nullable Instant epoch(JsonNode n) {
    return n.isNumber() && n.asDouble() > 0 ? Instant.ofEpochMilli(Math.round(n.asDouble()
        * 1000)) : null;
  }
}
