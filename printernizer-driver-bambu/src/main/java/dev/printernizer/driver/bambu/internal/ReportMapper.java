package dev.printernizer.driver.bambu.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.StatusSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Turns the merged {@code print} report into snapshots; remembers what one report cannot tell
 * (a cancel announced by {@code print_error} before the FAILED state, the state before IDLE).
 * That memory lives within one connection only: the driver calls {@link #reset()} whenever the
 * connection ends, because a printer that lost power comes back IDLE with its file and ids
 * cleared, and "was printing, now idle" across a gap is not a cancel. Used by one driver's
 * message thread at a time.
 */
public final class ReportMapper {
  /** "The task was canceled." */
  static final long CANCEL = 0x0300400CL;
  /** "Printing was cancelled." */
  static final long CANCEL_2 = 0x0500400EL;

  private @Nullable PrinterState previous;
  private boolean cancelSeen;
  private @Nullable String runIdentity;

  /** The fields of the {@code print} section this mapper reads; the driver keeps no others. */
  static final java.util.List<String> FIELDS = java.util.List.of("gcode_state", "print_error",
      "task_id", "subtask_id", "job_id", "gcode_file", "subtask_name", "gcode_start_time",
      "mc_percent", "mc_remaining_time", "layer_num", "total_layer_num", "print_type");

  /**
   * Forgets everything remembered from earlier reports: the next report is mapped only from
   * what it says.
   */
  public void reset() {
    previous = null;
    cancelSeen = false;
    runIdentity = null;
  }

  /**
   * @param printer the printer id
   * @param p the merged print report
   * @param now observation time
   * @return the snapshot
   */
  public StatusSnapshot map(PrinterId printer, ObjectNode p, Instant now) {
    String gs = text(p, "gcode_state");
    gs = gs == null ? "" : gs.toUpperCase(Locale.ROOT);
    long error = longOr(p, "print_error", 0);
    String ids = ids(p);
    String file = file(p);
    String identity = ids != null ? ids : file;
    boolean activeNow = gs.equals("RUNNING") || gs.equals("PAUSE");
    if (activeNow && (previous == null || !previous.isActive()
        || (identity != null && !identity.equals(runIdentity)))) {
      cancelSeen = false; // a new run
      runIdentity = identity;
    }
    if (error == CANCEL || error == CANCEL_2) {
      cancelSeen = true;
    }
    PrinterState state;
    switch (gs) {
      case "IDLE":
        state = previous != null && previous.isActive() ? PrinterState.CANCELLED
            : PrinterState.IDLE; // RUNNING -> IDLE is an abort on some firmware
        break;
      case "PREPARE": case "SLICING": case "INIT": state = PrinterState.PREPARING; break;
      case "RUNNING": state = PrinterState.PRINTING; break;
      case "PAUSE": state = PrinterState.PAUSED; break;
      case "FINISH": state = PrinterState.FINISHED; break;
      case "FAILED": state = cancelSeen ? PrinterState.CANCELLED : PrinterState.FAILED; break;
      default: state = PrinterState.UNKNOWN;
    }
    previous = state == PrinterState.CANCELLED && gs.equals("IDLE") ? PrinterState.IDLE : state;
    StatusSnapshot.Builder b = StatusSnapshot.builder(printer, state, now);
    if (state != PrinterState.IDLE) {
      // the file exactly as reported; the name on the screen names and identifies the print
      // (gcode_file is a plate path on X1, blank after a finish on P1); calibrations: the path
      String gcode = text(p, "gcode_file");
      String shown = text(p, "subtask_name");
      boolean calibration = gcode != null && gcode.startsWith("/usr/");
      b.fileName(gcode).displayName(calibration || shown == null ? null : shown.strip())
          .printerJobId(ids);
      String start = text(p, "gcode_start_time");
      if (start != null) {
        try {
          long s = Long.parseLong(start.trim());
          if (s > 1_000_000_000L && s <= now.getEpochSecond() + 60) {
            b.reportedStartTime(Instant.ofEpochSecond(s));
          }
        } catch (NumberFormatException e) {
          // "0", "" or garbage: no start time
        }
      }
      double progress = doubleOr(p, "mc_percent", -1);
      if (progress >= 0) {
        b.progress(Math.min(100, progress));
      }
      double remaining = doubleOr(p, "mc_remaining_time", -1);
      if (remaining >= 0 && remaining < 5_000_000) {
        b.remaining(Duration.ofMinutes((long) remaining)); // minutes, not seconds
      }
      long layer = longOr(p, "layer_num", -1);
      if (layer >= 0 && layer < 1_000_000) {
        b.layer((int) layer);
      }
      long total = longOr(p, "total_layer_num", 0);
      if (total > 0 && total < 1_000_000) {
        b.totalLayers((int) total);
      }
      String type = text(p, "print_type");
      b.systemJob("system".equalsIgnoreCase(type) || calibration);
    }
    return b.build();
  }

  /** The run's identity from the printer's ids: the non-empty, non-"0" ones, as a tuple. */
  static @Nullable String ids(JsonNode p) {
    StringBuilder sb = new StringBuilder();
    for (String k : new String[] {"task_id", "subtask_id", "job_id"}) {
      String v = text(p, k);
      if (v != null && !v.isBlank() && !v.trim().equals("0")) {
        sb.append(sb.length() == 0 ? "" : "/").append(k.charAt(0)).append(v.trim());
      }
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  /** The file: calibration files by their path, user prints by {@code subtask_name}. */
  static @Nullable String file(JsonNode p) {
    String gcode = text(p, "gcode_file");
    if (gcode != null && gcode.startsWith("/usr/")) {
      return gcode;
    }
    String name = text(p, "subtask_name");
    if (name != null && !name.isBlank()) {
      return name.strip();
    }
    return gcode == null || gcode.isBlank() ? null : gcode.strip();
  }

  static @Nullable String text(JsonNode n, String f) {
    JsonNode v = n.get(f);
    return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
  }

  static long longOr(JsonNode n, String f, long dflt) {
    JsonNode v = n.get(f);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (v.isNumber()) {
      return v.asLong();
    }
    if (v.isTextual()) {
      try {
        return Long.parseLong(v.asText().trim());
      } catch (NumberFormatException e) {
        return dflt;
      }
    }
    return dflt;
  }

  static double doubleOr(JsonNode n, String f, double dflt) {
    JsonNode v = n.get(f);
    if (v == null || v.isNull()) {
      return dflt;
    }
    double d;
    if (v.isNumber()) {
      d = v.asDouble();
    } else if (v.isTextual()) {
      try {
        d = Double.parseDouble(v.asText().trim());
      } catch (NumberFormatException e) {
        return dflt;
      }
    } else {
      return dflt;
    }
    return Double.isFinite(d) && d >= 0 ? d : dflt;
  }
}
