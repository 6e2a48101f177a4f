package dev.printernizer.driver.moonraker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.Printernizer;
import dev.printernizer.api.ConnectionProblem;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Secret;
import dev.printernizer.simulators.MoonrakerSimulator;
import dev.printernizer.store.InMemoryJobStore;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real engine, the Moonraker driver and the simulator over loopback: the promises as a
 * Klipper printer shows them (P1 one job, P4 pause and resume, P5 a dropped connection, P6 a
 * reprint, P10 the outcome, P11 an end seen only in the printer's history, Klippy shutdown and
 * firmware restart mid-print, a wrong API key, an oversized message).
 */
class MoonrakerEndToEndTest {
  private static final PrinterId ID = PrinterId.of("voron");
  private final InMemoryJobStore store = new InMemoryJobStore();
  private MoonrakerSimulator sim;
  private Printernizer engine;

  private void start(MoonrakerSimulator s, PrinterConfig.Builder config) {
    sim = s;
    engine = Printernizer.builder().jobStore(store).serviceDiscovery(false)
        .driverProvider(new MoonrakerDriverProvider())
        .printer(config.host("127.0.0.1").port(s.port()).build()).build();
    engine.start();
  }

  private void start() {
    start(MoonrakerSimulator.start(), PrinterConfig.builder(ID, "moonraker").name("Voron 2.4"));
    await("connected", () -> engine.printer(ID).map(p -> p.connected()
        && p.lastSnapshot() != null).orElse(false));
  }

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  private List<Job> jobs() {
    return store.query(JobQuery.all());
  }

  private Job only() {
    List<Job> all = jobs();
    assertEquals(1, all.size(), all.toString());
    return all.get(0);
  }

  private void awaitStatus(JobStatus status) {
    await("the job " + status, () -> jobs().size() == 1 && only().status() == status);
  }

  @Test
  void aPrintIsOneJobWithThePrintersJobIdThroughPauseResumeAndCompletion() {
    start();
    sim.startPrint("Voron_Cube_v7.gcode");
    awaitStatus(JobStatus.RUNNING);
    Job j = only();
    assertEquals("0000E0", j.run().orElseThrow().printerJobId(), "the history's job id");
    assertEquals("Voron_Cube_v7", j.name());
    sim.progress(40, 80, 200);
    sim.pause();
    awaitStatus(JobStatus.PAUSED);
    sim.resume();
    awaitStatus(JobStatus.RUNNING);
    sim.progress(100, 200, 200);
    sim.finish();
    awaitStatus(JobStatus.COMPLETED);
    assertEquals(1, only().tracking().pauseCount());
    // the file's slicer metadata from the history job: the plan, then what the print used
    await("the print file description", () -> only().printFile().isPresent());
    assertEquals(7.5, only().filamentUsed().orElseThrow().totalGrams().orElseThrow(), 1e-9);
    assertEquals("OrcaSlicer", only().printFile().orElseThrow().slicer().orElseThrow());

    sim.standby();
    sim.startPrint("Voron_Cube_v7.gcode"); // P6: a reprint is a new job with a new id
    await("the reprint", () -> jobs().size() == 2);
    assertTrue(jobs().stream().anyMatch(x -> "0000E1".equals(x.run().orElseThrow()
        .printerJobId())), jobs().toString());
  }

  @Test
  void klippyShutdownMidPrintFailsTheJobWithKlippysMessage() {
    start();
    sim.startPrint("Benchy.gcode");
    awaitStatus(JobStatus.RUNNING);
    sim.klippyShutdown("MCU 'mcu' shutdown: Timer too close");
    awaitStatus(JobStatus.FAILED);
  }

  @Test
  void aFirmwareRestartMidPrintFailsTheJobAndThePrinterComesBackIdle() {
    start();
    sim.startPrint("Benchy.gcode");
    awaitStatus(JobStatus.RUNNING);
    sim.firmwareRestart();
    awaitStatus(JobStatus.FAILED);
    await("idle again after Klippy is ready", () -> engine.printer(ID).map(p -> p.state()
        == dev.printernizer.api.PrinterState.IDLE).orElse(false));
  }

  @Test
  void p11APrintThatEndedWhileTheSocketWasDownTakesTheHistorysOutcome() {
    start();
    sim.startPrint("Long_Print.gcode");
    sim.progress(50, 0, 0);
    awaitStatus(JobStatus.RUNNING);
    sim.setReachable(false); // Wi-Fi gone
    await("the gap noticed", () -> engine.printer(ID).map(p -> !p.connected()).orElse(true));
    sim.finish();
    sim.standby(); // and someone cleared the screen before we came back
    sim.setReachable(true);
    awaitStatus(JobStatus.COMPLETED);
    assertFalse(only().tracking().closeReason().isPresent(), "the printer's own word, not"
        + " 'interrupted': " + only().tracking().closeReason());
  }

  @Test
  void p11ACancelWhileAwayIsCancelled() {
    start();
    sim.startPrint("Long_Print.gcode");
    awaitStatus(JobStatus.RUNNING);
    sim.setReachable(false);
    await("the gap noticed", () -> engine.printer(ID).map(p -> !p.connected()).orElse(true));
    sim.cancel();
    sim.standby();
    sim.setReachable(true);
    awaitStatus(JobStatus.CANCELLED);
  }

  @Test
  void aWrongApiKeyIsAConnectionProblemThatNamesIt() {
    start(MoonrakerSimulator.withApiKey("right-key-123"), PrinterConfig.builder(ID, "moonraker")
        .credential(Secret.of("wrong-key-456")));
    await("the refusal", () -> engine.printer(ID).flatMap(p -> p.connectionProblem())
        .map(c -> c.kind() == ConnectionProblem.Kind.AUTHENTICATION_REFUSED).orElse(false));
    String detail = engine.printer(ID).orElseThrow().connectionProblem().orElseThrow().detail();
    assertTrue(detail.contains("API key"), detail);
    assertFalse(detail.contains("wrong-key-456"), detail);
  }

