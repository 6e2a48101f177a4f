package dev.printernizer.micrometer;

import dev.printernizer.Printernizer;
import dev.printernizer.api.Job;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterStatus;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.api.RunLink;
import dev.printernizer.outbox.OutboxBacklog;
import dev.printernizer.spi.Notifier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * The engine's metrics for Micrometer.
 *
 * <pre>{@code
 * new PrinternizerMetrics(printernizer).bindTo(registry);               // no printer tags
 * new PrinternizerMetrics(printernizer, true).bindTo(registry);         // tagged by printer
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@code printernizer.jobs.started}</td><td>counter</td><td>{@code origin}
 *       (auto: created for a print; adopted: a planned job linked to it). Not
 *       {@code jobs.created}: Prometheus reserves the {@code _created} suffix.</td></tr>
 *   <tr><td>{@code printernizer.jobs.closed}</td><td>counter</td><td>{@code outcome}
 *       (completed, failed, cancelled, interrupted)</td></tr>
 *   <tr><td>{@code printernizer.jobs.open}</td><td>gauge</td><td></td></tr>
 *   <tr><td>{@code printernizer.detection.latency}</td><td>timer, p50/p95/p99</td><td>
 *       {@code origin}: from the report that showed the print to the job's commit</td></tr>
 *   <tr><td>{@code printernizer.printers}</td><td>gauge</td><td>{@code state} (connected,
 *       offline, problem, store_failing)</td></tr>
 *   <tr><td>{@code printernizer.printer.bad.input}</td><td>function counter</td><td>
 *       {@code driver}: answers skipped as unreadable</td></tr>
 *   <tr><td>{@code printernizer.engine.failed.tasks}</td><td>gauge</td><td></td></tr>
 *   <tr><td>{@code printernizer.outbox.pending}, {@code printernizer.outbox.dead}</td>
 *       <td>gauge</td><td>{@code destination}</td></tr>
 * </table>
 *
 * <p><b>Cardinality.</b> Tags are fixed sets; the printer id is added to the job meters only
 * when asked ({@code printerTags}), never file names or job ids. The outbox gauges read the
 * store's backlog at most every 5 s.
 *
 * <p>Thread-safe. {@link #bindTo} also registers this object as a notifier of the engine (for
 * the counters and the timer); bind it once.
 *
 * @since 0.4
 */
public final class PrinternizerMetrics implements MeterBinder, Notifier {
  private static final Set<String> STATES = Set.of("connected", "offline", "problem",
      "store_failing");

  private final Printernizer engine;
  private final boolean printerTags;
  private @Nullable MeterRegistry registry;
  private final BacklogCache backlog;

  /**
   * Metrics without printer tags.
   *
   * @param engine the engine
   * @since 0.4
   */
  public PrinternizerMetrics(Printernizer engine) {
    this(engine, false);
  }

  /**
   * @param engine the engine
   * @param printerTags whether the job meters carry a {@code printer} tag (one series per
   *     printer: fine for a farm, not for thousands of printers)
   * @since 0.4
   */
  public PrinternizerMetrics(Printernizer engine, boolean printerTags) {
    this(engine, printerTags, Duration.ofSeconds(5));
  }

