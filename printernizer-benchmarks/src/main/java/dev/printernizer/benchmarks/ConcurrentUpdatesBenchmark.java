package dev.printernizer.benchmarks;

import dev.printernizer.api.PrinterState;
import dev.printernizer.testkit.fake.FakePrinter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
 * printers, one report each. Before each sample (not timed) the senders are started and parked
 * on a latch; one sample is the time from opening the latch (their wake-up included) until the
 * engine has processed every report of the burst. Every report carries a layer no other report
 * of the burst has, so each one changes the tracked job. The original claims "lock contention &lt; 1 ms with 50 concurrent updates";
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

  private CountDownLatch go;
  private CountDownLatch sent;
  private int base = 2;

  /** Not timed: the senders start and wait for the latch. */
  @Setup(Level.Invocation)
  public void park() throws InterruptedException {
    go = new CountDownLatch(1);
    sent = new CountDownLatch(SENDERS);
    CountDownLatch parked = new CountDownLatch(SENDERS);
    CountDownLatch release = go;
    CountDownLatch done = sent;
    FakePrinter[] ps = rig.printers;
    int perSender = updates / SENDERS;
    if (base > Integer.MAX_VALUE - 2 * updates) {
      base = 2;
    }
    int first = base;
    base += updates;
    for (int s = 0; s < SENDERS; s++) {
      int from = s * perSender;
      senders.execute(() -> {
        try {
          parked.countDown();
          release.await();
          for (int k = from; k < from + perSender; k++) {
            FakePrinter p = ps[k % ps.length];
            p.publish(printing(p, first + k));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          done.countDown();
        }
      });
    }
    if (!parked.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("senders did not start within 60 s");
    }
  }

  @Benchmark
  public void burst() throws InterruptedException {
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
