package dev.printernizer.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.printernizer.Printernizer;
import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.ConnectionProblem;
import dev.printernizer.api.Job;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterStatus;
import dev.printernizer.driver.bambu.BambuDriverProvider;
import dev.printernizer.driver.prusa.PrusaDriverProvider;
import dev.printernizer.spi.StoreResult;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.testkit.fake.ForwardingJobStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The isolation scenario of issue 12 ("one printer must never hold up the others"): one engine
 * with its default executors watches {@value #HANGING} PrusaLink printers that accept TCP
 * connections and never answer ({@link HangingPrinters}), one simulated Bambu printer
 * ({@link BambuFleet}, its own Mosquitto broker) and one healthy simulated PrusaLink printer
 * ({@link PrusaFleet}), all through the real drivers. The healthy printers print again and again;
 * each print's detection latency is the time from the simulator starting it to the job's commit
 * in the store. The same scenario without the hanging printers is the baseline.
 *
 * <p>PrusaLink is polled every 2 s instead of the default 30 s, so that a run collects enough
 * prints in minutes; a PrusaLink detection includes the wait for the next poll (up to one
 * interval). Each run is its own JVM in full mode ({@link #main}).
 */
public final class IsolationHarness {
  /** Hanging printers in the scenario. */
  static final int HANGING = 50;

  private IsolationHarness() {}

  /** Detection latencies of one healthy printer over one run. */
  public record Samples(String printer, int started, int detected, double p50Ms, double p99Ms,
      double maxMs, double afterPollP50Ms, double afterPollP99Ms, double afterPollMaxMs) {}

  /** The figures of one run. */
  public record Result(boolean hanging, int hangingPrinters, double intervalSeconds,
      Samples prusa, Samples bambu, double pollGapP99Ms, double pollGapMaxMs,
      String hangingProblems, int hangingAccepted, int peakBusyDriverThreads, double seconds,
      long failedTasks, String loadAverage) {}

  /** How long a run lasts and how many prints it makes. */
  record Plan(Duration interval, int prusaPrints, int bambuPrints, Duration settle) {
    static Plan full() {
      return new Plan(Duration.ofSeconds(2), 30, 200, Duration.ofSeconds(12));
    }

    static Plan quick() {
      return new Plan(Duration.ofSeconds(1), 3, 20, Duration.ofMillis(1500));
    }
  }

  /** Stamps when each job was committed, by printer and job name. */
  static final class Commits extends ForwardingJobStore {
    final Map<String, Long> at = new ConcurrentHashMap<>();

    Commits() {
      super(new InMemoryJobStore());
    }

    @Override
    public StoreResult createIfAbsent(Job job) {
      StoreResult r = super.createIfAbsent(job);
      if (r.outcome() == StoreResult.Outcome.CREATED) {
        at.putIfAbsent(job.printerId().value() + "/" + job.name(), System.nanoTime());
      }
      return r;
    }
  }

  /**
   * A healthy printer the scenario prints on; {@code seenAt} tells when the printer was first
   * asked about a print (PrusaLink: the poll that saw it), or null where that is not known.
   */
  private record Healthy(String id, Runnable start, Runnable finish, Supplier<String> name,
      Function<String, Long> seenAt) {}

  static PrinterConfig withId(PrinterConfig c, String id) {
    PrinterConfig.Builder b = PrinterConfig.builder(PrinterId.of(id), c.type()).name(id)
        .port(c.port());
    c.host().ifPresent(b::host);
    c.serial().ifPresent(b::serial);
    c.username().ifPresent(b::username);
    c.credential().ifPresent(b::credential);
    c.options().forEach(b::option);
    return b.build();
  }

  /**
   * One run in this JVM.
   *
   * @param hanging with the {@value #HANGING} hanging printers, or the baseline without
   * @param plan interval, prints and settling time
   * @return the figures
   * @throws Exception if the run fails
   */
  static Result runOne(boolean hanging, Plan plan) throws Exception {
    long t0 = System.nanoTime();
    String load = loadAverage();
    try (HangingPrinters hang = hanging ? new HangingPrinters(HANGING) : null;
        PrusaFleet prusa = new PrusaFleet(1); BambuFleet bambu = new BambuFleet(1)) {
      bambu.startBackground(); // the printer's own report cadence; PrusaFleet's bare poller stays off
      Commits store = new Commits();
      AutoJobSettings settings = new AutoJobSettings();
      settings.setMonitoringInterval(plan.interval());
      Printernizer.Builder b = Printernizer.builder().jobStore(store).settings(settings)
          .serviceDiscovery(false).driverProvider(new PrusaDriverProvider())
          .driverProvider(new BambuDriverProvider()) // default executors: nothing overridden
          .printer(withId(prusa.config(0), "healthy-prusa"))
          .printer(withId(bambu.config(0), "healthy-bambu"));
      for (int i = 0; hanging && i < HANGING; i++) {
        b.printer(hang.config(i));
      }
      try (Printernizer engine = b.build(); BusyDriverThreads busy = new BusyDriverThreads()) {
        engine.start();
        awaitTrue("the printers connected", () -> prusa.ready() >= 1 && bambu.ready() >= 1
            && (hang == null || hang.accepted() >= HANGING), Duration.ofSeconds(60));
        Thread.sleep(plan.settle().toMillis());
        prusa.tracePrinterZero();
        Healthy p = new Healthy("healthy-prusa", () -> prusa.startPrint(0),
            () -> prusa.finishPrint(0), () -> prusa.printName(0), prusa::firstPollSeeing);
        Healthy m = new Healthy("healthy-bambu", () -> bambu.startPrint(0),
            () -> bambu.finishPrint(0), () -> bambu.printName(0), name -> null);
        long intervalMs = plan.interval().toMillis();
        Samples[] prusaSamples = new Samples[1];
        Exception[] prusaFailure = new Exception[1];
        Thread prusaLoop = ScaleHarness.named("isolation-prusa-loop").newThread(() -> {
          try {
            prusaSamples[0] = prints(p, plan.prusaPrints(), store, intervalMs / 2,
                intervalMs * 3 / 2, plan.interval().plusSeconds(15), new SplittableRandom(5));
          } catch (Exception e) {
            prusaFailure[0] = e;
          }
        });
        prusaLoop.start();
        Samples bambuSamples = prints(m, plan.bambuPrints(), store, 50, 250,
            Duration.ofSeconds(10), new SplittableRandom(6));
        prusaLoop.join();
        if (prusaFailure[0] != null) {
          throw prusaFailure[0];
        }
        long[] gaps = prusa.pollGaps();
        return new Result(hanging, hanging ? HANGING : 0, plan.interval().toMillis() / 1000.0,
            prusaSamples[0], bambuSamples, ScaleHarness.pct(gaps, 99),
            ScaleHarness.pct(gaps, 100), hanging ? problems(engine) : "-",
            hang == null ? 0 : hang.accepted(), busy.peak(), (System.nanoTime() - t0) / 1e9,
            engine.failedTasks(), load);
      }
    }
  }

  /**
   * Prints {@code n} times on one printer: a random pause, start, wait for the job's commit,
   * a random pause, finish. A pause before a start is drawn from {@code [0, maxPause)} so the
   * starts fall at random points of a PrusaLink poll interval.
   */
  private static Samples prints(Healthy h, int n, Commits store, long minPauseMs,
      long maxPauseMs, Duration timeout, SplittableRandom random) throws InterruptedException {
    long[] latencies = new long[n];
    long[] afterPoll = new long[n];
    int k = 0;
    int a = 0;
    for (int i = 0; i < n; i++) {
      Thread.sleep(random.nextLong(0, maxPauseMs));
      long started = System.nanoTime();
      h.start().run();
      String key = h.id() + "/" + h.name().get();
      long deadline = started + timeout.toNanos();
      Long at;
      while ((at = store.at.get(key)) == null && System.nanoTime() < deadline) {
        Thread.sleep(2); // the latency is the store's commit stamp, not when this loop sees it
      }
      if (at != null) {
        latencies[k++] = at - started;
        Long seen = h.seenAt().apply(h.name().get());
        if (seen != null) {
          afterPoll[a++] = at - seen;
        }
      } else {
        System.err.println("WARNING: " + key + " not detected within " + timeout);
      }
      Thread.sleep(random.nextLong(minPauseMs, maxPauseMs));
      h.finish().run();
      Thread.sleep(random.nextLong(minPauseMs, maxPauseMs));
    }
    long[] det = Arrays.copyOf(latencies, k);
    long[] after = Arrays.copyOf(afterPoll, a);
    return new Samples(h.id(), n, k, ScaleHarness.pct(det, 50), ScaleHarness.pct(det, 99),
        ScaleHarness.pct(det, 100), ScaleHarness.pct(after, 50), ScaleHarness.pct(after, 99),
        ScaleHarness.pct(after, 100));
  }

  /** @return the hanging printers' connection problems, counted by kind */
  private static String problems(Printernizer engine) {
    Map<String, Integer> kinds = new TreeMap<>();
    for (int i = 0; i < HANGING; i++) {
      String kind = engine.printer(PrinterId.of("hang-" + i))
          .flatMap(PrinterStatus::connectionProblem).map(ConnectionProblem::kind)
          .map(ConnectionProblem.Kind::code).orElse("none");
      kinds.merge(kind, 1, Integer::sum);
    }
    return kinds.toString();
  }

  /** Samples how many driver-pool threads are busy (not parked waiting for work). */
  private static final class BusyDriverThreads implements AutoCloseable {
    private final AtomicInteger peak = new AtomicInteger();
    private volatile boolean closed;
    private final Thread sampler;

    BusyDriverThreads() {
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      sampler = ScaleHarness.named("scale-sim-sampler").newThread(() -> {
        while (!closed) {
          int busy = 0;
          for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds(), 0)) {
            if (t != null && t.getThreadName().startsWith("printernizer-driver")
                && t.getThreadState() == Thread.State.RUNNABLE) {
              busy++; // a blocking socket read shows as RUNNABLE
            }
          }
          peak.accumulateAndGet(busy, Math::max);
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      sampler.start();
    }

    int peak() {
      return peak.get();
    }

    @Override
    public void close() {
      closed = true;
      sampler.interrupt();
    }
  }

  private static void awaitTrue(String what, java.util.function.BooleanSupplier done,
      Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("isolation run: " + what + " did not happen within "
            + max);
      }
      Thread.sleep(50);
    }
  }

  /** @return the 1-minute load average (Linux), or "unknown" */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (Exception e) {
      return "unknown";
    }
  }

  /**
   * The baseline and the scenario with hanging printers, each in its own JVM.
   *
   * @return the two results (baseline first); a run that failed is left out
   * @throws Exception if starting a run fails
   */
  static List<Result> runForked() throws Exception {
    List<Result> out = new ArrayList<>();
    for (String variant : List.of("without", "with")) {
      System.out.println("isolation run: " + variant + " hanging printers");
      Result r = ForkedJvm.run(IsolationHarness.class, "1g", List.of(variant),
          "ISOLATION-RESULT", Result.class, Duration.ofMinutes(20));
      if (r == null) {
        System.err.println("WARNING: isolation run '" + variant + "' failed; its target is"
            + " reported as not measured");
        continue;
      }
      System.out.println("  " + r);
      out.add(r);
    }
    return out;
  }

  /**
   * One full-size run in this JVM, for {@link #runForked}: prints
   * {@code ISOLATION-RESULT <json>}.
   *
   * @param args {@code with} or {@code without} (hanging printers)
   * @throws Exception if the run fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 1 || !(args[0].equals("with") || args[0].equals("without"))) {
      throw new IllegalArgumentException("usage: IsolationHarness with|without");
    }
    try {
      Result r = runOne(args[0].equals("with"), Plan.full());
      System.out.println("ISOLATION-RESULT " + new ObjectMapper().writeValueAsString(r));
    } catch (Exception | Error e) {
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0); // HiveMQ's and OkHttp's shared threads would otherwise hold the JVM a while
  }
}
