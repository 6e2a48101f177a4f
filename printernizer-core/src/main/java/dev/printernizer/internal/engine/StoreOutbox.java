package dev.printernizer.internal.engine;

import dev.printernizer.api.Job;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.api.RunLink;
import dev.printernizer.spi.StoreResult;
import dev.printernizer.time.EngineClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One printer's writes that wait for the job store: closes that failed, and runs that ended
 * while the store was down (recorded closed when it is back). Also knows whether the store fails
 * for this printer, and why, and retries on a timer while it does, so an outage ends without
 * waiting for the printer's next report (1 s, doubling to 60 s).
 *
 * <p>Confined to the printer's lane, like its {@link PrinterTracker}; the timer hops onto the
 * lane before it touches anything.
 */
final class StoreOutbox {
  private static final Logger LOG = LoggerFactory.getLogger(StoreOutbox.class);
  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  static final Duration MAX_RETRY = Duration.ofSeconds(60);

  private final PrinterId id;
  private final String printerName;
  private final Engine engine;
  private final SerialLane lane;
  private final Runnable onRetry;
  private final Deque<Job> closes = new ArrayDeque<>(1); // mostly empty: small
  private final Deque<Job> creates = new ArrayDeque<>(1);
  private boolean failing;
  private @Nullable String failure;
  private int retries;
  private EngineClock.@Nullable Cancellable timer;
  private boolean stopped;

  /**
   * @param onRetry run on the lane when the retry timer fires (after the pending writes)
   */
  StoreOutbox(PrinterId id, String printerName, Engine engine, SerialLane lane,
      Runnable onRetry) {
    this.id = id;
    this.printerName = printerName;
    this.engine = engine;
    this.lane = lane;
    this.onRetry = onRetry;
  }

  boolean isEmpty() {
    return closes.isEmpty() && creates.isEmpty();
  }

  boolean hasPendingCloses() {
    return !closes.isEmpty();
  }

  /** @return why the store fails for this printer now, or null */
  @Nullable String failure() {
    return failure;
  }

  boolean failing() {
    return failing;
  }

  /** Writes a closed job, or keeps it to retry. */
  void close(Job closedJob) {
    if (!writeClose(closedJob)) {
      closes.add(closedJob);
    }
  }

  /** Records a run that ended while the store was down (a closed job), now or when it is back. */
  void record(Job closedJob) {
    creates.add(closedJob);
    retry();
  }

  /** Retries closes, then late creations, in order; stops at the first failure. */
  void retry() {
    int n = closes.size();
    for (int i = 0; i < n; i++) {
      Job j = closes.poll();
      if (!writeClose(j)) {
        closes.addFirst(j);
        return;
      }
    }
    while (!creates.isEmpty()) {
      Job j = creates.peek();
      try {
        StoreResult res = engine.store().createIfAbsent(j);
        ok();
        creates.poll();
        if (res.outcome() == StoreResult.Outcome.CREATED) {
          RunLink link = j.run().orElseThrow();
          engine.learn(id, link.runKey(), j.id());
          engine.emit(new PrinternizerEvent.JobAutoCreated(engine.now(), res.requireJob(),
          printerName,
              j.fileName().orElse(RunNames.UNNAMED), link.discoveredOnStartup()));
          engine.emit(new PrinternizerEvent.JobClosed(engine.now(), res.requireJob()));
        }
      } catch (RuntimeException e) {
        failed("recording a print that ended during an outage", e);
        return;
      }
    }
  }

  private boolean writeClose(Job closedJob) {
    try {
      Optional<Job> j = engine.store().updateTracking(closedJob.id(), closedJob.tracking());
      ok();
      if (j.isPresent() && j.get().status() == closedJob.status()
          && j.get().tracking().equals(closedJob.tracking())) {
        engine.emit(new PrinternizerEvent.JobClosed(engine.now(), j.get()));
      }
      return true;
    } catch (RuntimeException e) {
      failed("closing job " + closedJob.id(), e);
      return false;
    }
  }

  /** A store call succeeded. */
  void ok() {
    if (failing) {
      failing = false;
      failure = null;
      retries = 0;
      LOG.info("{}: job store reachable again", id);
    }
  }

  /** A store call failed: remembered, logged once per outage, retried on the timer. */
  void failed(String what, RuntimeException e) {
    failure = "job store failed while " + what + ": " + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    if (!failing) {
      failing = true;
      LOG.warn("{}: job store failed while {}; monitoring continues and the write is retried"
          + " on a timer and with the next status update: {}", id, what, e.toString());
    } else {
      LOG.debug("{}: job store still failing ({})", id, what, e);
    }
    schedule();
  }

  private void schedule() {
    if (timer != null || stopped) {
      return;
    }
    long seconds = Math.min(MAX_RETRY.toSeconds(),
        FIRST_RETRY.toSeconds() << Math.min(retries++, 6));
    timer = engine.schedule(Duration.ofSeconds(seconds), () -> lane.execute(this::onTimer));
  }

  private void onTimer() {
    timer = null;
    if (stopped || !failing) {
      return;
    }
    retry();
    onRetry.run();
    if (failing) {
      schedule();
    }
  }

  /** Cancels the retry timer (the engine closes or the printer is removed). */
  void stop() {
    stopped = true;
    EngineClock.Cancellable t = timer;
    timer = null;
    if (t != null) {
      t.cancel();
    }
  }
}
