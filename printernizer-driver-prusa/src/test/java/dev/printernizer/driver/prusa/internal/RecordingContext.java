package dev.printernizer.driver.prusa.internal;

import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.ConnectionProblem;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.spi.DriverContext;
import dev.printernizer.testkit.fake.ManualClock;
import dev.printernizer.time.EngineClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/** A driver context that records every report; polls run on the calling thread, in virtual time. */
final class RecordingContext implements DriverContext {
  /** One connectionProblem call. */
  record Problem(ConnectionProblem.Kind kind, String detail, Duration retryIn) {}

  /** One badInput call. */
  record Bad(String kind, String detail) {}

  final ManualClock clock;
  final AutoJobSettings settings = new AutoJobSettings();
  final List<StatusSnapshot> snapshots = new CopyOnWriteArrayList<>();
  final List<Problem> problems = new CopyOnWriteArrayList<>();
  final List<String> lost = new CopyOnWriteArrayList<>();
  final List<Bad> badInputs = new CopyOnWriteArrayList<>();
  private final PrinterConfig config;

  RecordingContext(PrinterConfig config, ManualClock clock) {
    this.config = config;
    this.clock = clock;
  }

  @Override
  public PrinterConfig printer() {
    return config;
  }

  @Override
  public EngineClock clock() {
    return clock;
  }

  @Override
  public AutoJobSettings settings() {
    return settings;
  }

  @Override
  public Executor executor() {
    return Runnable::run;
  }

  @Override
  public void publish(StatusSnapshot snapshot) {
    snapshots.add(snapshot);
  }

  @Override
  public void connectionLost(String reason) {
    lost.add(reason);
  }

  @Override
  public void connectionProblem(ConnectionProblem.Kind kind, String detail, Duration retryIn) {
    problems.add(new Problem(kind, detail, retryIn));
  }

  @Override
  public void badInput(String kind, String detail) {
    badInputs.add(new Bad(kind, detail));
  }

  /** @return the last problem reported @throws AssertionError if none was */
  Problem lastProblem() {
    if (problems.isEmpty()) {
      throw new AssertionError("no connection problem reported; connectionLost: " + lost
          + ", bad input: " + badInputs + ", snapshots: " + snapshots.size());
    }
    return problems.get(problems.size() - 1);
  }

  /** @return the last snapshot published @throws AssertionError if none was */
  StatusSnapshot lastSnapshot() {
    if (snapshots.isEmpty()) {
      throw new AssertionError("nothing published; problems: " + problems + ", lost: " + lost);
    }
    return snapshots.get(snapshots.size() - 1);
  }

  /** @return everything the driver told the engine, as text (to look for secrets in) */
  String everything() {
    return snapshots + " " + problems + " " + lost + " " + badInputs;
  }

  /** @return the delay until the next scheduled poll */
  Duration nextPollIn() {
    List<Duration> d = clock.pendingDelays();
    if (d.size() != 1) {
      throw new AssertionError("expected one scheduled poll, got " + d);
    }
    return d.get(0);
  }

  /** Runs the next scheduled poll (moves the clock exactly to it). */
  void runNextPoll() {
    clock.advance(nextPollIn());
  }
}
