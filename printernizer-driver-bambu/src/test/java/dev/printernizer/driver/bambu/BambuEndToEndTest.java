package dev.printernizer.driver.bambu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.Detection;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinternizerEvent.JobAutoCreated;
import dev.printernizer.simulators.BambuPrinterSimulator;
import dev.printernizer.simulators.BambuPrinterSimulator.JobKind;
import dev.printernizer.simulators.BambuPrinterSimulator.Profile;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Simulator -> driver -> engine -> store over real TLS, for what a Bambu printer can cause. */
class BambuEndToEndTest {

  private static BambuRig rig(Profile p) {
    BambuRig rig = new BambuRig().add("x1", p).start();
    rig.awaitConnected("x1");
    return rig;
  }

  private static JobStatus statusOf(BambuRig rig, int index) {
    return rig.jobs().get(index).status();
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void p1OneJobPerStartAndNoDuplicates(Profile p) {
    try (BambuRig rig = rig(p)) {
      BambuPrinterSimulator sim = rig.sim("x1");
      sim.startJob("3DBenchy.gcode.3mf", JobKind.LAN);
      rig.awaitJobs(1);
      for (int i = 1; i <= 10; i++) {
        sim.progress(i * 5, i * 10, 60 - i);
        sim.heartbeat();
      }
      BambuRig.await("progress", () -> rig.engine.printer(PrinterId.of("x1")).orElseThrow()
          .lastSnapshot().progress().orElse(0.0) >= 50.0);
      Job job = rig.jobs().get(0);
      assertEquals(1, rig.jobs().size());
      assertEquals("3DBenchy", job.name());
      assertEquals("3DBenchy.gcode.3mf", job.fileName().orElseThrow(), "kept as reported");
      assertEquals(JobStatus.RUNNING, job.status());
      assertEquals(1, rig.events.events(JobAutoCreated.class).size());
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void p4PauseRunOutResumeSameJob(Profile p) {
    try (BambuRig rig = rig(p)) {
      BambuPrinterSimulator sim = rig.sim("x1");
      sim.startJob("vase.gcode.3mf", JobKind.LAN);
      rig.awaitJobs(1);
      sim.pause();
      BambuRig.await("paused", () -> statusOf(rig, 0) == JobStatus.PAUSED);
      sim.resume();
      sim.runOut();
      BambuRig.await("paused again", () -> rig.jobs().get(0).tracking().pauseCount() == 1
          && statusOf(rig, 0) == JobStatus.PAUSED);
      sim.resume();
      BambuRig.await("running", () -> statusOf(rig, 0) == JobStatus.RUNNING);
      assertEquals(1, rig.jobs().size());
      assertEquals(2, rig.jobs().get(0).tracking().pauseCount());
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void p5DroppedConnectionKeepsTheJobAndRecordsTheGap(Profile p) {
    try (BambuRig rig = rig(p)) {
      BambuPrinterSimulator sim = rig.sim("x1");
      sim.startJob("bracket.gcode.3mf", JobKind.LAN);
      rig.awaitJobs(1);
      int connects = sim.connects();
      sim.dropConnections();
      BambuRig.await("reconnected", () -> sim.connects() > connects && sim.subscribers() > 0);
      sim.progress(30, 60, 40);
      BambuRig.await("the gap", () -> rig.jobs().get(0).tracking().gaps().size() == 1);
      assertEquals(1, rig.jobs().size());
      assertTrue(sim.pushalls() >= 2, "a full report is asked for on every connect");
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void p6LanReprintOfTheSameFileAndP10Outcomes(Profile p) {
    try (BambuRig rig = rig(p)) {
      BambuPrinterSimulator sim = rig.sim("x1");
      sim.startJob("clip.gcode.3mf", JobKind.LAN);
      rig.awaitJobs(1);
      sim.finish();
      BambuRig.await("completed", () -> statusOf(rig, 0) == JobStatus.COMPLETED);
      sim.startJob("clip.gcode.3mf", JobKind.LAN); // ids "0", reused start time
      rig.awaitJobs(2);
      sim.cancel();
      BambuRig.await("cancelled", () -> statusOf(rig, 1) == JobStatus.CANCELLED);
      sim.startJob("clip.gcode.3mf", JobKind.LAN);
      rig.awaitJobs(3);
      sim.fail();
      BambuRig.await("failed", () -> statusOf(rig, 2) == JobStatus.FAILED);
      assertEquals(100.0, rig.jobs().get(0).tracking().progress());
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void p7TwoPrintersSameFile(Profile p) {
    try (BambuRig rig = new BambuRig().add("a", p).add("b", p).start()) {
      rig.awaitConnected("a");
      rig.awaitConnected("b");
      rig.sim("a").startJob("cube.gcode.3mf", JobKind.LAN);
      rig.sim("b").startJob("cube.gcode.3mf", JobKind.LAN);
      rig.awaitJobs(2);
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void p11FinishWhileTheEngineWasDownAndP3Restart(Profile p) {
    try (BambuRig rig = rig(p)) {
      BambuPrinterSimulator sim = rig.sim("x1");
      sim.startJob("part.gcode.3mf", JobKind.CLOUD);
      rig.awaitJobs(1);
      rig.restart(); // P3: same job
      rig.awaitConnected("x1");
      assertEquals(1, rig.jobs().size());
      rig.engine.close();
      sim.finish();
      rig.start();
      BambuRig.await("closed as completed", () -> statusOf(rig, 0) == JobStatus.COMPLETED);
      assertEquals(1, rig.jobs().size());
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void p2StartupAndP13CloudIdsAndStartTime(Profile p) {
    BambuRig rig = new BambuRig().add("x1", p);
    try (rig) {
      rig.sim("x1").startJob("Planter.3mf", JobKind.CLOUD);
      rig.start();
      rig.awaitJobs(1);
      Job job = rig.jobs().get(0);
      assertEquals(Detection.STARTUP, job.run().orElseThrow().detection());
      assertNotNull(job.run().orElseThrow().printerStartTime(), "gcode_start_time of the cloud job");
      assertTrue(job.run().orElseThrow().printerJobId().startsWith("t"));
      assertEquals(job.run().orElseThrow().printerStartTime(),
          job.tracking().startTime().orElseThrow());
      assertEquals("Planter", job.name(), "the name on the printer's screen (subtask_name)");
      assertEquals("/data/Metadata/plate_1.gcode", job.fileName().orElseThrow(),
          "the file exactly as the printer reported it");
      assertEquals("planter", job.normalizedFile().orElseThrow(), "identified by the shown name");
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void p14CalibrationIsNotAJob(Profile p) {
    try (BambuRig rig = rig(p)) {
      BambuPrinterSimulator sim = rig.sim("x1");
      sim.startCalibration();
      sim.finish();
      sim.startJob("real.gcode.3mf", JobKind.LOCAL_ID);
      rig.awaitJobs(1);
      assertEquals("real", rig.jobs().get(0).name());
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void p17BadReportsAreSkippedAndMonitoringGoesOn(Profile p) {
    try (BambuRig rig = rig(p)) {
      BambuPrinterSimulator sim = rig.sim("x1");
      sim.sendMalformed();
      sim.sendWrongTypes();
      sim.sendNonUtf8();
      sim.sendHuge();
      sim.startJob("robust.gcode.3mf", JobKind.LAN);
      rig.awaitJobs(1);
      sim.finish();
      BambuRig.await("completed", () -> statusOf(rig, 0) == JobStatus.COMPLETED);
      assertEquals(0, rig.engine.failedTasks());
      List<Job> jobs = rig.jobs();
      assertEquals(1, jobs.size());
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void anAbortStraightToIdleIsACancel(Profile p) {
    try (BambuRig rig = rig(p)) {
      BambuPrinterSimulator sim = rig.sim("x1");
      sim.startJob("aborted.gcode.3mf", JobKind.LAN);
      rig.awaitJobs(1);
      sim.idle(); // some firmware goes RUNNING -> IDLE on a cancel
      BambuRig.await("cancelled", () -> statusOf(rig, 0) == JobStatus.CANCELLED);
    }
  }
}
