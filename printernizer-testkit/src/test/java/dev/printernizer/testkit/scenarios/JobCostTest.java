package dev.printernizer.testkit.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.BusinessFields;
import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobCost;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.PrinterState;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.testkit.fake.ForwardingJobStore;
import dev.printernizer.testkit.fake.ManualClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The cost is recorded when a job closes, keeps its rates, and is recomputed only on request. */
class JobCostTest {
  private static final PrintFile TWO_COLOURS = PrintFile.builder()
      .estimatedTime(Duration.ofHours(2))
      .filaments(List.of(new FilamentUse(0, "PLA", "#FF8800", 100.0, 33.0),
          new FilamentUse(1, "PETG", "#000000", 50.0, 16.0))).build();

  private static Rig rig() {
    Rig rig = new Rig("p1").power("p1", 150);
    rig.driversInline = true;
    rig.costs.apply(Map.of("cost_filament_price_per_kg", "20", "cost_filament_price_per_kg.PETG",
        "30", "cost_energy_price_per_kwh", "0.40", "cost_wear_per_hour", "0.25"));
    return rig.start();
  }

  /** Prints for two hours, of which 30 minutes paused, and ends as given. */
  private static Job printTwoHours(Rig rig, PrinterState end) {
    rig.idle("p1");
    rig.printing("p1", "dragon.gcode", 1);
    rig.minutes(60);
    rig.paused("p1", "dragon.gcode", 40);
    rig.minutes(30);
    rig.printing("p1", "dragon.gcode", 40);
    rig.minutes(30);
    rig.send("p1", end, b -> b.fileName("dragon.gcode").progress(50.0));
    return rig.onlyJob();
  }

  @Test
  void aCompletedPrintIsChargedForFilamentEnergyAndWear() {
    try (Rig rig = rig()) {
      rig.printer("p1").answerPrintFiles(job -> Optional.of(TWO_COLOURS));
      Job job = printTwoHours(rig, PrinterState.FINISHED);
      assertEquals(JobStatus.COMPLETED, job.status());
      JobCost cost = job.cost().orElseThrow(() -> new AssertionError("no cost recorded"));
      assertEquals("EUR", cost.currency());
      // 100 g x 20/kg + 50 g x 30/kg; 1.5 h printing x 150 W = 0.225 kWh x 0.40; 1.5 h x 0.25
      assertEquals(new BigDecimal("3.5"), cost.material());
      assertEquals(Duration.ofMinutes(90), cost.printingTime());
      assertEquals(0.225, cost.energyKwh());
      assertEquals(new BigDecimal("0.09"), cost.energy());
      assertEquals(new BigDecimal("0.38"), cost.wear(), "0.375 rounds half up to the cent");
      assertEquals(new BigDecimal("3.97"), cost.total());
      assertEquals(new BigDecimal("30"), cost.materials().get(1).pricePerKg(),
          "PETG has its own price");
      assertEquals(Optional.of(new BigDecimal("3.97")), job.costTotal());
    }
  }

  @Test
  void aFailedPrintIsChargedForThePrintedShare() {
    try (Rig rig = rig()) {
      rig.printer("p1").answerPrintFiles(job -> Optional.of(TWO_COLOURS));
      Job job = printTwoHours(rig, PrinterState.FAILED);
      assertEquals(JobStatus.FAILED, job.status());
      JobCost cost = job.cost().orElseThrow();
      assertEquals(50.0, cost.materials().get(0).grams(), "half of the plan at 50 %");
      assertEquals(new BigDecimal("1.75"), cost.material());
    }
  }

  @Test
  void aDescriptionLinkedAfterTheCloseAddsTheFilamentAtThePricesOfTheClose() {
    try (Rig rig = rig()) {
      AtomicInteger asked = new AtomicInteger();
      rig.printer("p1").answerPrintFiles(job -> {
        if (asked.incrementAndGet() == 1) {
          throw new java.io.IOException("printer busy");
        }
        return Optional.of(TWO_COLOURS);
      });
      rig.idle("p1");
      rig.printing("p1", "calibration.gcode", 1);
      rig.advance(Duration.ofSeconds(5)); // a short print ends before the file could be read
      rig.state("p1", PrinterState.FINISHED, "calibration.gcode");
      JobCost atClose = rig.onlyJob().cost().orElseThrow();
      assertEquals(null, atClose.material(), "no filament known at the close");
      rig.costs.apply(Map.of("cost_filament_price_per_kg", "99"));
      rig.advance(Duration.ofSeconds(10)); // the retry reads the file
      JobCost cost = rig.onlyJob().cost().orElseThrow();
      assertEquals(new BigDecimal("3.5"), cost.material(), "priced with the rates of the close");
      assertEquals(new BigDecimal("20"), cost.rates().defaultPricePerKg());
      assertEquals(atClose.total().add(new BigDecimal("3.5")), cost.total());
    }
  }

