package dev.printernizer.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The filament a closed job used, per slot, derived from what its print file planned
 * ({@link PrintFile#filaments()}) and how far the print got: all of it for a completed print,
 * else the share of layers printed, else the share of progress. {@link #method()} says which.
 *
 * <p>It changes only when the job's inputs do (its print file description, or its tracking,
 * which is final once closed); {@link Job#filamentUsed()} computes it.
 *
 * @param filaments the amounts per slot (grams and metres scaled and rounded to thousandths;
 *     material and colour as planned)
 * @param method how the amounts were derived
 * @param share the share of the plan, 0 to 1
 * @since 0.3
 */
public record FilamentUsage(List<FilamentUse> filaments, Method method, double share) {
  /**
   * How the amounts were derived.
   *
   * @since 0.3
   */
  public enum Method {
    /** A completed print: the slicer's plan. */
    ESTIMATE,
    /** An ended print: the plan times the share of layers printed. */
    LAYERS,
    /** An ended print: the plan times its progress. */
    PROGRESS
  }

  /**
   * Copies the list.
   *
   * @param filaments the amounts per slot
   * @param method how they were derived
   * @param share the share of the plan, 0 to 1
   */
  public FilamentUsage {
    filaments = List.copyOf(filaments);
    Objects.requireNonNull(method, "method");
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be 0 to 1, was " + share);
    }
  }

  /**
   * @return the weight over all slots, when every slot gives one
   * @since 0.3
   */
  public Optional<Double> totalGrams() {
    return PrintFile.totalGrams(filaments);
  }

  /**
   * Derives the usage of a closed job.
   *
   * @param plan what the print file planned
   * @param tracking the job's tracking
   * @return the usage; empty for an open or planned job, or a plan without amounts
   * @since 0.3
   */
  public static Optional<FilamentUsage> of(PrintFile plan, Tracking tracking) {
    JobStatus s = tracking.status();
    if (!s.isClosed() || plan.filaments().isEmpty() || plan.filaments().stream()
        .allMatch(f -> f.grams() == null && f.meters() == null)) {
      return Optional.empty();
    }
    Method method;
    double share;
    Integer layer = tracking.layer().orElse(null);
    Integer total = tracking.totalLayers().orElse(null);
    if (s == JobStatus.COMPLETED) {
      method = Method.ESTIMATE;
      share = 1;
    } else if (layer != null && total != null && total > 0) {
      method = Method.LAYERS;
      share = Math.max(0, Math.min(1, layer / (double) total));
    } else {
      method = Method.PROGRESS;
      share = Math.max(0, Math.min(1, tracking.progress() / 100.0));
    }
    List<FilamentUse> used = new ArrayList<>();
    for (FilamentUse f : plan.filaments()) {
      used.add(new FilamentUse(f.slot(), f.material(), f.color(),
          f.grams() == null ? null : thousandths(f.grams() * share),
          f.meters() == null ? null : thousandths(f.meters() * share)));
    }
    return Optional.of(new FilamentUsage(used, method, share));
  }

  /** Milligrams and millimetres are precise enough; no binary fractions in exports. */
  private static double thousandths(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