  /** @param backlogInterval how long a read of the outbox backlog is reused (tests: zero) */
  PrinternizerMetrics(Printernizer engine, boolean printerTags, Duration backlogInterval) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.printerTags = printerTags;
    this.backlog = new BacklogCache(engine, backlogInterval);
  }

  @Override
  public void bindTo(MeterRegistry r) {
    this.registry = r;
    Gauge.builder("printernizer.jobs.open", engine, e -> count(e, s -> s.currentJob() != null))
        .description("jobs open (running or paused) now").register(r);
    for (String state : new TreeSet<>(STATES)) {
      Gauge.builder("printernizer.printers", engine, e -> count(e, s -> state.equals(state(s))))
          .tag("state", state).description("printers by connection state").register(r);
    }
    Set<String> drivers = new TreeSet<>();
    engine.printers().forEach(p -> drivers.add(p.config().type()));
    for (String driver : drivers) {
      FunctionCounter.builder("printernizer.printer.bad.input", engine, e -> e.printers()
          .stream().filter(p -> p.config().type().equals(driver))
          .mapToLong(PrinterStatus::badInputs).sum())
          .tag("driver", driver).description("answers skipped as unreadable").register(r);
    }
    Gauge.builder("printernizer.engine.failed.tasks", engine, Printernizer::failedTasks)
        .description("engine tasks that threw (each a bug; 0 expected)").register(r);
    for (String d : engine.deliveries().destinations()) {
      Gauge.builder("printernizer.outbox.pending", backlog, b -> b.get(d, OutboxBacklog::pending))
          .tag("destination", d).description("outbox entries not yet delivered").register(r);
      Gauge.builder("printernizer.outbox.dead", backlog, b -> b.get(d, OutboxBacklog::dead))
          .tag("destination", d).description("outbox entries given up (dead letters)")
          .register(r);
    }
    engine.addNotifier(this);
  }

  static String state(PrinterStatus s) {
    if (s.storeFailure().isPresent()) {
      return "store_failing";
    }
    if (s.connectionProblem().isPresent()) {
      return "problem";
    }
    return s.connected() ? "connected" : "offline";
  }

  private static double count(Printernizer e, java.util.function.Predicate<PrinterStatus> p) {
    return e.printers().stream().filter(p).count();
  }

  /** Counts job events and times detection. Called by the engine; not for direct use. */
  @Override
  public void onEvent(PrinternizerEvent event) {
    MeterRegistry r = registry;
    if (r == null) {
      return;
    }
    if (event instanceof PrinternizerEvent.JobAutoCreated) {
      created(r, ((PrinternizerEvent.JobAutoCreated) event).job(), "auto", event);
    } else if (event instanceof PrinternizerEvent.JobAdopted) {
      created(r, ((PrinternizerEvent.JobAdopted) event).job(), "adopted", event);
    } else if (event instanceof PrinternizerEvent.JobClosed) {
      Job j = ((PrinternizerEvent.JobClosed) event).job();
      Counter.builder("printernizer.jobs.closed").tags(tags(j.printerId())
          .and("outcome", j.status().wireName())).description("jobs closed, by outcome")
          .register(r).increment();
    }
  }

  private void created(MeterRegistry r, Job job, String origin, PrinternizerEvent event) {
    Tags t = tags(job.printerId()).and("origin", origin);
    Counter.builder("printernizer.jobs.started").tags(t)
        .description("jobs created for prints (auto) or linked to them (adopted)").register(r)
        .increment();
    RunLink run = job.run().orElse(null);
    if (run != null && !event.at().isBefore(run.discoveryTime())) {
      Timer.builder("printernizer.detection.latency").tags(t)
          .description("from the report that showed the print to the job's commit")
          .publishPercentiles(0.5, 0.95, 0.99).register(r)
          .record(Duration.between(run.discoveryTime(), event.at()));
    }
  }

  private Tags tags(PrinterId printer) {
    return printerTags ? Tags.of("printer", printer.value()) : Tags.empty();
  }

  /** The outbox backlog, read at most once per interval (a gauge is read on every scrape). */
  static final class BacklogCache {
    private final Printernizer engine;
    private final long intervalNanos;
    private List<OutboxBacklog> last = List.of();
    private long readAt = Long.MIN_VALUE;

    BacklogCache(Printernizer engine, Duration interval) {
      this.engine = engine;
      this.intervalNanos = interval.toNanos();
    }

    synchronized double get(String destination, ToDoubleFunction<OutboxBacklog> what) {
      long now = System.nanoTime();
      if (readAt == Long.MIN_VALUE || now - readAt >= intervalNanos) {
        try {
          last = engine.deliveries().backlog();
        } catch (RuntimeException e) {
          return Double.NaN; // the store is down: no value rather than a stale one
        } finally {
          readAt = now;
        }
      }
      for (OutboxBacklog b : last) {
        if (b.destination().equals(destination)) {
          return what.applyAsDouble(b);
        }
      }
      return 0;
    }
  }

  @Override
  public String toString() {
    return "PrinternizerMetrics{printerTags=" + printerTags + "}";
  }
}
