package dev.printernizer.driver.prusa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.Job;
import dev.printernizer.api.PrintFile;
import dev.printernizer.simulators.PrusaLinkSimulator.Flavour;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The PrusaLink driver reads the print file description PrusaLink shows for the job. */
class PrusaPrintFileTest {
  @Test
  void prusaLinkOnAPiGivesEstimateFilamentAndLayerHeight() {
    try (PrusaRig rig = new PrusaRig().add("mk3", Flavour.LINK).start()) {
      rig.sim("mk3").startPrint("Benchy_0.15mm_PLA_MK3S_1h8m.gcode");
      rig.poll();
      Job job = rig.jobs().get(0);
      PrintFile f = job.printFile().orElseThrow(() -> new AssertionError("no print file: " + job));
      assertEquals(Optional.of(Duration.ofSeconds(4092)), f.estimatedTime());
      assertEquals(Optional.of(0.15), f.layerHeightMm());
      assertEquals(List.of(new FilamentUse(0, "PLA", null, 12.8, 4.29056)), f.filaments());
      assertEquals(Optional.of(12.8), f.totalGrams());
    }
  }

  @Test
  void multiMaterialValuesArePerSlotAndOddValuesAreLeftOut() {
    try (PrusaRig rig = new PrusaRig().add("mmu", Flavour.LINK).start()) {
      rig.sim("mmu").setFileMeta("{\"filament_type\":\"PLA;PETG;;\",\"filament used [g]\":"
          + "\"10.5, 2.25, 0, nonsense\",\"filament used [mm]\":\"3500, 750.5\","
          + "\"layer_height\":-1,\"estimated_print_time\":\"7200\"}");
      rig.sim("mmu").startPrint("parts.gcode");
      rig.poll();
      PrintFile f = rig.jobs().get(0).printFile().orElseThrow();
      assertEquals(List.of(new FilamentUse(0, "PLA", null, 10.5, 3.5),
          new FilamentUse(1, "PETG", null, 2.25, 0.7505),
          new FilamentUse(2, null, null, 0.0, null),
          new FilamentUse(3, null, null, null, null)), f.filaments());
      assertEquals(Optional.empty(), f.layerHeightMm(), "a negative layer height is left out");
      assertEquals(Optional.of(Duration.ofHours(2)), f.estimatedTime(), "numbers as text");
      assertEquals(Optional.empty(), f.totalGrams(), "not every slot gives a weight");
    }
  }

  @Test
  void theFirmwareFlavourIsReadFromTheStartOfTheBinaryGcode() {
    try (PrusaRig rig = new PrusaRig().add("mk4", Flavour.BUDDY).start()) {
      rig.sim("mk4").startPrint("3DBenchy_0.4n_0.2mm_PLA_MK4IS_1h40m.bgcode");
      rig.poll();
      PrintFile f = rig.jobs().get(0).printFile().orElseThrow(() -> new AssertionError(
          "no print file: " + rig.jobs()));
      assertEquals(Optional.of("PrusaSlicer 2.8.1+linux-x64"), f.slicer());
      assertEquals(Optional.of(Duration.ofSeconds(6012)), f.estimatedTime());
      assertEquals(Optional.of(0.2), f.layerHeightMm());
      assertEquals(List.of(new FilamentUse(0, "PLA", "#FF8000", 15.3, 5.1204)), f.filaments());
    }
  }

  @Test
  void aTruncatedOrForeignFileGivesWhatItHasAndNothingBreaks() {
    try (PrusaRig rig = new PrusaRig().add("mk4", Flavour.BUDDY).add("xl", Flavour.BUDDY)
        .start()) {
      byte[] whole = dev.printernizer.simulators.SimBgcode.benchy();
      rig.sim("mk4").setPrintFileBytes(java.util.Arrays.copyOf(whole, 120)); // metadata cut off
      rig.sim("xl").setPrintFileBytes("; plain G-code\nG28\n".getBytes(
          java.nio.charset.StandardCharsets.UTF_8));
      rig.sim("mk4").startPrint("a.bgcode");
      rig.sim("xl").startPrint("b.bgcode");
      rig.poll();
      Job mk4 = rig.jobs().stream().filter(j -> j.printerId().value().equals("mk4")).findFirst()
          .orElseThrow();
      Job xl = rig.jobs().stream().filter(j -> j.printerId().value().equals("xl")).findFirst()
          .orElseThrow();
      assertEquals(Optional.of("PrusaSlicer 2.8.1+linux-x64"),
          mk4.printFile().flatMap(PrintFile::slicer), "the blocks before the cut are read");
      assertTrue(mk4.printFile().orElseThrow().filaments().isEmpty());
      assertTrue(xl.printFile().isEmpty(), xl.toString());
      assertEquals(0, rig.engine.failedTasks());
    }
  }

  @Test
  void aHugeFileIsReadOnlyAsFarAsTheLimit() {
    try (PrusaRig rig = new PrusaRig().add("mk4", Flavour.BUDDY).start()) {
      byte[] head = dev.printernizer.simulators.SimBgcode.benchy();
      byte[] huge = java.util.Arrays.copyOf(head, 64 << 20); // 64 MiB: G-code after the metadata
      rig.sim("mk4").setPrintFileBytes(huge);
      rig.sim("mk4").startPrint("big.bgcode");
      rig.poll();
      assertEquals(Optional.of(Duration.ofSeconds(6012)),
          rig.jobs().get(0).printFile().flatMap(PrintFile::estimatedTime));
    }
  }

  @Test
  void theFirmwareFlavourGivesThePictureFromTheThumbnailPath() {
    try (PrusaRig rig = new PrusaRig().add("mk4", Flavour.BUDDY).add("xl", Flavour.BUDDY)
        .add("mini", Flavour.BUDDY).add("mk3", Flavour.LINK).start()) {
      byte[] png = dev.printernizer.simulators.SimThreeMf.thumbnailPng(0x00AE42);
      rig.sim("mk4").setThumbnailBytes(png);
      rig.sim("xl").setThumbnailBytes("<html>not a picture</html>".getBytes(
          java.nio.charset.StandardCharsets.UTF_8));
      rig.sim("mini").setThumbnailBytes(java.util.Arrays.copyOf(png, 2 << 20)); // too large
      for (String id : List.of("mk4", "xl", "mini", "mk3")) {
        rig.sim(id).startPrint(id + ".bgcode");
      }
      rig.poll();
      java.util.Map<String, Optional<dev.printernizer.api.Thumbnail>> got =
          new java.util.TreeMap<>();
      for (Job j : rig.jobs()) {
        assertTrue(j.printFile().isPresent(), "the description first: " + j);
        got.put(j.printerId().value(), rig.store.thumbnail(j.id()));
      }
      assertEquals(Optional.of(dev.printernizer.api.Thumbnail.ofPng(png)), got.get("mk4"));
      assertEquals(Optional.empty(), got.get("xl"), "not a PNG: none");
      assertEquals(Optional.empty(), got.get("mini"), "over 512 KiB: none");
      assertEquals(Optional.empty(), got.get("mk3"), "a Pi names no thumbnail for this file");
      assertEquals(0, rig.engine.failedTasks());
    }
  }
}
