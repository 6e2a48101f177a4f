package dev.printernizer.simulators;

import dev.printernizer.simulators.PrusaLinkSimulator.Flavour;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The JSON a simulated PrusaLink printer answers, per flavour, from a view of its state taken
 * under its lock: /api/version, /api/v1/info, /api/v1/status, /api/v1/job and the legacy
 * /api/printer and /api/job.
 */
final class SimPrusaBodies {
  private SimPrusaBodies() {}

  /** The printer's state as one answer sees it. */
  record View(Flavour flavour, String state, boolean hasJob, int jobId, boolean jobIdHidden,
      @Nullable String displayName, double progress, @Nullable Integer timeRemaining,
      String fileMeta, long timePrinting) {}

  static String version(Flavour flavour) {
    return flavour == Flavour.BUDDY
        ? "{\"api\":\"2.0.0\",\"server\":\"2.1.2\",\"nozzle_diameter\":0.40,"
            + "\"text\":\"PrusaLink\",\"hostname\":\"prusa-mk4\",\"capabilities\":"
            + "{\"upload-by-put\":true}}"
        : flavour == Flavour.LINK
            ? "{\"api\":\"2.0.0\",\"server\":\"0.8.1\",\"text\":\"PrusaLink 0.8.1\","
                + "\"hostname\":\"prusa-mk3\",\"original\":\"PrusaLink I3MK3S\",\"sdk\":\"0.7.2\"}"
            : "{\"api\":\"0.9.0-legacy\",\"server\":\"0.6.1\",\"text\":\"PrusaLink 0.6.1\"}";
  }

  static String info(Flavour flavour, String serial) {
    return flavour == Flavour.BUDDY
        ? "{\"nozzle_diameter\":0.40,\"mmu\":false,\"serial\":\"" + serial
            + "\",\"hostname\":\"prusa-mk4\",\"min_extrusion_temp\":170}"
        : "{\"name\":\"MK3S\",\"location\":null,\"farm_mode\":false,\"nozzle_diameter\":0.4,"
            + "\"min_extrusion_temp\":170,\"serial\":\"" + serial
            + "\",\"hostname\":\"connect.prusa3d.com\",\"port\":0}";
  }

  static String status(View v) {
    StringBuilder sb = new StringBuilder("{");
    if (v.flavour() == Flavour.BUDDY) {
      sb.append("\"storage\":{\"path\":\"/usb/\",\"name\":\"usb\",\"read_only\":false},");
    } else {
      sb.append("\"storage\":[{\"path\":\"/local\",\"read_only\":false,\"free_space\":1000000},"
          + "{\"path\":\"/sdcard\",\"read_only\":true}],");
    }
    sb.append("\"printer\":{\"state\":\"").append(v.state())
        .append("\",\"temp_bed\":60.0,\"target_bed\":60.0,\"temp_nozzle\":215.0,"
            + "\"target_nozzle\":215.0,\"axis_z\":2.4,\"flow\":100,\"speed\":100,"
            + "\"fan_hotend\":4000,\"fan_print\":3000}");
    boolean showJob = v.hasJob() && (v.state().equals("PRINTING") || v.state().equals("PAUSED")
        || v.state().equals("ATTENTION"));
    if (showJob) {
      sb.append(",\"job\":{");
      if (!v.jobIdHidden()) {
        sb.append("\"id\":").append(v.jobId()).append(',');
      }
      sb.append("\"progress\":")
          .append(String.format(Locale.ROOT, "%.2f", v.progress()));
      if (v.timeRemaining() != null) {
        sb.append(",\"time_remaining\":").append(v.timeRemaining());
      }
      long tp = v.timePrinting();
      if (v.flavour() == Flavour.BUDDY || tp > 0) {
        sb.append(",\"time_printing\":").append(tp);
      }
      sb.append('}');
    }
    return sb.append('}').toString();
  }

