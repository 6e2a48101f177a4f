package dev.printernizer.benchmarks;

import dev.printernizer.api.PrinterState;
import dev.printernizer.testkit.fake.FakePrinter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import java.util.concurrent.TimeUnit;

/**
 * Status updates per second through the whole engine (driver callback, per-printer lane, tracker,
 * store when something changed), for a printer in the middle of a print. One operation is one
 * report; each invocation reports {@value #BATCH} times, round robin over the printers, and waits
 * until the engine has processed all of them, so queued-but-unprocessed work is never counted.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EngineThroughputBenchmark {

  static final int BATCH = 1000;

  @Param({"1", "100"})
  public int printers;

  private Rig rig;
  private int layer;

  @Setup(Level.Trial)
  public void start() throws InterruptedException {
    rig = new Rig("memory", printers);
    for (FakePrinter p : rig.printers) {
      p.publish(p.snapshot(PrinterState.IDLE));
    }
    rig.sync();
    for (FakePrinter p : rig.printers) {
      p.publish(p.snapshot(PrinterState.PRINTING).fileName("long.gcode").progress(50.0)
          .layer(1).totalLayers(Integer.MAX_VALUE));
    }
    rig.sync();
    for (int i = 0; i < printers; i++) {
      rig.nextCreated();
    }
  }

  /** Reports that repeat what the engine already knows. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void unchangedUpdates() {
    FakePrinter[] ps = rig.printers;
    for (int i = 0; i < BATCH; i++) {
      FakePrinter p = ps[i % ps.length];
      p.publish(p.snapshot(PrinterState.PRINTING).fileName("long.gcode").progress(50.0)
          .layer(1).totalLayers(Integer.MAX_VALUE));
    }
    rig.sync();
  }

  /** Reports whose layer moves on each time, so tracking changes. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void changingUpdates() {
    FakePrinter[] ps = rig.printers;
    for (int i = 0; i < BATCH; i++) {
      FakePrinter p = ps[i % ps.length];
      layer = layer == Integer.MAX_VALUE - 1 ? 2 : layer + 1;
      p.publish(p.snapshot(PrinterState.PRINTING).fileName("long.gcode").progress(50.0)
          .layer(layer).totalLayers(Integer.MAX_VALUE));
    }
    rig.sync();
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    rig.checkHealthy();
    if (rig.store.store().count(dev.printernizer.api.JobQuery.all()) != printers) {
      throw new IllegalStateException("updates created extra jobs");
    }
    rig.close();
  }
}
