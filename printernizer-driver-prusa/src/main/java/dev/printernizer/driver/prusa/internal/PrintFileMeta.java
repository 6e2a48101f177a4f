package dev.printernizer.driver.prusa.internal;

import static dev.printernizer.driver.prusa.internal.Json.doubleOrNull;
import static dev.printernizer.driver.prusa.internal.Json.longOrNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.PrintFile;
import java.time.Duration;
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
    List<FilamentUse> filaments = SlicerMeta.filaments(value(meta.get("filament used [g]")),
        value(meta.get("filament used [mm]")), value(meta.get("filament_type")), null);
    Double layer = doubleOrNull(meta, "layer_height");
    PrintFile.Builder b = PrintFile.builder().filaments(filaments)
        .layerHeightMm(layer != null && layer > 0 && layer <= 10 ? layer : null);
    if (seconds != null && seconds >= 0 && seconds <= Duration.ofDays(3650).toSeconds()) {
      b.estimatedTime(Duration.ofSeconds(seconds));
    }
    return Optional.of(b.build());
  }

  /** A JSON number or text as text (PrusaLink gives either); else null. */
  private static @Nullable String value(@Nullable JsonNode v) {
    return v != null && (v.isNumber() || v.isTextual()) ? v.asText() : null;
  }
}
