package dev.printernizer.driver.moonraker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.PrintFile;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a Moonraker history job says about its file and how far it got. Moonraker copies the
 * file's slicer metadata into each history job ({@code metadata}: {@code estimated_time} in
 * seconds, {@code filament_total} in mm, {@code filament_weight_total} in g,
 * {@code filament_type}, {@code slicer}, {@code slicer_version}, {@code layer_height}) and counts
 * {@code filament_used} (mm extruded) and {@code print_duration} (s). One filament slot: the
 * totals cover every tool. A value of the wrong type or range is left out, never guessed.
 */
final class HistoryMetadata {
  private HistoryMetadata() {}

  /**
   * @param job a history job
   * @return the file's description, or null when the metadata says nothing usable
   */
  static @Nullable PrintFile printFile(JsonNode job) {
    JsonNode m = job.path("metadata");
    if (!m.isObject()) {
      return null;
    }
    Double seconds = positive(m.path("estimated_time"));
    Double mm = positive(m.path("filament_total"));
    Double grams = positive(m.path("filament_weight_total"));
    String material = firstMaterial(m.path("filament_type"));
    String slicer = m.path("slicer").isTextual() ? m.path("slicer").asText().strip() : null;
    if (slicer != null && m.path("slicer_version").isTextual()) {
      slicer = slicer + " " + m.path("slicer_version").asText().strip();
    }
    if (slicer != null && (slicer.isEmpty() || slicer.length() > PrintFile.MAX_SLICER)) {
      slicer = null;
    }
    Double layer = positive(m.path("layer_height"));
    if (seconds == null && mm == null && grams == null && slicer == null && layer == null) {
      return null;
    }
    PrintFile.Builder b = PrintFile.builder().slicer(slicer)
        .estimatedTime(seconds == null ? null : Duration.ofMillis(Math.round(seconds * 1000)))
        .layerHeightMm(layer != null && layer <= 10 ? layer : null);
    if (mm != null || grams != null) {
      b.filaments(List.of(new FilamentUse(0, material, null, grams,
          mm == null ? null : mm / 1000.0)));
    }
    return b.build();
  }

  /**
   * How far the print got, 0-100: the filament it extruded against the file's total, else its
   * printing time against the estimate; null when neither is known.
   *
   * @param job a history job
   * @return the share in percent, or null
   */
  static @Nullable Double progress(JsonNode job) {
    JsonNode m = job.path("metadata");
    Double used = nonNegative(job.path("filament_used"));
    Double total = positive(m.path("filament_total"));
    if (used != null && total != null) {
      return Math.min(100, 100 * used / total);
    }
    Double printed = nonNegative(job.path("print_duration"));
    Double estimate = positive(m.path("estimated_time"));
    if (printed != null && estimate != null) {
      return Math.min(100, 100 * printed / estimate);
    }
    return null;
  }

  /** "PLA;PETG" (one per tool) or "PLA": the first, when it is a sane name. */
  private static @Nullable String firstMaterial(JsonNode n) {
    if (!n.isTextual()) {
      return null;
    }
    String first = n.asText().split("[;,]", -1)[0].strip();
    return first.isEmpty() || first.length() > FilamentUse.MAX_MATERIAL ? null
        : first.toUpperCase(Locale.ROOT);
  }

  private static @Nullable Double positive(JsonNode n) {
    return n.isNumber() && Double.isFinite(n.asDouble()) && n.asDouble() > 0 ? n.asDouble()
        : null;
  }

  private static @Nullable Double nonNegative(JsonNode n) {
    return n.isNumber() && Double.isFinite(n.asDouble()) && n.asDouble() >= 0 ? n.asDouble()
        : null;
  }
}
