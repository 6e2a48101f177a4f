package dev.printernizer.driver.bambu.internal;

import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.ConnectionProblem;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.spi.DriverContext;
import dev.printernizer.time.EngineClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** A driver context that records everything a driver reports (for tests). */
public final class RecordingContext implements DriverContext {
  /** One {@link DriverContext#connectionProblem} call. */
  public record Problem(ConnectionProblem.Kind kind, String detail, Duration retryIn) {}

  /** One {@link DriverContext#badInput} call. */
  public record BadInput(String kind, String detail) {}

  private final PrinterConfig config;
  private final EngineClock clock;
  /** Published snapshots, in order. */
  public final List<StatusSnapshot> snapshots = new CopyOnWriteArrayList<>();
  /** Reasons given to {@link #connectionLost}. */
  public final List<String> losses = new CopyOnWriteArrayList<>();
  /** Typed problems. */
  public final List<Problem> problems = new CopyOnWriteArrayList<>();
  /** Skipped bad input. */
  public final List<BadInput> badInputs = new CopyOnWriteArrayList<>();
  private volatile Consumer<Problem> onProblem = p -> {};

  /** @param config the printer @param clock the clock the driver gets */
  public RecordingContext(PrinterConfig config, EngineClock clock) {
    this.config = config;
    this.clock = clock;
  }

  /** @param config the printer; the system clock */
  public RecordingContext(PrinterConfig config) {
    this(config, EngineClock.system());
  }

  /** @param listener called on every problem, on the driver's thread @return this */
  public RecordingContext onProblem(Consumer<Problem> listener) {
    this.onProblem = listener;
    return this;
  }

  /** @return everything reported as failure, for assertion messages and secret checks */
  public String everything() {
    return "losses=" + losses + " problems=" + problems + " badInputs=" + badInputs;
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
    return new AutoJobSettings();
  }

  @Override
  public Executor executor() {
    return Runnable::run;
  }

  @Override
  public void publish(StatusSnapshot s) {
    snapshots.add(s);
  }

  @Override
  public void connectionLost(String reason) {
    losses.add(reason);
  }

  @Override
  public void connectionProblem(ConnectionProblem.Kind kind, String detail, Duration retryIn) {
    Problem p = new Problem(kind, detail, retryIn);
    problems.add(p);
    onProblem.accept(p);
  }

  @Override
  public void badInput(String kind, String detail) {
    badInputs.add(new BadInput(kind, detail));
  }
}
