package dev.printernizer.api;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a job is tied to a physical print run, and how the engine found that run (P13, P15).
 *
 * <p>Present on every auto-created job and on every manual job the engine adopted. The store
 * keeps at most one job per (printer, {@link #runKey()}).
 *
 * @param runKey the run identity the engine derived (printer job id, or file plus start)
 * @param printerJobId the printer's own id of the run, or null
 * @param detection how the engine first saw the run
 * @param discoveryTime when the engine first saw the run
 * @param printerStartTime the start time the printer reported, or null
 * @since 0.1
 */
public record RunLink(String runKey, @Nullable String printerJobId, Detection detection,
    Instant discoveryTime, @Nullable Instant printerStartTime) {

  /**
   * Validates the values.
   *
   * @param runKey the run key, unique per printer (1-512 characters)
   * @param printerJobId the printer's own job id, or null
   * @param detection how the engine first saw the run
   * @param discoveryTime when the engine first saw the run
   * @param printerStartTime the start time the printer reported, or null
   * @throws IllegalArgumentException for a bad run key
   */
  public RunLink {
    Objects.requireNonNull(runKey, "runKey");
    if (runKey.isEmpty() || runKey.length() > 512) {
      throw new IllegalArgumentException("runKey must be 1-512 characters");
    }
    Objects.requireNonNull(detection, "detection");
    Objects.requireNonNull(discoveryTime, "discoveryTime");
  }

  /**
   * @return whether the run was already going when the engine started
   * @since 0.1
   */
  public boolean discoveredOnStartup() {
    return detection == Detection.STARTUP;
  }
}
