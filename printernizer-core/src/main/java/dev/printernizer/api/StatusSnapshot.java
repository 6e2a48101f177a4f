package dev.printernizer.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a driver knows about one printer at one instant: its state, the current file, the
 * printer's own job id, timing and progress.
 *
 * <p>Drivers build snapshots with {@link #builder(PrinterId, PrinterState, Instant)}, taking the
 * observation instant from the injected clock. Instants are kept at millisecond precision (the
 * precision every job store keeps). The builder rejects impossible values (negative
 * durations, progress outside 0-100) with an {@link IllegalArgumentException} naming the field;
 * drivers clamp or drop doubtful printer values before building. Instances are immutable.
 *
 * @since 0.1
 */
public final class StatusSnapshot {
  private final PrinterId printerId;
  private final PrinterState state;
  private final Instant observedAt;
  private final @Nullable String fileName;
  private final @Nullable String displayName;
  private final @Nullable String printerJobId;
  private final @Nullable Instant reportedStartTime;
  private final @Nullable Duration elapsed;
  private final @Nullable Double progress;
  private final @Nullable Duration remaining;
  private final @Nullable Integer layer;
  private final @Nullable Integer totalLayers;
  private final boolean systemJob;
  private final @Nullable String message;

  private StatusSnapshot(Builder b) {
    this.printerId = b.printerId;
    this.state = b.state;
    this.observedAt = b.observedAt;
    this.fileName = b.fileName;
    this.displayName = b.displayName;
    this.printerJobId = b.printerJobId;
    this.reportedStartTime = b.reportedStartTime;
    this.elapsed = b.elapsed;
    this.progress = b.progress;
    this.remaining = b.remaining;
    this.layer = b.layer;
    this.totalLayers = b.totalLayers;
    this.systemJob = b.systemJob;
    this.message = b.message;
  }

  /**
   * A builder holding every value of this snapshot, to derive a changed copy.
   *
   * @return a new builder
   * @since 0.2
   */
  public Builder toBuilder() {
    Builder b = new Builder(printerId, state, observedAt);
    b.fileName = fileName;
    b.displayName = displayName;
    b.printerJobId = printerJobId;
    b.reportedStartTime = reportedStartTime;
    b.elapsed = elapsed;
    b.progress = progress;
    b.remaining = remaining;
    b.layer = layer;
    b.totalLayers = totalLayers;
    b.systemJob = systemJob;
    b.message = message;
    return b;
  }

  /**
   * Starts a snapshot.
   *
   * @param printerId the printer
   * @param state its state
   * @param observedAt when it was observed (from the injected clock)
   * @return a builder
   * @since 0.1
   */
  public static Builder builder(PrinterId printerId, PrinterState state, Instant observedAt) {
    return new Builder(printerId, state, observedAt);
  }

  /**
   * @return the printer
   * @since 0.1
   */
  public PrinterId printerId() {
    return printerId;
  }

  /**
   * @return the state
   * @since 0.1
   */
  public PrinterState state() {
    return state;
  }

  /**
   * @return when it was observed
   * @since 0.1
   */
  public Instant observedAt() {
    return observedAt;
  }

  /**
   * @return the current file as the printer names it
   * @since 0.1
   */
  public Optional<String> fileName() {
    return Optional.ofNullable(fileName);
  }

  /**
   * The name the printer shows for the print when it is not the file's (Bambu: the
   * {@code subtask_name} on the screen, while the file is {@code Benchy.gcode.3mf} or
   * {@code /data/Metadata/plate_1.gcode}). When present, it names the job and identifies the
   * print; the file name is kept as reported beside it.
   *
   * @return the display name, if the printer has one
   * @since 0.2
   */
  public Optional<String> displayName() {
    return Optional.ofNullable(displayName);
  }

  /**
   * @return the printer's own id of the current print, if it has one
   * @since 0.1
   */
  public Optional<String> printerJobId() {
    return Optional.ofNullable(printerJobId);
  }

  /**
   * @return the start time the printer itself reports, if plausible
   * @since 0.1
   */
  public Optional<Instant> reportedStartTime() {
    return Optional.ofNullable(reportedStartTime);
  }

  /**
   * @return printing time so far, as the printer reports it
   * @since 0.1
   */
  public Optional<Duration> elapsed() {
    return Optional.ofNullable(elapsed);
  }

  /**
   * @return progress in percent, 0-100
   * @since 0.1
   */
  public Optional<Double> progress() {
    return Optional.ofNullable(progress);
  }

  /**
   * @return remaining time as the printer estimates it
   * @since 0.1
   */
  public Optional<Duration> remaining() {
    return Optional.ofNullable(remaining);
  }

  /**
   * @return the current layer
   * @since 0.1
   */
  public Optional<Integer> layer() {
    return Optional.ofNullable(layer);
  }

  /**
   * @return the layer count of the print
   * @since 0.1
   */
  public Optional<Integer> totalLayers() {
    return Optional.ofNullable(totalLayers);
  }

  /**
   * @return whether the printer marks this print as a calibration or system job
   * @since 0.1
   */
  public boolean systemJob() {
    return systemJob;
  }

  /**
   * @return a human readable message from the printer (error text), if any
   * @since 0.1
   */
  public Optional<String> message() {
    return Optional.ofNullable(message);
  }

  /**
   * Whether {@code other} says the same thing as this snapshot, apart from the observation time.
   * Allocation-free; the engine uses it to ignore repeated reports cheaply.
   *
   * @param other another snapshot
   * @return whether all readings are equal
   * @since 0.1
   */
  public boolean sameReadingAs(StatusSnapshot other) {
    return state == other.state
        && systemJob == other.systemJob
        && Objects.equals(fileName, other.fileName)
        && Objects.equals(displayName, other.displayName)
        && Objects.equals(printerJobId, other.printerJobId)
        && Objects.equals(progress, other.progress)
        && Objects.equals(remaining, other.remaining)
        && Objects.equals(layer, other.layer)
        && Objects.equals(totalLayers, other.totalLayers)
        && Objects.equals(reportedStartTime, other.reportedStartTime)
        && Objects.equals(message, other.message);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("StatusSnapshot{").append(printerId).append(' ')
        .append(state).append(" at ").append(observedAt);
    if (displayName != null) {
      sb.append(", name=").append(displayName);
    }
    if (fileName != null) {
      sb.append(", file=").append(fileName);
    }
    if (printerJobId != null) {
      sb.append(", jobId=").append(printerJobId);
    }
    if (progress != null) {
      sb.append(", progress=").append(progress);
    }
    if (reportedStartTime != null) {
      sb.append(", reportedStart=").append(reportedStartTime);
    }
    if (elapsed != null) {
      sb.append(", elapsed=").append(elapsed);
    }
    if (systemJob) {
      sb.append(", system");
    }
    return sb.append('}').toString();
  }

  /**
   * Builder for {@link StatusSnapshot}. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final PrinterId printerId;
    private final PrinterState state;
    private final Instant observedAt;
    private @Nullable String fileName;
    private @Nullable String displayName;
    private @Nullable String printerJobId;
    private @Nullable Instant reportedStartTime;
    private @Nullable Duration elapsed;
    private @Nullable Double progress;
    private @Nullable Duration remaining;
    private @Nullable Integer layer;
    private @Nullable Integer totalLayers;
    private boolean systemJob;
    private @Nullable String message;

    private Builder(PrinterId printerId, PrinterState state, Instant observedAt) {
      this.printerId = Objects.requireNonNull(printerId, "printerId");
      this.state = Objects.requireNonNull(state, "state");
      this.observedAt = Objects.requireNonNull(observedAt, "observedAt")
          .truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /**
     * @param displayName the name the printer shows for the print, if it is not the file's
     *     (Bambu {@code subtask_name}); blank values count as absent
     * @return this
     * @since 0.2
     */
    public Builder displayName(@Nullable String displayName) {
      this.displayName = displayName == null || displayName.isBlank() ? null : displayName;
      return this;
    }

    /**
     * @param fileName current file, raw; blank values count as absent
     * @return this
     */
    public Builder fileName(@Nullable String fileName) {
      this.fileName = fileName == null || fileName.isBlank() ? null : fileName;
      return this;
    }

    /**
     * @param printerJobId the printer's own job id; blank values count as absent
     * @return this
     */
    public Builder printerJobId(@Nullable String printerJobId) {
      this.printerJobId = printerJobId == null || printerJobId.isBlank() ? null : printerJobId;
      return this;
    }

    /**
     * @param start start time reported by the printer, or null
     * @return this
     */
    public Builder reportedStartTime(@Nullable Instant start) {
      this.reportedStartTime = start == null ? null
          : start.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
      return this;
    }

    /**
     * @param elapsed printing time so far (0-3650 days), or null
     * @return this
     */
    public Builder elapsed(@Nullable Duration elapsed) {
      this.elapsed = nonNegative(elapsed, "elapsed");
      return this;
    }

    /**
     * @param progress percent 0-100, or null
     * @return this
     */
    public Builder progress(@Nullable Double progress) {
      if (progress != null && !(progress >= 0.0 && progress <= 100.0)) {
        throw new IllegalArgumentException("progress must be 0-100, was " + progress);
      }
      this.progress = progress;
      return this;
    }

    /**
     * @param remaining remaining time (0-3650 days), or null
     * @return this
     */
    public Builder remaining(@Nullable Duration remaining) {
      this.remaining = nonNegative(remaining, "remaining");
      return this;
    }

    /**
     * @param layer current layer (>= 0), or null
     * @return this
     */
    public Builder layer(@Nullable Integer layer) {
      if (layer != null && layer < 0) {
        throw new IllegalArgumentException("layer must be >= 0, was " + layer);
      }
      this.layer = layer;
      return this;
    }

    /**
     * @param totalLayers layer count (>= 0), or null
     * @return this
     */
    public Builder totalLayers(@Nullable Integer totalLayers) {
      if (totalLayers != null && totalLayers < 0) {
        throw new IllegalArgumentException("totalLayers must be >= 0, was " + totalLayers);
      }
      this.totalLayers = totalLayers;
      return this;
    }

    /**
     * @param systemJob whether the printer marks it as calibration/system
     * @return this
     */
    public Builder systemJob(boolean systemJob) {
      this.systemJob = systemJob;
      return this;
    }

    /**
     * @param message printer message, or null
     * @return this
     */
    public Builder message(@Nullable String message) {
      this.message = message;
      return this;
    }

    /** @return the snapshot */
    public StatusSnapshot build() {
      return new StatusSnapshot(this);
    }

    private static final Duration MAX_DURATION = Duration.ofDays(3650);

    private static @Nullable Duration nonNegative(@Nullable Duration d, String field) {
      if (d != null && (d.isNegative() || d.compareTo(MAX_DURATION) > 0)) {
        throw new IllegalArgumentException(field + " must be 0 to 3650 days, was " + d);
      }
      return d == null ? null : d.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }
  }
}
