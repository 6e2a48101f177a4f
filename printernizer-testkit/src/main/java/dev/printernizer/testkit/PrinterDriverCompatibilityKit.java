package dev.printernizer.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.FileNames;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.simulators.SimulatedPrinter;
import dev.printernizer.spi.DriverContext;
import dev.printernizer.spi.PrinterDriver;
import dev.printernizer.spi.PrinterDriverProvider;
import dev.printernizer.time.EngineClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link PrinterDriver}, as an abstract JUnit Jupiter test class: lifecycle
 * (start, close, close twice, close while connecting), well-formed and ordered snapshots, prints
 * and finishes seen, connection loss reported and recovered, bad printer input survived, and no
 * thread left behind after close.
 *
 * <p>The kit steers the printer side through a {@link SimulatedPrinter} you provide (usually
 * the testkit's simulator for your protocol) and records what the driver reports through a
 * {@link DriverContext} of its own. It waits in real time, bounded by {@link #timeout()}; a
 * driver on a manual clock can advance it in {@link #letTimePass()}.
 *
 * <pre>{@code
 * class MyDriverCompatibilityTest extends PrinterDriverCompatibilityKit {
 *   protected SimulatedPrinter startPrinter() { return new MySimulator(); }
 *   protected PrinterDriverProvider provider() { return new MyDriverProvider(); }
 *   protected PrinterConfig config(SimulatedPrinter p) { return ((MySimulator) p).config(); }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public abstract class PrinterDriverCompatibilityKit {
  /** For subclasses. */
  protected PrinterDriverCompatibilityKit() {}

  /** @return a fresh, started simulated printer */
  protected abstract SimulatedPrinter startPrinter();

  /** @return the provider of the driver under test */
  protected abstract PrinterDriverProvider provider();

  /**
   * @param printer the simulated printer
   * @return a configuration that makes the driver reach it
   */
  protected abstract PrinterConfig config(SimulatedPrinter printer);

  /** @return the clock the driver gets (default: the system clock) */
  protected EngineClock clock() {
    return EngineClock.system();
  }

  /** @return the longest wait for something the driver must report (default 30 s) */
  protected Duration timeout() {
    return Duration.ofSeconds(30);
  }

  /** Called while the kit waits; a driver on a manual clock advances it here. */
  protected void letTimePass() {}

  /**
   * @return names of threads the driver shares between all printers and may keep after close
   *     (an event loop, a connection pool's reaper); matched with {@link Pattern#matches}
   */
  protected Pattern sharedThreadNames() {
    return Pattern.compile("$^");
  }

  /** The printer under test, fresh for every test. */
  protected SimulatedPrinter printer;
  private ExecutorService executor;
  private Set<Thread> threadsBefore;
  private final List<Throwable> uncaught = new ArrayList<>();
  private final List<PrinterDriver> started = new ArrayList<>();
  private Thread.UncaughtExceptionHandler savedHandler;

  @BeforeEach
  void startTheSimulatedPrinter() {
    threadsBefore = new HashSet<>(Thread.getAllStackTraces().keySet());
    savedHandler = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
      synchronized (uncaught) {
        uncaught.add(e);
      }
    });
    executor = Executors.newCachedThreadPool();
    printer = startPrinter();
    assertNotNull(printer, "startPrinter() returned null");
  }

  @AfterEach
  void stopTheSimulatedPrinter() throws InterruptedException {
    for (PrinterDriver d : started) {
      try {
        d.close(); // also when the test failed half-way; close is idempotent
      } catch (RuntimeException e) {
        uncaught.add(e);
      }
    }
    try {
      printer.close();
    } finally {
      executor.shutdownNow();
      executor.awaitTermination(10, TimeUnit.SECONDS);
      Thread.setDefaultUncaughtExceptionHandler(savedHandler);
    }
    synchronized (uncaught) {
      assertTrue(uncaught.isEmpty(), "exceptions escaped the driver's threads: " + uncaught);
    }
  }

  /** A {@link DriverContext} that records reports, for the kit. */
  protected final class Recorder implements DriverContext {
    private final PrinterConfig config;
    private final List<StatusSnapshot> snapshots = new ArrayList<>();
    private final List<String> losses = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private volatile boolean closed;

    Recorder(PrinterConfig config) {
      this.config = config;
    }

    @Override
    public PrinterConfig printer() {
      return config;
    }

    @Override
    public EngineClock clock() {
      return PrinterDriverCompatibilityKit.this.clock();
    }

    @Override
    public AutoJobSettings settings() {
      return new AutoJobSettings().setMonitoringInterval(Duration.ofSeconds(1));
    }

    @Override
    public java.util.concurrent.Executor executor() {
      return task -> executor.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException | Error e) {
          note("a task the driver gave to the executor threw " + e);
        }
      });
    }

    @Override
    public synchronized void publish(StatusSnapshot s) {
      if (closed) {
        note("snapshot published after close(): " + s);
      }
      if (!s.printerId().equals(config.id())) {
        note("snapshot for printer " + s.printerId() + " from the driver of " + config.id());
      }
      if (!snapshots.isEmpty()
          && s.observedAt().isBefore(snapshots.get(snapshots.size() - 1).observedAt())) {
        note("snapshots out of order: " + s.observedAt() + " after "
            + snapshots.get(snapshots.size() - 1).observedAt());
      }
      snapshots.add(s);
      notifyAll();
    }

    @Override
    public synchronized void connectionLost(String reason) {
      if (reason == null || reason.isBlank()) {
        note("connectionLost without a reason");
      }
      losses.add(reason);
      notifyAll();
    }

    private synchronized void note(String v) {
      violations.add(v);
    }

    synchronized List<StatusSnapshot> snapshots() {
      return List.copyOf(snapshots);
    }

    synchronized int lossCount() {
      return losses.size();
    }

    /** Waits until a snapshot after {@code from} (index) matches. */
    StatusSnapshot await(int from, String what, Predicate<StatusSnapshot> p) {
      long deadline = System.nanoTime() + timeout().toNanos();
      synchronized (this) {
        while (true) {
          for (int i = from; i < snapshots.size(); i++) {
            if (p.test(snapshots.get(i))) {
              return snapshots.get(i);
            }
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            fail("the driver did not report " + what + " within " + timeout() + "; it reported "
                + snapshots.subList(Math.max(from, snapshots.size() - 5), snapshots.size()));
          }
          waitABit(left);
        }
      }
    }

    @SuppressWarnings("WaitNotInLoop") // every caller loops until its condition or deadline
    private void waitABit(long leftNanos) {
      try {
        long ms = Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(leftNanos), 50));
        wait(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting for the driver");
      }
      letTimePassUnlocked();
    }

    private void letTimePassUnlocked() {
      letTimePass();
    }

    synchronized List<String> violations() {
      return List.copyOf(violations);
    }
  }

  /**
   * Creates and starts the driver under test with a recording context.
   *
   * @param rec the recorder
   * @return the started driver
   */
  private PrinterDriver startDriver(Recorder rec) {
    PrinterDriver d = provider().create(rec.printer());
    assertNotNull(d, "provider().create returned null");
    started.add(d);
    long t0 = System.nanoTime();
    d.start(rec);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(ms < 5000, "start() must return quickly and connect in the background; took "
        + ms + " ms");
    return d;
  }

  private Recorder recorder() {
    return new Recorder(config(printer));
  }

  /** @return how long the kit watches for reports after close (default 300 ms) */
  protected Duration quietPeriodAfterClose() {
    return Duration.ofMillis(300);
  }

  private void closeAndCheck(PrinterDriver d, Recorder rec) {
    d.close();
    rec.closed = true;
    d.close(); // twice is allowed
    long until = System.nanoTime() + quietPeriodAfterClose().toNanos();
    synchronized (rec) {
      while (System.nanoTime() < until) {
        rec.waitABit(until - System.nanoTime());
      }
    }
    assertEquals(List.of(), rec.violations(), "driver contract violations");
  }

  private static boolean sameFile(StatusSnapshot s, String file) {
    return s.fileName().map(FileNames::normalize).map(FileNames.normalize(file)::equals)
        .orElse(false);
  }

  @Nested
  @DisplayName("lifecycle")
  class Lifecycle {
    @Test
    @DisplayName("start returns at once; the first snapshot follows; close is idempotent")
    void startReportClose() {
      printer.idle();
      Recorder rec = recorder();
      PrinterDriver d = startDriver(rec);
      rec.await(0, "a first snapshot", s -> s.state() != PrinterState.OFFLINE);
      closeAndCheck(d, rec);
    }

    @Test
    @DisplayName("close while still connecting")
    void closeWhileConnecting() {
      printer.setReachable(false);
      Recorder rec = recorder();
      PrinterDriver d = startDriver(rec);
      closeAndCheck(d, rec);
      printer.setReachable(true);
    }

    @Test
    @DisplayName("close without start")
    void closeWithoutStart() {
      PrinterDriver d = provider().create(config(printer));
      d.close();
      d.close();
    }

    @Test
    @DisplayName("no thread is left behind after close")
    void noThreadLeft() {
      printer.printing("cube.gcode", 10);
      Recorder rec = recorder();
      PrinterDriver d = startDriver(rec);
      rec.await(0, "a printing snapshot", s -> s.state() == PrinterState.PRINTING);
      closeAndCheck(d, rec);
      executor.shutdownNow();
      long deadline = System.nanoTime() + timeout().toNanos();
      List<String> left;
      do {
        left = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
          if (t.isAlive() && !threadsBefore.contains(t)
              && !sharedThreadNames().matcher(t.getName()).matches()
              && !t.getName().startsWith("pool-") && !t.getName().startsWith("ForkJoinPool")) {
            left.add(t.getName());
          }
        }
        if (left.isEmpty()) {
          return;
        }
        synchronized (rec) {
          rec.waitABit(deadline - System.nanoTime());
        }
      } while (System.nanoTime() < deadline);
      fail("threads still alive after close(): " + left);
    }
  }

  @Nested
  @DisplayName("snapshots")
  class Snapshots {
    @Test
    @DisplayName("a print is reported as PRINTING with its file and progress, a finish as FINISHED")
    void printAndFinish() {
      printer.idle();
      Recorder rec = recorder();
      PrinterDriver d = startDriver(rec);
      rec.await(0, "an idle printer", s -> s.state() == PrinterState.IDLE);
      int mark = rec.snapshots().size();
      printer.printing("cache/Benchy.gcode.3mf", 37.5);
      StatusSnapshot p = rec.await(mark, "the print of Benchy",
          s -> s.state() == PrinterState.PRINTING && sameFile(s, "Benchy"));
      assertTrue(p.progress().isPresent(), "progress is reported while printing");
      double progress = p.progress().orElseThrow();
      assertTrue(progress >= 0 && progress <= 100);
      mark = rec.snapshots().size();
      printer.finished("cache/Benchy.gcode.3mf");
      rec.await(mark, "the finish", s -> s.state() == PrinterState.FINISHED);
      for (StatusSnapshot s : rec.snapshots()) {
        assertEquals(config(printer).id(), s.printerId());
        assertFalse(s.observedAt().isAfter(clock().instant().plusSeconds(1)),
            "observation times come from the context's clock");
      }
      closeAndCheck(d, rec);
    }
  }

  @Nested
  @DisplayName("failures on the printer side")
  class Failures {
    @Test
    @DisplayName("a lost connection is reported and monitoring resumes when the printer is back")
    void connectionLossAndRecovery() {
      printer.printing("gear.gcode", 10);
      Recorder rec = recorder();
      PrinterDriver d = startDriver(rec);
      rec.await(0, "the print", s -> s.state() == PrinterState.PRINTING);
      int losses = rec.lossCount();
      int mark = rec.snapshots().size();
      printer.setReachable(false);
      long deadline = System.nanoTime() + timeout().toNanos();
      while (rec.lossCount() == losses && rec.snapshots().stream().skip(mark)
          .noneMatch(s -> s.state() == PrinterState.OFFLINE)) {
        if (System.nanoTime() > deadline) {
          fail("the driver did not report the connection loss within " + timeout());
        }
        synchronized (rec) {
          rec.waitABit(deadline - System.nanoTime());
        }
      }
      mark = rec.snapshots().size();
      printer.setReachable(true);
      printer.printing("gear.gcode", 20);
      rec.await(mark, "the print again after reconnecting",
          s -> s.state() == PrinterState.PRINTING);
      closeAndCheck(d, rec);
    }

    @Test
    @DisplayName("bad input from the printer is skipped; monitoring goes on")
    void badInput() {
      printer.printing("clip.gcode", 5);
      Recorder rec = recorder();
      PrinterDriver d = startDriver(rec);
      rec.await(0, "the print", s -> s.state() == PrinterState.PRINTING);
      printer.sendGarbage();
      int mark = rec.snapshots().size();
      printer.printing("clip.gcode", 60);
      rec.await(mark, "progress after the garbage",
          s -> s.progress().map(v -> v >= 59.0).orElse(false));
      closeAndCheck(d, rec);
    }

    @Test
    @DisplayName("the credential never appears in a snapshot")
    void noSecretsInSnapshots() {
      printer.printing("a.gcode", 1);
      Recorder rec = recorder();
      PrinterDriver d = startDriver(rec);
      rec.await(0, "the print", s -> s.state() == PrinterState.PRINTING);
      closeAndCheck(d, rec);
      config(printer).credential().ifPresent(secret -> {
        for (StatusSnapshot s : rec.snapshots()) {
          assertFalse(s.toString().contains(secret.reveal()), "credential in " + s);
        }
        assertFalse(d.toString().contains(secret.reveal()), "credential in driver toString");
      });
    }
  }
}
