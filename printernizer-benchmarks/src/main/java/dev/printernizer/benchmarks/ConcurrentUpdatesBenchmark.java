package dev.printernizer.benchmarks;

import dev.printernizer.api.PrinterState;
import dev.printernizer.testkit.fake.FakePrinter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A burst of {@code updates} status reports arriving at once from {@value #SENDERS} threads (the
 * driver threads of a busy host), either all for one printer or spread over {@code updates}
 * printers, one report each. One sample is the time from releasing the senders until the engine
 * has processed every report of the burst. Every report moves the layer on, so each one changes
 * the tracked job. The original claims "lock contention &lt; 1 ms with 50 concurrent updates";
 * this is the measured counterpart.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConcurrentUpdatesBenchmark {

  /** Sender threads; at most one report each for a burst of 50. */
  static final int SENDERS = 50;

  @Param({"50", "1000"})
  public int updates;

  /** {@code one}: every report for the same printer; {@code across}: one printer per report. */
  @Param({"one", "across"})
  public String spread;

  private Rig rig;
  private ExecutorService senders;
  private final AtomicInteger layer = new AtomicInteger(2);

  @Setup(Level.Trial)
  public void start() throws InterruptedException {
    if (!spread.equals("one") && !spread.equals("across")) {
      throw new IllegalArgumentException("spread must be one or across, was " + spread);
    }
    int printers = spread.equals("one") ? 1 : updates;
    rig = new Rig("memory", printers);
    for (FakePrinter p : rig.printers) {
      p.publish(p.snapshot(PrinterState.IDLE));
    }
    rig.sync();
    for (FakePrinter p : rig.printers) {
      p.publish(printing(p, 1));
    }
    rig.sync();
    for (int i = 0; i < printers; i++) {
      rig.nextCreated();
    }
    senders = Executors.newFixedThreadPool(SENDERS, r -> {
      Thread t = new Thread(r, "bench-sender");
      t.setDaemon(true);
      return t;
    });
  }

  private static dev.printernizer.api.StatusSnapshot.Builder printing(FakePrinter p, int layer) {
    return p.snapshot(PrinterState.PRINTING).fileName("long.gcode").progress(50.0).layer(layer)
        .totalLayers(Integer.MAX_VALUE);
  }

  @Benchmark
  public void burst() throws InterruptedException {
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch sent = new CountDownLatch(SENDERS);
    FakePrinter[] ps = rig.printers;
    int perSender = updates / SENDERS;
    for (int s = 0; s < SENDERS; s++) {
      int first = s * perSender;
      senders.execute(() -> {
        try {
          go.await();
          for (int k = first; k < first + perSender; k++) {
            FakePrinter p = ps[k % ps.length];
            int l = layer.getAndUpdate(v -> v == Integer.MAX_VALUE - 1 ? 2 : v + 1);
            p.publish(printing(p, l));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          sent.countDown();
        }
      });
    }
    go.countDown();
    if (!sent.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("senders did not finish within 60 s");
    }
    rig.sync();
  }

  @TearDown(Level.Trial)
  public void stop() {
    senders.shutdownNow();
    rig.checkHealthy();
    if (rig.store.store().count(dev.printernizer.api.JobQuery.all()) != rig.printers.length) {
      throw new IllegalStateException("updates created extra jobs");
    }
    rig.close();
  }
}
