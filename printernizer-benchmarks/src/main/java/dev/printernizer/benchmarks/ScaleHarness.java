package dev.printernizer.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.printernizer.Printernizer;
import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.Job;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.driver.bambu.BambuDriverProvider;
import dev.printernizer.driver.moonraker.MoonrakerDriverProvider;
import dev.printernizer.driver.prusa.PrusaDriverProvider;
import dev.printernizer.spi.StoreResult;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.testkit.fake.ForwardingJobStore;
import java.io.BufferedReader;
import java.io.IOException;
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
import java.util.SplittableRandom;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The scale harness: {@code n} simulated printers of one protocol, watched by one engine in one
 * JVM through the real drivers, at the default intervals (Bambu and Moonraker: the printers' own
 * report cadence; PrusaLink: the 30 s {@code monitoring_interval}).
 *
 * <p>One run: start the simulated fleet; count the live heap ({@link LiveHeap}); start the
 * engine with {@code n} printers on the in-memory store and wait until every printer is connected
 * (Bambu: has asked for its full report; Moonraker: has subscribed and read its history) or
 * polled (PrusaLink); measure CPU over a steady window
 * of idle printers; take the heap again (the difference over {@code n} is the heap per printer)
 * and count live threads; then start a print on every printer, spread evenly over a window, and
 * record for each the time from the simulator starting it to the job being committed in the store
 * (a store wrapper stamps the {@code CREATED} return). The bare protocol latency of the same run
 * is recorded beside it (see the fleets). CPU is the process's CPU time over the window, minus the
 * simulator's own threads ({@code scale-sim-*} and the JDK HTTP server's dispatcher), as a share of
 * one core; broker processes are measured apart.
 *
 * <p>The full mode runs each point in its own JVM ({@link #main}) so heap and threads belong to
 * that point alone.
 */
public final class ScaleHarness {

  private ScaleHarness() {}

  /** The simulated printers of one protocol. */
  interface Fleet extends AutoCloseable {
    PrinterConfig config(int i);

    void startBackground();

    /** @return printers connected (Bambu) or polled at least once (PrusaLink) */
    int ready();

    /** From now on record bare samples (only the detection phase counts). */
    void beginDetection();

    void startPrint(int i);

    long startedAt(int i);

    long[] bareLatencies();

    String bareDescription();

    long externalCpuNanos();

    String externalDescription();

    long messages();

    @Override
    void close();
  }

  /** The figures of one run. */
  public record Result(String protocol, int printers, double intervalSeconds, double readySeconds,
      double windowSeconds, double libraryCpuPercent, double simulatorCpuPercent,
      double externalCpuPercent, String external, long heapBytesPerPrinter, int liveThreads,
      int libraryThreads, int started, int detected, double detectionP50Ms,
      double detectionP99Ms, double detectionMaxMs, long bareSamples, double bareP50Ms,
      double bareP99Ms, double bareMaxMs, String bare, long messages, long failedTasks, long heapBaselineMiB,
      String topClasses) {}

  static ThreadFactory named(String prefix) {
    AtomicInteger k = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + k.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** CPU time of another process (Linux /proc), 0 where unknown. */
  static long processCpuNanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
      return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static boolean simulatorThread(String name) {
    return name.startsWith("scale-sim") || name.startsWith("HTTP-Dispatcher");
  }

  private static long simulatorCpuNanos(ThreadMXBean threads) {
    long sum = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && simulatorThread(info.getThreadName())) {
        long t = threads.getThreadCpuTime(info.getThreadId());
        sum += Math.max(0, t);
      }
    }
    return sum;
  }

  private static int libraryThreads(ThreadMXBean threads) {
    int k = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && !simulatorThread(info.getThreadName())) {
        k++;
      }
    }
    return k;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }



  /**
   * The live-class histogram (after a full collection): bytes per class. With
   * {@code -Dprinternizer.scale.histogram=DIR} also written to {@code DIR/<name>.txt}.
   */
  private static java.util.Map<String, Long> histogram(String name) throws IOException {
    String text = LiveHeap.histogram();
    String dir = System.getProperty("printernizer.scale.histogram");
    if (dir != null) {
      Files.writeString(Path.of(dir, name + ".txt"), text);
    }
    return LiveHeap.byClass(text);
  }

  /** The classes whose live bytes grew most, in bytes per printer, and the share by library. */
  static String topGrowth(java.util.Map<String, Long> before, java.util.Map<String, Long> after,
      int n) {
    java.util.Map<String, Long> grew = new java.util.HashMap<>();
    after.forEach((k, v) -> grew.put(k, v - before.getOrDefault(k, 0L)));
    java.util.Map<String, Long> owners = new java.util.TreeMap<>();
    grew.forEach((k, v) -> owners.merge(owner(k), v, Long::sum));
    StringBuilder sb = new StringBuilder("by owner: ");
    owners.entrySet().stream().filter(e -> Math.abs(e.getValue()) / n >= 10)
        .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> sb.append(e.getKey()).append(' ').append(e.getValue() / n).append(" B, "));
    sb.setLength(sb.length() - 2);
    sb.append("; largest classes: ");
    grew.entrySet().stream()
        .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
        .forEach(e -> sb.append('`').append(e.getKey().replaceAll(" \\(.*", ""))
            .append("` ").append(e.getValue() / n).append(" B, "));
    sb.setLength(sb.length() - 2);
    return sb.toString();
  }

  private static String owner(String cls) {
    if (cls.startsWith("dev.printernizer.")) {
      return "Printernizer";
    }
    if (cls.startsWith("io.netty.")) {
      return "Netty (HiveMQ's client, the Moonraker driver)";
    }
    if (cls.startsWith("com.hivemq.") || cls.startsWith("io.reactivex.")
        || cls.startsWith("org.jctools.") || cls.startsWith("dagger.")) {
      return "HiveMQ client (with RxJava)";
    }
    if (cls.startsWith("okhttp3.") || cls.startsWith("okio.") || cls.startsWith("kotlin.")) {
      return "OkHttp";
    }
    if (cls.startsWith("com.fasterxml.")) {
      return "Jackson";
    }
    return "JDK types (arrays, strings, collections; any owner)";
  }

  /** Stamps when each printer's auto-created job was committed. */
  static final class CommitStamps extends ForwardingJobStore {
    final AtomicLongArray committed;
    final AtomicInteger count = new AtomicInteger();

    CommitStamps(int n) {
      super(new InMemoryJobStore());
      committed = new AtomicLongArray(n);
    }

    @Override
    public StoreResult createIfAbsent(Job job) {
      StoreResult r = super.createIfAbsent(job);
      if (r.outcome() == StoreResult.Outcome.CREATED) {
        long now = System.nanoTime();
        int i = Integer.parseInt(job.printerId().value().substring(1));
        if (committed.compareAndSet(i, 0, now)) {
          count.incrementAndGet();
        }
      }
      return r;
    }
  }

  private static void await(String what, java.util.function.BooleanSupplier done,
      java.util.function.Supplier<String> progress, Duration max)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + max.toNanos();
    long nextNote = start + TimeUnit.SECONDS.toNanos(10);
    while (!done.getAsBoolean()) {
      long now = System.nanoTime();
      if (now > deadline) {
        throw new IllegalStateException("scale run: " + what + " did not happen within " + max
            + " (" + progress.get() + ")");
      }
      if (now > nextNote) {
        System.err.println("  waiting for " + what + ": " + progress.get());
        nextNote = now + TimeUnit.SECONDS.toNanos(10);
      }
      Thread.sleep(100);
    }
  }

  /**
   * Runs one point in this JVM.
   *
   * @param protocol bambu, prusa or moonraker
   * @param n printers
   * @param quick shorter windows and, for PrusaLink, a 2 s interval (a smoke run)
   * @return the figures
   * @throws Exception if the run fails
   */
  static Result runPoint(String protocol, int n, boolean quick) throws Exception {
    boolean bambu = protocol.equals("bambu");
    boolean moonraker = protocol.equals("moonraker");
    if (!bambu && !moonraker && !protocol.equals("prusa")) {
      throw new IllegalArgumentException("protocol must be bambu, prusa or moonraker, was "
          + protocol);
    }
    if (!bambu && n > 250 * 250) {
      throw new IllegalArgumentException("at most 62,500 printers (loopback addresses)");
    }
    boolean pushed = bambu || moonraker; // the printer pushes its state: no poll interval
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Duration interval = pushed ? Duration.ofSeconds(1)
        : quick ? Duration.ofSeconds(2) : AutoJobSettings.DEFAULT_MONITORING_INTERVAL;
    try (Fleet fleet = bambu ? new BambuFleet(n) : moonraker ? new MoonrakerFleet(n)
        : new PrusaFleet(n)) {
      fleet.startBackground();
      // the histogram map is live at both heap measurements, so it cancels out
      java.util.Map<String, Long> classes0 = histogram(protocol + "-" + n + "-before");
      long heap0 = LiveHeap.bytes();
      CommitStamps store = new CommitStamps(n);
      AutoJobSettings settings = new AutoJobSettings();
      if (!pushed) {
        settings.setMonitoringInterval(interval);
      }
      Printernizer.Builder b = Printernizer.builder().jobStore(store).settings(settings)
          .serviceDiscovery(false).driverProvider(bambu ? new BambuDriverProvider()
              : moonraker ? new MoonrakerDriverProvider() : new PrusaDriverProvider());
      for (int i = 0; i < n; i++) {
        b.printer(fleet.config(i));
      }
      long t0 = System.nanoTime();
      try (Printernizer engine = b.build()) {
        engine.start();
        await(n + " printers connected", () -> fleet.ready() >= n,
            () -> fleet.ready() + " ready, " + fleet.messages() + " messages",
            Duration.ofSeconds(quick ? 60 : 300).plus(interval));
        double readySeconds = (System.nanoTime() - t0) / 1e9;
        // settle: connection bursts over, then one steady window of idle printers
        Thread.sleep(quick ? 1_000 : pushed ? 15_000 : interval.toMillis()); // JIT settles too
        long window = quick ? 3_000 : pushed ? 20_000 : interval.toMillis();
        long cpu0 = processCpuNanos();
        long sim0 = simulatorCpuNanos(threads);
        long ext0 = fleet.externalCpuNanos();
        long w0 = System.nanoTime();
        Thread.sleep(window);
        long wall = System.nanoTime() - w0;
        long sim = simulatorCpuNanos(threads) - sim0;
        long cpu = processCpuNanos() - cpu0 - sim;
        long ext = fleet.externalCpuNanos() - ext0;
        long heap1 = LiveHeap.bytes();
        String top = topGrowth(classes0, histogram(protocol + "-" + n + "-after"), n);
        int live = threads.getThreadCount();
        int library = libraryThreads(threads);
        // every printer starts a print, evenly over the window, in a shuffled order
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
          order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(11);
        for (int i = n - 1; i > 0; i--) {
          int j = random.nextInt(i + 1);
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
        long spread = TimeUnit.MILLISECONDS.toNanos(quick ? 2_000 : pushed ? 10_000
            : interval.toMillis());
        fleet.beginDetection();
        long s0 = System.nanoTime();
        for (int k = 0; k < n; k++) {
          long due = s0 + spread * k / n;
          long wait = due - System.nanoTime();
          if (wait > 1_000_000) {
            Thread.sleep(wait / 1_000_000);
          }
          fleet.startPrint(order[k]);
        }
        Duration drain = pushed ? Duration.ofSeconds(30) : interval.plusSeconds(30);
        try {
          await("all " + n + " prints detected", () -> store.count.get() >= n,
              () -> store.count.get() + " detected", drain);
        } catch (IllegalStateException e) {
          System.err.println("WARNING: " + e.getMessage() + "; " + store.count.get()
              + " detected");
        }
        long[] det = new long[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
          if (store.committed.get(i) != 0 && fleet.startedAt(i) != 0) {
            det[k++] = store.committed.get(i) - fleet.startedAt(i);
          }
        }
        det = Arrays.copyOf(det, k);
        long[] bare = Arrays.stream(fleet.bareLatencies()).filter(x -> x > 0).toArray();
        return new Result(protocol, n, interval.toMillis() / 1000.0, readySeconds,
            wall / 1e9, 100.0 * cpu / wall, 100.0 * sim / wall, 100.0 * ext / wall,
            fleet.externalDescription(), (heap1 - heap0) / n, live, library, n, k,
            pct(det, 50), pct(det, 99), pct(det, 100), bare.length, pct(bare, 50),
            pct(bare, 99), pct(bare, 100), fleet.bareDescription(), fleet.messages(),
            engine.failedTasks(),
            heap0 >> 20, top);
      }
    }
  }

  /** @return the p-th percentile in milliseconds (nearest rank), NaN without samples */
  static double pct(long[] nanos, double p) {
    if (nanos.length == 0) {
      return Double.NaN;
    }
    long[] s = nanos.clone();
    Arrays.sort(s);
    int rank = (int) Math.ceil(p / 100.0 * s.length);
    return s[Math.max(0, Math.min(s.length - 1, rank - 1))] / 1e6;
  }

  /**
   * Runs every point, each in its own JVM.
   *
   * @param protocols the protocols, in order
   * @param sizes printer counts
   * @return one result per protocol and size
   * @throws Exception if a run fails
   */
  static List<Result> runForked(List<String> protocols, int[] sizes) throws Exception {
    List<Result> out = new ArrayList<>();
    for (String protocol : protocols) {
      for (int n : sizes) {
        System.out.println("scale run: " + protocol + ", " + n + " printers");
        Result r = ForkedJvm.run(ScaleHarness.class, "4g", List.of(protocol, String.valueOf(n)),
            "SCALE-RESULT", Result.class, Duration.ofMinutes(20));
        if (r == null) {
          // one failed point must not throw away the rest of a long run: the report says
          // NOT MEASURED for it
          System.err.println("WARNING: scale run " + protocol + "/" + n + " failed; its targets"
              + " are reported as not measured");
          continue;
        }
        System.out.println("  " + r);
        out.add(r);
      }
    }
    return out;
  }

  /**
   * One point in this JVM, for {@link #runForked}: prints {@code SCALE-RESULT <json>}.
   *
   * @param args protocol (bambu, prusa or moonraker) and printer count
   * @throws Exception if the run fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: ScaleHarness bambu|prusa|moonraker PRINTERS");
    }
    try {
      Result r = runPoint(args[0], Integer.parseInt(args[1]), false);
      System.out.println("SCALE-RESULT " + new ObjectMapper().writeValueAsString(r));
    } catch (Exception | Error e) {
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0); // HiveMQ's and OkHttp's shared threads would otherwise hold the JVM a while
  }
}
