package dev.printernizer.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a job that the engine maintains while it tracks a print: status, start and end,
 * progress, remaining time, layers, pauses, connection gaps and the reason a run was closed
 * without an outcome.
 *
 * <p>Immutable; the {@code with...} methods return changed copies. Stores replace these fields as
 * a whole and never touch the {@link BusinessFields}.
 *
 * @since 0.1
 */
public final class Tracking {
  private final JobStatus status;
  private final @Nullable Instant startTime;
  private final @Nullable Instant endTime;
  private final double progress;
  private final @Nullable Duration remaining;
  private final @Nullable Integer layer;
  private final @Nullable Integer totalLayers;
  private final int pauseCount;
  private final Duration pausedTotal;
  private final List<ConnectionGap> gaps;
  private final @Nullable String closeReason;

  private Tracking(JobStatus status, @Nullable Instant startTime, @Nullable Instant endTime,
      double progress,
      @Nullable Duration remaining, @Nullable Integer layer, @Nullable Integer totalLayers,
      int pauseCount, Duration pausedTotal,
      List<ConnectionGap> gaps, @Nullable String closeReason) {
    this.status = Objects.requireNonNull(status, "status");
    this.startTime = startTime;
    this.endTime = endTime;
    if (!(progress >= 0 && progress <= 100)) {
      throw new IllegalArgumentException("progress must be 0-100, was " + progress);
    }
    if (startTime != null && endTime != null && endTime.isBefore(startTime)) {
      throw new IllegalArgumentException("endTime " + endTime + " is before startTime " +
      startTime);
    }
    if (pauseCount < 0) {
      throw new IllegalArgumentException("pauseCount must not be negative");
    }
    this.progress = progress;
    this.remaining = remaining;
    this.layer = layer;
    this.totalLayers = totalLayers;
    this.pauseCount = pauseCount;
    this.pausedTotal = Objects.requireNonNull(pausedTotal, "pausedTotal");
    this.gaps = List.copyOf(gaps);
    this.closeReason = closeReason;
  }

  /**
   * Tracking of a job that has not started (a planned manual job).
   *
   * @return planned tracking
   * @since 0.1
   */
  public static Tracking planned() {
    return new Tracking(JobStatus.PLANNED, null, null, 0, null, null, null, 0, Duration.ZERO,
        List.of(), null);
  }

  /**
   * Tracking of a print that has started.
   *
   * @param status running or paused
   * @param startTime the start time
   * @return the tracking
   * @since 0.1
   */
  public static Tracking started(JobStatus status, Instant startTime) {
    if (!status.isOpen()) {
      throw new IllegalArgumentException("a started job is running or paused, not " + status);
    }
    return new Tracking(status, Objects.requireNonNull(startTime, "startTime"), null, 0, null,
        null, null, 0, Duration.ZERO, List.of(), null);
  }

  /**
   * Restores tracking from stored values (for store implementations).
   *
   * @param status status
   * @param startTime start or null
   * @param endTime end or null
   * @param progress 0-100
   * @param remaining remaining or null
   * @param layer layer or null
   * @param totalLayers layer count or null
   * @param pauseCount number of pauses
   * @param pausedTotal total paused time
   * @param gaps connection gaps
   * @param closeReason reason or null
   * @return the tracking
   * @since 0.1
   */
  public static Tracking of(JobStatus status, @Nullable Instant startTime,
      @Nullable Instant endTime, double progress,
      @Nullable Duration remaining, @Nullable Integer layer, @Nullable Integer totalLayers,
      int pauseCount, Duration pausedTotal,
      List<ConnectionGap> gaps, @Nullable String closeReason) {
    return new Tracking(status, startTime, endTime, progress, remaining, layer, totalLayers,
        pauseCount, pausedTotal, gaps, closeReason);
  }

  /**
   * @return the status
   * @since 0.1
   */
  public JobStatus status() {
    return status;
  }

  /**
   * @return the start time, once started
   * @since 0.1
   */
  public Optional<Instant> startTime() {
    return Optional.ofNullable(startTime);
  }

  /**
   * @return the end time, once closed
   * @since 0.1
   */
  public Optional<Instant> endTime() {
    return Optional.ofNullable(endTime);
  }

  /**
   * @return progress in percent
   * @since 0.1
   */
  public double progress() {
    return progress;
  }

  /**
   * @return remaining time as last reported
   * @since 0.1
   */
  public Optional<Duration> remaining() {
    return Optional.ofNullable(remaining);
  }

  /**
   * @return current layer as last reported
   * @since 0.1
   */
  public Optional<Integer> layer() {
    return Optional.ofNullable(layer);
  }

