package dev.printernizer.driver.prusa.internal;

import static dev.printernizer.driver.prusa.internal.Json.doubleOrNull;
import static dev.printernizer.driver.prusa.internal.Json.longOrNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.PrintFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The print file description PrusaLink on a Raspberry Pi shows in {@code /api/v1/job} as
 * {@code file.meta}: the G-code's slicer metadata plus {@code estimated_print_time} (seconds).
 * PrusaSlicer writes one value per extruder, comma separated ({@code filament used [g]},
 * {@code filament used [mm]}) and semicolon separated ({@code filament_type}). The firmware
 * flavour (MK4, XL, MINI) has no {@code meta}. Values that do not make sense are left out, never
 * fatal.
 */
final class PrintFileMeta {
  private PrintFileMeta() {}

  /**
   * @param job the body of {@code /api/v1/job}
   * @return the description, or empty when the job's file has no metadata
   */
  static Optional<PrintFile> fromJob(JsonNode job) {
    JsonNode meta = job.path("file").path("meta");
    if (!meta.isObject() || meta.isEmpty()) {
      return Optional.empty();
    }
    Long seconds = longOrNull(meta, "estimated_print_time");
    List<Double> grams = numbers(meta.get("filament used [g]"));
    List<Double> mm = numbers(meta.get("filament used [mm]"));
    List<String> types = texts(meta.get("filament_type"));
    int slots = Math.min(PrintFile.MAX_FILAMENTS,
        Math.max(grams.size(), Math.max(mm.size(), types.size())));
    List<FilamentUse> filaments = new ArrayList<>();
    for (int i = 0; i < slots; i++) {
      Double g = at(grams, i);
      Double m = at(mm, i);
      String t = i < types.size() ? types.get(i) : null;
      try {
        filaments.add(new FilamentUse(i, t, null, g, m == null ? null : m / 1000.0));
      } catch (IllegalArgumentException e) {
        // a negative amount or an odd type name: this slot says nothing usable
      }
    }
    Double layer = doubleOrNull(meta, "layer_height");
    PrintFile.Builder b = PrintFile.builder().filaments(filaments)
        .layerHeightMm(layer != null && layer > 0 && layer <= 10 ? layer : null);
    if (seconds != null && seconds >= 0 && seconds <= Duration.ofDays(3650).toSeconds()) {
      b.estimatedTime(Duration.ofSeconds(seconds));
    }
    return Optional.of(b.build());
  }

  private static @Nullable Double at(List<Double> values, int i) {
    return i < values.size() ? values.get(i) : null;
  }

  /** A number, or numbers in a text separated by commas; unreadable ones become null. */
  private static List<Double> numbers(@Nullable JsonNode v) {
    List<Double> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (v.isNumber()) {
      out.add(Double.isFinite(v.asDouble()) ? v.asDouble() : null);
      return out;
    }
    if (v.isTextual()) {
      for (String part : v.asText().split(",", -1)) {
        try {
          double d = Double.parseDouble(part.trim());
          out.add(Double.isFinite(d) ? d : null);
        } catch (NumberFormatException e) {
          out.add(null);
        }
      }
    }
    return out;
  }

  /** Names separated by semicolons (blank ones become null). */
  private static List<String> texts(@Nullable JsonNode v) {
    List<String> out = new ArrayList<>();
    if (v == null || !v.isTextual()) {
      return out;
    }
    for (String part : v.asText().split(";", -1)) {
      String p = part.strip();
      out.add(p.isEmpty() || p.length() > FilamentUse.MAX_MATERIAL ? null : p);
    }
    return out;
  }
}