  static @Nullable String job(View v) {
    if (!v.hasJob()) {
      return null;
    }
    String jobState = v.state().equals("ATTENTION") && v.flavour() == Flavour.BUDDY ? "PAUSED"
        : v.state();
    String shortName = shortName(v.displayName());
    String file = v.flavour() == Flavour.BUDDY
        ? "{\"refs\":{\"icon\":\"/thumb/s/usb/" + shortName + "\",\"thumbnail\":\"/thumb/l/usb/"
            + shortName + "\",\"download\":\"/usb/" + shortName + "\"},\"name\":\"" + shortName
            + "\",\"display_name\":\"" + esc(v.displayName()) + "\",\"path\":\"/usb\","
            + "\"size\":1234567,\"m_timestamp\":1700000000}"
        : "{\"name\":\"" + esc(v.displayName()) + "\",\"display_name\":\"" + esc(v.displayName())
            + "\",\"path\":\"/PrusaLink gcodes/" + esc(v.displayName()) + "\",\"display_path\":"
            + "\"/PrusaLink gcodes/" + esc(v.displayName()) + "\",\"size\":1234567,"
            + "\"m_timestamp\":1700000000,\"refs\":{\"download\":\"/api/files/local/"
            + esc(v.displayName()) + "/raw\",\"icon\":null,\"thumbnail\":null},\"meta\":"
            + v.fileMeta()
            + "}";
    return "{\"id\":" + (v.jobIdHidden() ? "null" : String.valueOf(v.jobId())) + ",\"state\":\""
        + jobState + "\",\"progress\":"
        + String.format(Locale.ROOT, "%.2f", v.progress())
        + (v.timeRemaining() != null ? ",\"time_remaining\":" + v.timeRemaining()
            : v.flavour() == Flavour.BUDDY ? "" : ",\"time_remaining\":null")
        + ",\"time_printing\":" + v.timePrinting()
        + (v.flavour() == Flavour.BUDDY ? "" : ",\"inaccurate_estimates\":null")
        + ",\"file\":" + file + "}";
  }

  static String legacyPrinter(View v) {
    String text;
    switch (v.state()) {
      case "PRINTING": text = "Printing"; break;
      case "PAUSED": text = "Paused"; break;
      case "BUSY": text = "Busy"; break;
      case "STOPPED": text = "Cancelling"; break;
      case "ERROR": case "ATTENTION": text = "Error"; break;
      default: text = "Operational";
    }
    return "{\"temperature\":{\"tool0\":{\"actual\":215.0,\"target\":215.0},\"bed\":"
        + "{\"actual\":60.0,\"target\":60.0}},\"state\":{\"text\":\"" + text + "\",\"flags\":"
        + "{\"operational\":true,\"paused\":" + v.state().equals("PAUSED") + ",\"printing\":"
        + v.state().equals("PRINTING") + ",\"cancelling\":" + v.state().equals("STOPPED")
        + ",\"error\":" + v.state().equals("ERROR") + ",\"ready\":true,\"busy\":"
        + v.state().equals("BUSY") + ",\"finished\":" + v.state().equals("FINISHED") + "}}}";
  }

  static String legacyJob(View v) {
    if (v.displayName() == null) {
      return "{\"state\":\"Operational\",\"job\":null,\"progress\":null}";
    }
    String text = legacyPrinter(v).replaceAll(".*\"text\":\"([^\"]+)\".*", "$1");
    return "{\"state\":\"" + text + "\",\"job\":{\"estimatedPrintTime\":3600,\"file\":"
        + "{\"name\":\"" + esc(v.displayName()) + "\",\"path\":\"/local/" + esc(v.displayName())
        + "\",\"display\":\"" + esc(v.displayName()) + "\"}},\"progress\":{\"completion\":"
        + String.format(Locale.ROOT, "%.2f", v.progress() / 100.0) + ",\"printTime\":"
        + v.timePrinting() + ",\"printTimeLeft\":"
        + (v.timeRemaining() == null ? "null" : v.timeRemaining())
        + "}}";
  }

  static String shortName(@Nullable String name) {
    String base = Objects.toString(name, "").replaceAll("[^A-Za-z0-9]",
        "").toUpperCase(Locale.ROOT);
    return (base.length() > 6 ? base.substring(0, 6) : base) + "~1.BGC";
  }

  static String esc(@Nullable String s) {
    return Objects.toString(s, "").replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