  /**
   * @return layer count
   * @since 0.1
   */
  public Optional<Integer> totalLayers() {
    return Optional.ofNullable(totalLayers);
  }

  /**
   * @return number of pauses seen
   * @since 0.1
   */
  public int pauseCount() {
    return pauseCount;
  }

  /**
   * @return total time spent paused, as observed
   * @since 0.1
   */
  public Duration pausedTotal() {
    return pausedTotal;
  }

  /**
   * @return connection gaps during the print
   * @since 0.1
   */
  public List<ConnectionGap> gaps() {
    return gaps;
  }

  /**
   * @return why the run was closed without a printer outcome, if so
   * @since 0.1
   */
  public Optional<String> closeReason() {
    return Optional.ofNullable(closeReason);
  }

  /**
   * @return end minus start, once closed
   * @since 0.1
   */
  public Optional<Duration> duration() {
    return startTime == null || endTime == null
        ? Optional.empty()
        : Optional.of(Duration.between(startTime, endTime));
  }

  /**
   * @param s new status
   * @return a copy
   */
  public Tracking withStatus(JobStatus s) {
    return new Tracking(s, startTime, endTime, progress, remaining, layer, totalLayers, pauseCount,
        pausedTotal, gaps, closeReason);
  }

  /**
   * @param start new start
   * @return a copy
   */
  public Tracking withStartTime(Instant start) {
    return new Tracking(status, start, endTime, progress, remaining, layer, totalLayers,
        pauseCount, pausedTotal, gaps, closeReason);
  }

  /**
   * @param p progress 0-100
   * @param rem remaining or null
   * @param l layer or null
   * @param total layer count or null
   * @return a copy
   */
  public Tracking withProgress(double p, @Nullable Duration rem, @Nullable Integer l,
      @Nullable Integer total) {
    return new Tracking(status, startTime, endTime, p, rem, l, total, pauseCount, pausedTotal,
        gaps, closeReason);
  }

  /**
   * @param paused time paused in the pause that just ended
   * @return a copy counting it
   */
  public Tracking withPause(Duration paused) {
    return new Tracking(status, startTime, endTime, progress, remaining, layer, totalLayers,
        pauseCount + 1, pausedTotal.plus(paused), gaps, closeReason);
  }

  /**
   * Most connection gaps kept per job; later gaps extend the last one.
   * @since 0.1
   */
  public static final int MAX_GAPS = 100;

  /**
   * @param gap a connection gap
   * @return a copy with it added; beyond {@link #MAX_GAPS} gaps the last one is extended to the
   *     new gap's end instead, so a flapping connection cannot grow a job without bound
   */
  public Tracking withGap(ConnectionGap gap) {
    List<ConnectionGap> g = new ArrayList<>(gaps);
    if (g.size() >= MAX_GAPS) {
      ConnectionGap lastGap = g.remove(g.size() - 1);
      Instant to = gap.to().isAfter(lastGap.to()) ? gap.to() : lastGap.to();
      g.add(new ConnectionGap(lastGap.from(), to));
    } else {
      g.add(gap);
    }
    return new Tracking(status, startTime, endTime, progress, remaining, layer, totalLayers,
        pauseCount, pausedTotal, g, closeReason);
  }

  /**
   * @param outcome closed status
   * @param end end time (moved to the start time if the printer clock put it earlier)
   * @param reason reason, or null
   * @return a closed copy
   */
  public Tracking closed(JobStatus outcome, Instant end, @Nullable String reason) {
    if (!outcome.isClosed()) {
      throw new IllegalArgumentException("not a closing status: " + outcome);
    }
    Instant e = startTime != null && end.isBefore(startTime) ? startTime : end;
    return new Tracking(outcome, startTime, e, progress,
        outcome == JobStatus.COMPLETED ? Duration.ZERO : remaining,
        layer, totalLayers, pauseCount, pausedTotal, gaps, reason);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Tracking)) {
      return false;
    }
    Tracking t = (Tracking) o;
    return status == t.status && Objects.equals(startTime, t.startTime)
        && Objects.equals(endTime, t.endTime) && progress == t.progress
        && Objects.equals(remaining, t.remaining) && Objects.equals(layer, t.layer)
        && Objects.equals(totalLayers, t.totalLayers) && pauseCount == t.pauseCount
        && pausedTotal.equals(t.pausedTotal) && gaps.equals(t.gaps)
        && Objects.equals(closeReason, t.closeReason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, startTime, endTime, progress, pauseCount);
  }

  @Override
  public String toString() {
    return "Tracking{" + status + ", start=" + startTime + ", end=" + endTime + ", progress="
        + progress + (closeReason == null ? "" : ", reason=" + closeReason) + "}";
  }
}
