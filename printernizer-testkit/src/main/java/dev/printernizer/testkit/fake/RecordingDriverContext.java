package dev.printernizer.testkit.fake;

import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.ConnectionProblem;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.spi.DriverContext;
import dev.printernizer.time.EngineClock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DriverContext} for a driver's own unit tests: it records everything the driver reports
 * (snapshots, lost connections, typed connection problems, skipped bad input), with no engine
 * behind it. Give it to {@code PrinterDriver.start(...)} and assert on what it recorded; for the
 * full contract, run the driver through {@code PrinterDriverCompatibilityKit}.
 *
 * <pre>{@code
 * RecordingDriverContext ctx = new RecordingDriverContext(config, clock);
 * driver.start(ctx);
 * ...
 * assertEquals(ConnectionProblem.Kind.AUTHENTICATION_REFUSED, ctx.problems().get(0).kind());
 * assertFalse(ctx.everything().contains("the-access-code"));
 * }</pre>
 *
 * <p>Thread-safe: drivers report from their own threads; the recorded lists are live,
 * thread-safe views in report order. By default blocking driver work runs on the calling thread
 * ({@link #executor(Executor)} changes it) and the settings are the defaults.
 *
 * @since 0.2
 */
public final class RecordingDriverContext implements DriverContext {
  /**
   * One {@link DriverContext#connectionProblem} call.
   *
   * @param kind what went wrong
   * @param detail the driver's detail
   * @param retryIn the back-off it gave, or null
   * @since 0.2
   */
  public record Problem(ConnectionProblem.Kind kind, String detail,
      @Nullable Duration retryIn) {}

  /**
   * One {@link DriverContext#badInput} call.
   *
   * @param kind the driver's classification
   * @param detail what was wrong
   * @since 0.2
   */
  public record BadInput(String kind, String detail) {}

  private final PrinterConfig config;
  private final EngineClock clock;
  private final List<StatusSnapshot> snapshots = new CopyOnWriteArrayList<>();
  private final List<String> losses = new CopyOnWriteArrayList<>();
  private final List<Problem> problems = new CopyOnWriteArrayList<>();
  private final List<BadInput> badInputs = new CopyOnWriteArrayList<>();
  private volatile Executor executor = Runnable::run;
  private volatile AutoJobSettings settings = new AutoJobSettings();
  private volatile Consumer<Problem> onProblem = p -> { };

  /**
   * @param config the printer the driver watches
   * @param clock the clock the driver gets (a {@link ManualClock} for virtual time)
   * @since 0.2
   */
  public RecordingDriverContext(PrinterConfig config, EngineClock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A context on the system clock.
   *
   * @param config the printer the driver watches
   * @since 0.2
   */
  public RecordingDriverContext(PrinterConfig config) {
    this(config, EngineClock.system());
  }

  /**
   * @param executor where the driver's blocking work runs
   * @return this
   * @since 0.2
   */
  public RecordingDriverContext executor(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
    return this;
  }

  /**
   * @param settings the settings the driver reads (e.g. the monitoring interval)
   * @return this
   * @since 0.2
   */
  public RecordingDriverContext settings(AutoJobSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /**
   * @param listener called with every problem, on the driver's thread
   * @return this
   * @since 0.2
   */
  public RecordingDriverContext onProblem(Consumer<Problem> listener) {
    this.onProblem = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * @return the published snapshots, in order (live)
   * @since 0.2
   */
  public List<StatusSnapshot> snapshots() {
    return snapshots;
  }

  /**
   * @return the reasons given to {@link #connectionLost(String)}, in order (live)
   * @since 0.2
   */
  public List<String> losses() {
    return losses;
  }

  /**
   * @return the typed connection problems, in order (live)
   * @since 0.2
   */
  public List<Problem> problems() {
    return problems;
  }

  /**
   * @return the skipped bad input, in order (live)
   * @since 0.2
   */
  public List<BadInput> badInputs() {
    return badInputs;
  }

  /**
   * @return everything the driver reported (snapshots, losses, problems, bad input), as text:
   *     for assertion messages and for checking that no secret is in any of it
   * @since 0.2
   */
  public String everything() {
    return "snapshots=" + snapshots + " losses=" + losses + " problems=" + problems
        + " badInputs=" + badInputs;
  }

  /**
   * The last snapshot the driver published.
   *
   * @return the snapshot
   * @throws AssertionError when the driver published none (the message lists what it reported)
   * @since 0.2
   */
  public StatusSnapshot lastSnapshot() {
    int n = snapshots.size();
    if (n == 0) {
      throw new AssertionError("the driver published no snapshot; " + everything());
    }
    return snapshots.get(n - 1);
  }

  /**
   * The last connection problem the driver reported.
   *
   * @return the problem
   * @throws AssertionError when the driver reported none (the message lists what it reported)
   * @since 0.2
   */
  public Problem lastProblem() {
    int n = problems.size();
    if (n == 0) {
      throw new AssertionError("the driver reported no connection problem; " + everything());
    }
    return problems.get(n - 1);
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
    return executor;
  }

  @Override
  public void publish(StatusSnapshot snapshot) {
    snapshots.add(Objects.requireNonNull(snapshot, "snapshot"));
  }

  @Override
  public void connectionLost(String reason) {
    losses.add(reason);
  }

  @Override
  public void connectionProblem(ConnectionProblem.Kind kind, String detail,
      @Nullable Duration retryIn) {
    Problem p = new Problem(kind, detail, retryIn);
    problems.add(p);
    onProblem.accept(p);
  }

  @Override
  public void badInput(String kind, String detail) {
    badInputs.add(new BadInput(kind, detail));
  }
}
