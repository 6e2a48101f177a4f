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

/** The cost part of {@link JobStoreCompatibilityKit} ({@link JobStore#updateCost}). */
abstract class CostChecks extends StoreChecks {

  private JobCost sample(Instant at) {
    CostRates rates = new CostRates("EUR", new BigDecimal("24.99"),
        Map.of("PETG", new BigDecimal("30"), "PLA | Sünlü ✓", new BigDecimal("19.5")),
        Map.of(3, new BigDecimal("45.125")), new BigDecimal("0.3215"), 137.5,
        new BigDecimal("0.25"));
    List<JobCost.MaterialCharge> charges = List.of(
        new JobCost.MaterialCharge(0, "PLA | Sünlü ✓", 12.8, new BigDecimal("19.5"),
            new BigDecimal("0.25")),
        new JobCost.MaterialCharge(3, null, 1.5, null, null));
    return new JobCost("EUR", charges, null, Duration.ofMillis(4_092_123), 0.156,
        new BigDecimal("0.05"), new BigDecimal("0.28"), new BigDecimal("0.33"), rates, at);
  }

  private Optional<Job> update(String id, JobCost c) {
    try {
      return store().updateCost(id, c);
    } catch (UnsupportedOperationException e) {
      Assumptions.abort("this store does not keep job costs (the default of"
          + " JobStore.updateCost): " + e.getMessage());
      throw e;
    }
  }

  @Test
  @DisplayName("sets the cost on a closed job, raises the version, changes nothing else")
  void onClosedJob() {
    Job j = store().createIfAbsent(autoJob(printer("pc"), "k", "a.gcode", T0)).requireJob();
    store().updateBusiness(j.id(), new BusinessFields("c", true, new BigDecimal("9.5"), "n"));
    Job before = close(j, JobStatus.COMPLETED, T0.plusSeconds(4200));
    JobCost cost = sample(T0.plusSeconds(4201));
    Job after = update(j.id(), cost).orElseThrow(() -> new AssertionError(
        "updateCost answered empty for a stored job"));
    assertEquals(cost, after.cost().orElse(null), lost("cost"));
    Job read = store().get(j.id()).orElseThrow();
    assertEquals(cost.rates(), read.cost().map(JobCost::rates).orElse(null),
        lost("cost.rates"));
    assertEquals(cost.materials(), read.cost().map(JobCost::materials).orElse(null),
        lost("cost.materials"));
    assertEquals(cost, read.cost().orElse(null), lost("cost (read back with get)"));
    assertTrue(after.version() > before.version(), "updateCost must raise the version");
    assertEquals(before.tracking(), after.tracking(), "updateCost changed tracking fields");
    assertEquals(before.business(), after.business(), "updateCost changed business fields");
    assertEquals(before.printFile(), after.printFile(), "updateCost changed the print file");
    Job edited = store().updateBusiness(j.id(), new BusinessFields(null, false, null, null))
        .orElseThrow();
    assertEquals(cost, edited.cost().orElse(null), "a business update dropped the cost");
    assertEquals(Optional.of(cost.total()), edited.costTotal());
  }

  @Test
  @DisplayName("a second cost replaces the first; a tracking write keeps it")
  void replaceAndKeep() {
    Job j = store().createIfAbsent(autoJob(printer("pc"), "k", "a.gcode", T0)).requireJob();
    JobCost first = new JobCost("USD", List.of(), null, Duration.ZERO, 0.0, BigDecimal.ZERO,
        null, BigDecimal.ZERO, new CostRates("USD", null, Map.of(), Map.of(),
        new BigDecimal("0.1"), 50.0, null), T0);
    assertEquals(first, update(j.id(), first).orElseThrow().cost().orElse(null),
        lost("cost (zero amounts are not unknown amounts)"));
    Job tracked = store().updateTracking(j.id(), j.tracking().withProgress(50, null, null, null))
        .orElseThrow();
    assertEquals(first, tracked.cost().orElse(null), "a tracking update dropped the cost");
    JobCost second = sample(T0.plusSeconds(9));
    assertEquals(second, update(j.id(), second).orElseThrow().cost().orElse(null),
        "a second updateCost must replace the first cost");
  }

  @Test
  @DisplayName("a job stored with a cost keeps it; one without has none; a missing job is empty")
  void roundTripAndMissing() {
    update("no-such-job", sample(T0)).ifPresent(x -> fail("updateCost of a missing job"
        + " answered " + x));
    Job m = store().insert(manualJob(printer("pc"), "b.gcode", T0).toBuilder()
        .tracking(Tracking.started(JobStatus.RUNNING, T0).closed(JobStatus.COMPLETED,
            T0.plusSeconds(60), null))
        .cost(sample(T0)).build());
    assertEquals(sample(T0), store().get(m.id()).orElseThrow().cost().orElse(null),
        lost("cost (insert)"));
    Job none = store().insert(manualJob(printer("pc"), "c.gcode", T0));
    assertEquals(Optional.empty(), store().get(none.id()).orElseThrow().cost(),
        "a job stored without a cost must come back without one");
  }
}
