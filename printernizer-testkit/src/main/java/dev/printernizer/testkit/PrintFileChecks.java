package dev.printernizer.testkit;

import static dev.printernizer.testkit.JobStoreCompatibilityKit.autoJob;
import static dev.printernizer.testkit.JobStoreCompatibilityKit.manualJob;
import static dev.printernizer.testkit.JobStoreCompatibilityKit.printer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.printernizer.api.BusinessFields;
import dev.printernizer.api.CostRates;
import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobCost;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.Tracking;
import dev.printernizer.spi.JobStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The print file part of {@link JobStoreCompatibilityKit} ({@link JobStore#updatePrintFile}). */
abstract class PrintFileChecks extends StoreChecks {

  private PrintFile sample() {
    return PrintFile.builder().estimatedTime(Duration.ofSeconds(4092))
        .slicer("PrusaSlicer 2.8.1+linux-x64").layerHeightMm(0.15).plate(2)
        .filaments(List.of(new FilamentUse(0, "PLA | Sünlü ✓", "#ff8800", 12.8, 4.29056),
            new FilamentUse(3, "PETG", null, null, 1.5)))
        .build();
  }

  private Optional<Job> update(String id, PrintFile f) {
    try {
      return store().updatePrintFile(id, f);
    } catch (UnsupportedOperationException e) {
      Assumptions.abort("this store does not keep print file descriptions (the default of"
          + " JobStore.updatePrintFile): " + e.getMessage());
      throw e;
    }
  }

  @Test
  @DisplayName("sets the description on an open job, raises the version, changes nothing else")
  void onOpenJob() {
    Job j = store().createIfAbsent(autoJob(printer("pf"), "k", "a.gcode", T0)).requireJob();
    store().updateBusiness(j.id(), new BusinessFields("c", true, null, "n"));
    Job before = store().get(j.id()).orElseThrow();
    Job after = update(j.id(), sample()).orElseThrow(() -> new AssertionError(
        "updatePrintFile answered empty for a stored job"));
    assertEquals(sample(), after.printFile().orElse(null), lost("printFile"));
    assertEquals(sample(), store().get(j.id()).orElseThrow().printFile().orElse(null),
        lost("printFile (read back with get)"));
    assertTrue(after.version() > before.version(), "updatePrintFile must raise the version");
    assertEquals(before.tracking(), after.tracking(), "updatePrintFile changed tracking fields");
    assertEquals(before.business(), after.business(), "updatePrintFile changed business fields");
    assertEquals(before.run(), after.run(), "updatePrintFile changed the run link");
    Job tracked = store().updateTracking(j.id(), after.tracking().withProgress(50, null, null,
        null)).orElseThrow();
    assertEquals(sample(), tracked.printFile().orElse(null),
        "a tracking update dropped the print file description");
  }

  @Test
  @DisplayName("sets it on a closed job too (a short print may end first); it stays closed")
  void onClosedJob() {
    Job j = store().createIfAbsent(autoJob(printer("pf"), "k", "a.gcode", T0)).requireJob();
    Job closed = close(j, JobStatus.COMPLETED, T0.plusSeconds(60));
    Job after = update(j.id(), sample()).orElseThrow();
    assertEquals(JobStatus.COMPLETED, after.status(), "updatePrintFile reopened a closed job");
    assertEquals(closed.tracking(), after.tracking());
    assertEquals(sample(), after.printFile().orElse(null), lost("printFile"));
    PrintFile other = PrintFile.builder().slicer("OrcaSlicer 2.2").build();
    assertEquals(other, update(j.id(), other).orElseThrow().printFile().orElse(null),
        "a second updatePrintFile must replace the first description");
  }

  @Test
  @DisplayName("a job created or inserted with a description keeps it; a missing job is empty")
  void roundTripAndMissing() {
    update("no-such-job", sample()).ifPresent(x -> fail("updatePrintFile of a missing job"
        + " answered " + x));
    Job j = store().createIfAbsent(autoJob(printer("pf"), "k", "a.gcode", T0).toBuilder()
        .printFile(sample()).build()).requireJob();
    assertEquals(sample(), store().get(j.id()).orElseThrow().printFile().orElse(null),
        lost("printFile (createIfAbsent)"));
    Job m = store().insert(manualJob(printer("pf"), "b.gcode", T0).toBuilder()
        .printFile(PrintFile.builder().build()).build());
    assertEquals(Optional.of(PrintFile.builder().build()),
        store().get(m.id()).orElseThrow().printFile(),
        lost("printFile (an empty description is not the same as none)"));
    Job none = store().insert(manualJob(printer("pf"), "c.gcode", T0));
    assertEquals(Optional.empty(), store().get(none.id()).orElseThrow().printFile(),
        "a job stored without a description must come back without one");
  }
}
