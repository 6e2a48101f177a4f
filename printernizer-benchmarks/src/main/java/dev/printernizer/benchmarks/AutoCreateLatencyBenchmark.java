package dev.printernizer.benchmarks;

import dev.printernizer.api.Job;
import dev.printernizer.api.PrinterState;
import dev.printernizer.testkit.fake.FakePrinter;
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
import java.util.concurrent.TimeUnit;

/**
 * Time from a driver reporting a print start to the auto-created job being committed in the store
 * and handed to a notifier. Each invocation is one new print; between invocations (not timed) the
 * previous print finishes and the printer goes idle.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AutoCreateLatencyBenchmark {

  @Param({"memory", "h2", "postgres"})
  public String store;

  private Rig rig;
  private FakePrinter printer;
  private long n;

  @Setup(Level.Trial)
  public void start() {
    rig = new Rig(store, 1);
    printer = rig.printers[0];
    printer.publish(printer.snapshot(PrinterState.IDLE));
    rig.sync();
  }

  @Setup(Level.Invocation)
  public void finishPrevious() {
    if (n > 0) {
      printer.publish(printer.snapshot(PrinterState.FINISHED).fileName(file(n)).progress(100.0));
      printer.publish(printer.snapshot(PrinterState.IDLE));
      rig.sync();
    }
    n++;
    rig.created.clear();
  }

  @Benchmark
  public Job snapshotToCommittedNotifiedJob() throws InterruptedException {
    printer.publish(printer.snapshot(PrinterState.PRINTING).fileName(file(n)).progress(0.0));
    return rig.nextCreated();
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    rig.checkHealthy();
    rig.close();
  }

  private static String file(long i) {
    return "bench-" + i + ".gcode";
  }
}
