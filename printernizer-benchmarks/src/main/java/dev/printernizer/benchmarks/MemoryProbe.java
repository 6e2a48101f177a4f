package dev.printernizer.benchmarks;

import dev.printernizer.Printernizer;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.testkit.fake.FakePrinter;
import dev.printernizer.testkit.fake.FakePrinterDriverProvider;
import dev.printernizer.testkit.fake.ManualClock;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Retained heap, measured as the difference of live bytes (see {@link LiveHeap}), and
 * live thread counts. Not JMH: a heap difference over many entries is the measurement.
 */
final class MemoryProbe {

  private MemoryProbe() {}

  /** What the probe measured. */
  record Figures(int printers, double bytesPerPrinter, int threadsWithOnePrinter,
      int threadsWithAllPrinters, int runKeys, double bytesPerRunKey, long cacheBound,
      long cachedAfterTwiceTheBound) {}

  static Figures measure(int printers, int runKeys) {
    // per tracked printer: one engine with 1 printer against one with N, all reporting IDLE
    Sample one = idleEngine(1);
    awaitCollected(one.store());
    Sample all = idleEngine(printers);
    awaitCollected(all.store());
    double perPrinter = (double) (all.heap() - one.heap()) / (printers - 1);

    // per cached run key: the same 2N prints on an engine whose cache holds 1 key and on one
    // whose cache holds N; the stores hold the same jobs, so the difference is the cache
    Sample small = printsEngine(1, runKeys);
    awaitCollected(small.store());
    Sample big = printsEngine(runKeys, runKeys);
    awaitCollected(big.store());
    double perKey = (double) (big.heap() - small.heap()) / (runKeys - 1);
    return new Figures(printers, perPrinter, one.threads(), all.threads(), runKeys, perKey,
        runKeys, big.cached());
  }

  /** One measurement; its engine is closed and unreachable when this is returned. */
  private record Sample(long heap, int threads, long cached,
      java.lang.ref.WeakReference<Object> store) {}

  // Each probe runs in its own method: an interpreted frame keeps dead locals reachable, and a
  // closed probe still held by the caller's frame would count its whole job history in the next
  // measurement (that inflated the per-key figure ninefold). The caller checks it is gone.

  private static Sample idleEngine(int printers) {
    try (Probe p = engine(printers, 10_000)) {
      idle(p, printers);
      return new Sample(usedHeap(), ManagementFactory.getThreadMXBean().getThreadCount(), 0,
          new java.lang.ref.WeakReference<>(p.p().jobStore()));
    }
  }

  private static Sample printsEngine(long cache, int runKeys) {
    try (Probe p = engine(1, cache)) {
      prints(p, 2 * runKeys);
      return new Sample(usedHeap(), ManagementFactory.getThreadMXBean().getThreadCount(),
          p.p().cachedRunKeys(), new java.lang.ref.WeakReference<>(p.p().jobStore()));
    }
  }

  /** Waits until a closed probe's store is unreachable, so the next measurement is clean. */
  private static void awaitCollected(java.lang.ref.WeakReference<Object> ref) {
    for (int i = 0; i < 200 && ref.get() != null; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (ref.get() != null) {
      throw new IllegalStateException("a closed engine's store is still reachable after 10 s");
    }
  }

  /** An engine on a manual clock with its fake printers. */
  private record Probe(Printernizer p, FakePrinterDriverProvider fakes, ManualClock clock)
      implements AutoCloseable {
    @Override
    public void close() {
      p.close();
    }

    FakePrinter printer(int i) {
      return fakes.printer(PrinterId.of("m" + i));
    }

    void tick() {
      clock.advance(Duration.ofSeconds(1));
    }
  }

  private static Probe engine(int printers, long cache) {
    FakePrinterDriverProvider fakes = new FakePrinterDriverProvider();
    ManualClock clock = new ManualClock();
    Printernizer.Builder b = Printernizer.builder().clock(clock)
        .jobStore(new InMemoryJobStore()).driverProvider(fakes).serviceDiscovery(false)
        .runKeyCache(cache, Duration.ofHours(6));
    for (int i = 0; i < printers; i++) {
      b.printer(PrinterConfig.builder(PrinterId.of("m" + i), "fake").build());
    }
    Printernizer p = b.build();
    p.start();
    return new Probe(p, fakes, clock);
  }

  private static void idle(Probe e, int printers) {
    for (int i = 0; i < printers; i++) {
      FakePrinter f = e.printer(i);
      f.publish(f.snapshot(PrinterState.IDLE));
    }
    sync(e.p());
    if (e.p().printers().size() != printers) {
      throw new IllegalStateException("not all printers are tracked");
    }
  }

  private static void prints(Probe e, int count) {
    Printernizer p = e.p();
    FakePrinter f = e.printer(0);
    f.publish(f.snapshot(PrinterState.IDLE));
    for (int i = 0; i < count; i++) {
      e.tick();
      f.publish(f.snapshot(PrinterState.PRINTING).fileName("mem-" + i + ".gcode").progress(1.0));
      e.tick();
      f.publish(f.snapshot(PrinterState.FINISHED).fileName("mem-" + i + ".gcode")
          .progress(100.0));
      e.tick();
      f.publish(f.snapshot(PrinterState.IDLE));
      if (i % 500 == 499) {
        sync(p);
      }
    }
    sync(p);
    long jobs = p.jobStore().count(JobQuery.all());
    if (jobs != count) {
      throw new IllegalStateException(count + " prints made " + jobs + " jobs");
    }
  }

  private static void sync(Printernizer p) {
    try {
      p.sync().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("engine did not settle", e);
    }
  }

  private static long usedHeap() {
    return LiveHeap.bytes();
  }

}