  @Test
  void newPricesApplyOnlyWhenRecomputed() {
    try (Rig rig = rig()) {
      rig.printer("p1").answerPrintFiles(job -> Optional.of(TWO_COLOURS));
      Job job = printTwoHours(rig, PrinterState.FINISHED);
      rig.costs.apply(Map.of("cost_filament_price_per_kg", "40", "cost_currency", "CHF"));
      rig.printing("p1", "next.gcode", 1);
      assertEquals(new BigDecimal("3.97"), rig.engine.job(job.id()).orElseThrow().cost()
          .orElseThrow().total(), "a price change does not rewrite history");
      Job recomputed = rig.engine.recomputeCost(job.id()).orElseThrow();
      JobCost cost = recomputed.cost().orElseThrow();
      assertEquals("CHF", cost.currency());
      assertEquals(new BigDecimal("5.5"), cost.material(), "100 g x 40 + 50 g x 30");
      assertThrows(IllegalStateException.class,
          () -> rig.engine.recomputeCost(rig.jobs().get(1).id()), "an open job has no cost yet");
    }
  }

  @Test
  void aManualCostWins() {
    try (Rig rig = rig()) {
      rig.printer("p1").answerPrintFiles(job -> Optional.of(TWO_COLOURS));
      Job job = printTwoHours(rig, PrinterState.FINISHED);
      Job edited = rig.engine.updateBusiness(job.id(),
          new BusinessFields("ACME", true, new BigDecimal("12.00"), null)).orElseThrow();
      assertEquals(Optional.of(new BigDecimal("12")), edited.costTotal());
      assertEquals(new BigDecimal("3.97"), edited.cost().orElseThrow().total(),
          "the computed breakdown stays for reference");
    }
  }

  @Test
  void withoutPricesThereIsNoCostAndAStoreWithoutCostsStillRecordsJobs() {
    AtomicInteger refused = new AtomicInteger();
    ForwardingJobStore old = new ForwardingJobStore(new InMemoryJobStore()) {
      @Override
      public Optional<Job> updateCost(String jobId, JobCost cost) {
        refused.incrementAndGet();
        throw new UnsupportedOperationException("a store written before 0.3");
      }
    };
    Rig rig = new Rig(old, new ManualClock(), new AutoJobSettings(), "p1").power("p1", 100);
    rig.driversInline = true;
    try (Rig r = rig.start()) {
      Job job = printTwoHours(r, PrinterState.FINISHED);
      assertEquals(Optional.empty(), job.cost(), "no prices, no cost");
      r.costs.apply(Map.of("cost_energy_price_per_kwh", "0.3"));
      r.printing("p1", "b.gcode", 1);
      r.minutes(10);
      r.idle("p1");
      r.printing("p1", "c.gcode", 1);
      r.minutes(10);
      r.idle("p1");
      assertEquals(3, r.jobs().size());
      assertEquals(1, refused.get(), "the store is not asked again once it said no");
      assertEquals(0, r.engine.failedTasks());
    }
  }

  @Test
  void aFailedCostWriteIsRetried() {
    AtomicInteger failures = new AtomicInteger(2);
    ForwardingJobStore flaky = new ForwardingJobStore(new InMemoryJobStore()) {
      @Override
      public Optional<Job> updateCost(String jobId, JobCost cost) {
        if (failures.getAndDecrement() > 0) {
          throw new IllegalStateException("database restarting");
        }
        return super.updateCost(jobId, cost);
      }
    };
    Rig rig = new Rig(flaky, new ManualClock(), new AutoJobSettings(), "p1").power("p1", 100);
    rig.driversInline = true;
    rig.costs.apply(Map.of("cost_wear_per_hour", "1"));
    try (Rig r = rig.start()) {
      Job job = printTwoHours(r, PrinterState.FINISHED);
      assertEquals(Optional.empty(), job.cost());
      r.advance(Duration.ofSeconds(10));
      assertEquals(Optional.empty(), r.onlyJob().cost());
      r.advance(Duration.ofMinutes(1));
      assertEquals(new BigDecimal("1.5"), r.onlyJob().cost().orElseThrow().total());
      assertTrue(r.onlyJob().version() > job.version());
    }
  }
}
