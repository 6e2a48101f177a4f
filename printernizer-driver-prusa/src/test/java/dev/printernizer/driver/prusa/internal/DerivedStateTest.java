package dev.printernizer.driver.prusa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.ConnectionProblem.Kind;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.Secret;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.testkit.fake.ManualClock;
import dev.printernizer.testkit.fake.RecordingDriverContext;
import dev.printernizer.simulators.PrusaLinkSimulator;
import dev.printernizer.simulators.PrusaLinkSimulator.Flavour;
import java.time.Duration;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the driver derives from earlier polls (which print an anonymous FINISHED belongs to, the
 * file of the running job) holds within one connection only: after the printer was unreachable,
 * an end state is published as the printer shows it, and the file is read again.
 */
class DerivedStateTest {
  private final ManualClock clock = new ManualClock();
  private PrusaLinkSimulator sim;
  private PrusaDriver driver;
  private RecordingDriverContext ctx;

  private void start(Flavour flavour) {
    sim = PrusaLinkSimulator.builder(flavour, clock).password("pw").start();
    PrinterConfig cfg = PrinterConfig.builder(PrinterId.of("p"), "prusa").host("127.0.0.1")
        .port(sim.port()).username("maker").credential(Secret.of("pw")).build();
    ctx = new RecordingDriverContext(cfg, clock);
    driver = new PrusaDriver(cfg, HttpUrl.get(sim.baseUrl()), false, PrusaHttp.SHARED);
    driver.start(ctx);
    clock.runDueTasks();
  }

  @AfterEach
  void close() {
    driver.close();
    sim.close();
  }

  /** A print runs and is published with its id and file; then the printer is unreachable. */
  private String printThenLoseThePrinter(String file) {
    sim.startPrint(file);
    sim.setProgress(40);
    Polls.runNext(clock);
    StatusSnapshot running = ctx.lastSnapshot();
    assertEquals(PrinterState.PRINTING, running.state());
    assertEquals(Optional.of(file), running.fileName());
    sim.setReachable(false);
    for (int i = 0; i < 3; i++) {
      Polls.runNext(clock);
      assertEquals(Kind.UNREACHABLE, ctx.lastProblem().kind());
    }
    return running.printerJobId().orElseThrow();
  }

  private static void assertAnonymous(StatusSnapshot s) {
    assertEquals(Optional.empty(), s.fileName(), s.toString());
    assertEquals(Optional.empty(), s.printerJobId(), s.toString());
  }

  @Test
  void aFinishSeenAfterAGapIsPublishedAsThePrinterShowsItWithoutFileOrId() {
    start(Flavour.BUDDY);
    printThenLoseThePrinter("bracket.bgcode");
    sim.finish(); // while unreachable
    sim.setReachable(true);
    Polls.runNext(clock);
    StatusSnapshot back = ctx.lastSnapshot();
    assertEquals(PrinterState.FINISHED, back.state());
    assertAnonymous(back);
  }

  @Test
  void aStopSeenAfterAGapIsPublishedWithoutFileOrId() {
    start(Flavour.BUDDY);
    printThenLoseThePrinter("bracket.bgcode");
    sim.stop();
    sim.setReachable(true);
    Polls.runNext(clock);
    assertEquals(PrinterState.CANCELLED, ctx.lastSnapshot().state());
    assertAnonymous(ctx.lastSnapshot());
  }

  @Test
  void anIdlePrinterAfterAGapNamesNoJob() {
    start(Flavour.LINK);
    printThenLoseThePrinter("bracket.gcode");
    sim.finish();
    clock.advance(Duration.ofSeconds(12)); // the Pi shows FINISHED for 11 s only
    sim.setReachable(true);
    Polls.runNext(clock);
    assertEquals(PrinterState.IDLE, ctx.lastSnapshot().state());
    assertAnonymous(ctx.lastSnapshot());
  }

  @Test
  void withinOneConnectionTheEndOfTheWatchedPrintIsStillNamed() {
    start(Flavour.BUDDY);
    sim.startPrint("clip.bgcode");
    Polls.runNext(clock);
    String id = ctx.lastSnapshot().printerJobId().orElseThrow();
    sim.finish();
    Polls.runNext(clock);
    StatusSnapshot end = ctx.lastSnapshot();
    assertEquals(PrinterState.FINISHED, end.state());
    assertEquals(Optional.of(id), end.printerJobId());
    assertEquals(Optional.of("clip.bgcode"), end.fileName());
  }

  @Test
  void aJobWithoutIdAfterAGapIsNamedByThePrinterNotByMemory() {
    start(Flavour.LINK);
    printThenLoseThePrinter("first.gcode");
    sim.startPrint("second.gcode"); // PrusaLink restarted, another print runs...
    sim.hideJobId(true); // ...and its id is not read from the printer yet
    sim.setReachable(true);
    Polls.runNext(clock);
    StatusSnapshot back = ctx.lastSnapshot();
    assertEquals(PrinterState.PRINTING, back.state());
    assertEquals(Optional.empty(), back.printerJobId());
    assertEquals(Optional.of("second.gcode"), back.fileName());
  }

  @Test
  void aRunningPrintRenumberedByAPrusaLinkRestartKeepsItsFirstId() {
    start(Flavour.LINK);
    String first = printThenLoseThePrinter("part.gcode");
    clock.advance(Duration.ofMinutes(1));
    sim.setJobId(sim.jobId() + 1); // the same print, a new id after the restart
    sim.setProgress(45);
    sim.setReachable(true);
    Polls.runNext(clock);
    StatusSnapshot back = ctx.lastSnapshot();
    assertEquals(Optional.of(first), back.printerJobId());
    assertEquals(Optional.of("part.gcode"), back.fileName());
    assertTrue(back.elapsed().isPresent());
    assertFalse(ctx.snapshots().stream().anyMatch(s -> s.printerJobId()
        .equals(Optional.of(String.valueOf(sim.jobId())))), "the new id never shows");
  }

  @Test
  void aReprintThatGotFurtherThanTheOldPrintDuringALongGapIsNotAContinuation() {
    start(Flavour.LINK);
    sim.startPrint("part.gcode");
    clock.advance(Duration.ofMinutes(10));
    sim.setProgress(10);
    Polls.runNext(clock);
    String first = ctx.lastSnapshot().printerJobId().orElseThrow();
    sim.setReachable(false);
    clock.advance(Duration.ofHours(2)); // the old print ends; the driver keeps trying
    sim.startPrint("part.gcode"); // the same file again, an hour before the printer is back
    clock.advance(Duration.ofHours(1));
    sim.setProgress(50);
    sim.setReachable(true);
    Polls.runNext(clock);
    StatusSnapshot back = ctx.lastSnapshot();
    assertEquals(PrinterState.PRINTING, back.state());
    assertEquals(Optional.of(String.valueOf(sim.jobId())), back.printerJobId(),
        "an hour of printing cannot be the print last seen three hours ago (id " + first + ")");
  }
}