  @Test
  void anOversizedMessageClosesTheSocketAndTheDriverComesBack() {
    start();
    sim.sendOversized();
    await("the oversized message reported", () -> engine.printer(ID)
        .flatMap(p -> p.connectionProblem()).map(c -> c.kind()
            == ConnectionProblem.Kind.OVERSIZED_MESSAGE).orElse(false));
    await("connected again", () -> engine.printer(ID).map(p -> p.connected()).orElse(false)
        && sim.identifies() >= 2);
    sim.startPrint("After.gcode");
    awaitStatus(JobStatus.RUNNING);
  }

  @Test
  void aProxysCertificateThatTheJvmDoesNotTrustIsRefusedAndSaysSo() {
    // a certificate from a CA of our own, which no JVM trusts: the driver must not connect
    dev.printernizer.simulators.TestCertificates ca =
        dev.printernizer.simulators.TestCertificates.newCa("Test Proxy CA");
    MoonrakerSimulator s = MoonrakerSimulator.withTls(ca.printerKeyStore("127.0.0.1"));
    sim = s;
    engine = Printernizer.builder().jobStore(store).serviceDiscovery(false)
        .driverProvider(new MoonrakerDriverProvider())
        .printer(PrinterConfig.builder(ID, "moonraker").host("127.0.0.1").port(s.port())
            .option("tls", "true").build())
        .build();
    engine.start();
    await("a certificate problem", () -> engine.printer(ID).flatMap(p -> p.connectionProblem())
        .map(p -> p.kind() == dev.printernizer.api.ConnectionProblem.Kind.CERTIFICATE_NOT_TRUSTED)
        .orElse(false));
    assertEquals(0, s.identifies(), "nothing was sent over the untrusted connection");
  }

  @Test
  void backfillImportsThePrintsOfTheHistoryOnceAndNeverALiveOne() {
    MoonrakerSimulator s = MoonrakerSimulator.start();
    double now = System.currentTimeMillis() / 1000.0;
    s.addPastPrint("Old_Gear.gcode", now - 40 * 86_400, 60, "completed"); // before the horizon
    s.addPastPrint("Gear.gcode", now - 2 * 86_400, 90, "completed");
    s.addPastPrint("Gear.gcode", now - 86_400, 20, "cancelled");
    s.addPastPrint("Bracket.gcode", now - 3600 * 5, 45, "klippy_shutdown");
    sim = s;
    engine = Printernizer.builder().jobStore(store).serviceDiscovery(false)
        .settings(new dev.printernizer.api.AutoJobSettings().setBackfill(Duration.ofDays(7)))
        .driverProvider(new MoonrakerDriverProvider())
        .printer(PrinterConfig.builder(ID, "moonraker").host("127.0.0.1").port(s.port()).build())
        .build();
    engine.start();
    await("three past prints imported", () -> jobs().size() == 3);
    assertEquals(3, jobs().stream().filter(j -> j.run().orElseThrow().detection()
        == dev.printernizer.api.Detection.BACKFILL).count());
    assertEquals(java.util.Set.of(JobStatus.COMPLETED, JobStatus.CANCELLED, JobStatus.FAILED),
        jobs().stream().map(Job::status).collect(java.util.stream.Collectors.toSet()));
    // filament from the history's metadata: all of the plan for the completed print, the
    // extruded share (800 of 3,600 mm) for the cancelled one; both priced like live jobs
    Job completed = jobs().stream().filter(j -> j.status() == JobStatus.COMPLETED).findFirst()
        .orElseThrow();
    assertEquals(10.8, completed.filamentUsed().orElseThrow().totalGrams().orElseThrow(), 1e-9);
    assertEquals("PETG", completed.printFile().orElseThrow().filaments().get(0).material());
    assertEquals("PrusaSlicer 2.8.1", completed.printFile().orElseThrow().slicer().orElseThrow());
    Job cancelled = jobs().stream().filter(j -> j.status() == JobStatus.CANCELLED).findFirst()
        .orElseThrow();
    assertEquals(10.8 * 800 / 3600, cancelled.filamentUsed().orElseThrow().totalGrams()
        .orElseThrow(), 0.001);

    sim.startPrint("Live.gcode"); // a live print, then reconnects and a restart
    await("the live job", () -> jobs().size() == 4);
    sim.finish();
    await("the live job completed", () -> jobs().stream().filter(j -> j.name().equals("Live"))
        .allMatch(j -> j.status() == JobStatus.COMPLETED));
    int before = sim.identifies();
    sim.dropConnections();
    await("reconnected", () -> sim.identifies() > before && engine.printer(ID)
        .map(p -> p.connected()).orElse(false));
    engine.close();
    int listsBefore = sim.historyLists();
    engine = Printernizer.builder().jobStore(store).serviceDiscovery(false)
        .settings(new dev.printernizer.api.AutoJobSettings().setBackfill(Duration.ofDays(7)))
        .driverProvider(new MoonrakerDriverProvider())
        .printer(PrinterConfig.builder(ID, "moonraker").host("127.0.0.1").port(s.port()).build())
        .build();
    engine.start();
    await("connected after the restart", () -> engine.printer(ID).map(p -> p.connected())
        .orElse(false));
    await("the history read again (connect and backfill)",
        () -> sim.historyLists() >= listsBefore + 2);
    LockSupport.parkNanos(Duration.ofMillis(500).toNanos()); // the pass imports what it read
    assertEquals(4, jobs().size(), "each print once: " + jobs());
  }
}
