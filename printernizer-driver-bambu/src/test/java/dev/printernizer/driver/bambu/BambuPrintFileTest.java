package dev.printernizer.driver.bambu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.Job;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.PrinterId;
import dev.printernizer.simulators.BambuPrinterSimulator;
import dev.printernizer.simulators.BambuPrinterSimulator.JobKind;
import dev.printernizer.simulators.BambuPrinterSimulator.Profile;
import dev.printernizer.simulators.SimThreeMf;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Bambu driver reads the running print's 3MF over FTPS (session reuse required, as on the
 * printers) and the engine links what it says to the job; a missing or damaged file leaves the
 * job without a description and nothing else changes.
 */
class BambuPrintFileTest {
  private static Job jobOf(BambuRig rig, String printer) {
    return rig.jobs().stream().filter(j -> j.printerId().equals(PrinterId.of(printer)))
        .findFirst().orElseThrow(() -> new AssertionError("no job on " + printer));
  }

  private static PrintFile awaitFile(BambuRig rig, String printer) {
    BambuRig.await("the print file of " + printer, () -> rig.jobs().stream()
        .anyMatch(j -> j.printerId().equals(PrinterId.of(printer)) && j.printFile().isPresent()));
    return jobOf(rig, printer).printFile().orElseThrow();
  }

  @Test
  void aLanPrintGetsTheSlicersEstimateFilamentPlateLayerHeightAndSlicer() {
    try (BambuRig rig = new BambuRig().add("p1s", Profile.DELTA).start()) {
      rig.awaitConnected("p1s");
      BambuPrinterSimulator sim = rig.sim("p1s");
      sim.nextPrintFile(new SimThreeMf().prediction(5450).modelBytes(2_000_000)
          .filament(1, "PLA", "#FF6A13FF", 20.5, 6.88).filament(3, "PETG", "#161616", 6.41, 2.1)
          .layerHeight(0.16).application("BambuStudio-02.01.01.52").bytes());
      sim.startJob("Gearbox.gcode.3mf", JobKind.LAN);
      PrintFile f = awaitFile(rig, "p1s");
      assertEquals(Optional.of(Duration.ofSeconds(5450)), f.estimatedTime());
      assertEquals(List.of(new FilamentUse(0, "PLA", "#FF6A13", 20.5, 6.88),
          new FilamentUse(2, "PETG", "#161616", 6.41, 2.1)), f.filaments());
      assertEquals(Optional.of(26.91), f.totalGrams().map(g -> Math.round(g * 100) / 100.0));
      assertEquals(Optional.of(1), f.plate());
      assertEquals(Optional.of(0.16), f.layerHeightMm());
      assertEquals(Optional.of("BambuStudio-02.01.01.52"), f.slicer());
      String id = jobOf(rig, "p1s").id();
      BambuRig.await("the plate's picture", () -> rig.store.thumbnail(id).isPresent());
      assertEquals(SimThreeMf.THUMBNAIL_SIDE, rig.store.thumbnail(id).orElseThrow().width(),
          "Metadata/plate_1.png");
      assertEquals(1, sim.ftps().logins(), "the picture came with the description");
      assertEquals(0, sim.ftps().reuseRefusals(), "every data connection resumed the session");
      assertTrue(sim.ftps().bytesSent() < 2_000_000 || sim.ftps().transfers() <= 5,
          "read in a few ranges, not the whole file");
    }
  }

  @Test
  void aCloudPrintOnAnX1IsFoundUnderCacheByItsNameOnTheScreen() {
    try (BambuRig rig = new BambuRig().add("x1c", Profile.FULL).start()) {
      rig.awaitConnected("x1c");
      BambuPrinterSimulator sim = rig.sim("x1c");
      // slice_info lists plates 2 and 3 before plate 1, the one printed
      sim.nextPrintFile(new SimThreeMf().plate(1).otherPlates(2).prediction(19860).bytes());
      sim.startJob("Rotor_plate_3.3mf", JobKind.CLOUD); // reports /data/Metadata/plate_1.gcode
      PrintFile f = awaitFile(rig, "x1c");
      assertEquals("/data/Metadata/plate_1.gcode", jobOf(rig, "x1c").fileName().orElseThrow());
      assertTrue(sim.ftps().paths().contains("/cache/Rotor_plate_3.3mf"));
      // the plate is the one the reported path names, not the first one listed
      assertEquals(Optional.of(1), f.plate());
      assertEquals(Optional.of(Duration.ofSeconds(19860)), f.estimatedTime());
    }
  }

  @Test
  void missingDamagedOrUnslicedFilesLeaveOnlyThatJobWithoutADescription() {
    try (BambuRig rig = new BambuRig().add("ok", Profile.DELTA).add("gone", Profile.DELTA)
        .add("cut", Profile.DELTA).add("raw", Profile.DELTA).add("huge", Profile.DELTA)
        .start()) {
      for (String id : List.of("ok", "gone", "cut", "raw", "huge")) {
        rig.awaitConnected(id);
      }
      rig.sim("gone").nextPrintFile(null);
      rig.sim("cut").nextPrintFile(SimThreeMf.truncated(new SimThreeMf().bytes(), 40_000));
      rig.sim("raw").nextPrintFile(new SimThreeMf().withoutSliceInfo().bytes());
      rig.sim("huge").nextPrintFile(new SimThreeMf().sliceInfoPadding(3 << 20).bytes());
      for (String id : List.of("ok", "gone", "cut", "raw", "huge")) {
        rig.sim(id).startJob(id + ".gcode.3mf", JobKind.LAN);
      }
      rig.awaitJobs(5);
      awaitFile(rig, "ok");
      for (String id : List.of("gone", "cut", "raw", "huge")) {
        BambuRig.await(id + " read once", () -> rig.sim(id).ftps().sessionsEnded() >= 1);
      }
      for (String id : List.of("gone", "cut", "raw", "huge")) {
        Job j = jobOf(rig, id);
        assertEquals(Optional.empty(), j.printFile(), id);
        assertTrue(rig.engine.printer(PrinterId.of(id)).orElseThrow().connectionProblem().isEmpty(),
            id + ": a file problem is no connection problem");
      }
      assertEquals(1, rig.sim("gone").ftps().logins());
    }
  }
}
