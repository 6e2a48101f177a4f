package dev.printernizer.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.CostRates;
import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobCost;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.Tracking;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CostSettingsTest {
  private static final PrinterId P1 = PrinterId.of("p1");
  private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

  @Test
  void pricesComeFromSlotThenMaterialThenDefault() {
    CostSettings s = new CostSettings().apply(Map.of("cost_filament_price_per_kg", "24,99",
        "cost_filament_price_per_kg.petg", "30", "printer.p1.cost_filament_price_per_kg.2", "45.5"));
    CostRates r = s.rates(P1, 120.0);
    assertEquals(Optional.of(new BigDecimal("45.5")), r.pricePerKg(2, "PETG"));
    assertEquals(Optional.of(new BigDecimal("30")), r.pricePerKg(1, " petg "));
    assertEquals(Optional.of(new BigDecimal("24.99")), r.pricePerKg(0, "PLA"),
        "a decimal comma is read as a decimal point");
    assertEquals(Optional.of(new BigDecimal("24.99")), r.pricePerKg(0, null));
    assertEquals(Map.of(), s.rates(PrinterId.of("p2"), null).pricePerKgBySlot(),
        "slot prices belong to their printer");
    assertEquals(Map.of("cost_currency", "EUR", "cost_filament_price_per_kg", "24.99",
        "cost_filament_price_per_kg.PETG", "30", "printer.p1.cost_filament_price_per_kg.2",
        "45.5"), s.values());
    s.apply(Map.of("cost_filament_price_per_kg.PETG", "none"));
    assertEquals(Optional.of(new BigDecimal("24.99")), s.rates(P1, null).pricePerKg(1, "PETG"));
  }

  @Test
  void badValuesChangeNothingAndNameTheKey() {
    CostSettings s = new CostSettings().apply(Map.of("cost_energy_price_per_kwh", "0.3"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> s.apply(Map.of("cost_wear_per_hour", "1", "cost_energy_price_per_kwh", "-1")));
    assertTrue(e.getMessage().contains("cost_energy_price_per_kwh"), e.getMessage());
    assertNull(s.rates(P1, null).wearPerHour(), "nothing applied");
    e = assertThrows(IllegalArgumentException.class,
        () -> s.apply(Map.of("cost_energy_price_per_kw", "1")));
    assertTrue(e.getMessage().contains("did you mean 'cost_energy_price_per_kwh'"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> s.apply(Map.of("cost_currency", "EURO")));
    assertTrue(e.getMessage().contains("ISO 4217"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> s.apply(Map.of("printer.p1.cost_filament_price_per_kg.x", "1")));
    assertTrue(e.getMessage().contains("slot must be a number"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> s.apply(Map.of("cost_filament_price_per_kg", "12 EUR")));
    assertTrue(e.getMessage().contains("not a price"), e.getMessage());
    assertEquals(new BigDecimal("0.3"), s.rates(P1, null).pricePerKwh());
  }

  @Test
  void environmentVariablesIncludingMaterialsAndSlots() {
    CostSettings s = new CostSettings().applyEnvironment(Map.of("COST_CURRENCY", "chf",
        "COST_FILAMENT_PRICE_PER_KG_ASA", "35", "PRINTER_P1_COST_FILAMENT_PRICE_PER_KG_0", "50",
        "COST_WEAR_PER_HOUR", "0.2", "UNRELATED", "x"), List.of(P1));
    CostRates r = s.rates(P1, null);
    assertEquals("CHF", r.currency());
    assertEquals(Map.of("ASA", new BigDecimal("35")), r.pricePerKgByMaterial());
    assertEquals(Map.of(0, new BigDecimal("50")), r.pricePerKgBySlot());
    assertEquals(new BigDecimal("0.2"), r.wearPerHour());
  }

  @Test
  void listenersHearChanges() throws Exception {
    CostSettings s = new CostSettings();
    int[] heard = {0};
    AutoCloseable l = s.addListener(() -> heard[0]++);
    s.apply(Map.of("cost_currency", "USD"));
    l.close();
    s.apply(Map.of("cost_currency", "EUR"));
    assertEquals(1, heard[0]);
  }

  private static Job closed(JobStatus status, Duration length, double progress,
      PrintFile file) {
    Tracking t = Tracking.started(JobStatus.RUNNING, T0)
        .withProgress(progress, null, null, null).closed(status, T0.plus(length), null);
    return Job.builder("j1", P1, "part", T0).fileName("part.gcode")
        .run(new RunLink("k", null, dev.printernizer.api.Detection.LIVE, T0, null))
        .tracking(t).printFile(file).build();
  }

  @Test
  void amountsAreRoundedToTheCurrencysMinorUnit() {
    PrintFile file = PrintFile.builder()
        .filaments(List.of(new FilamentUse(0, "PLA", null, 123.456, null))).build();
    CostRates yen = new CostSettings().apply(Map.of("cost_currency", "JPY",
        "cost_filament_price_per_kg", "3333")).rates(P1, null);
    JobCost c = CostCalculator.compute(closed(JobStatus.COMPLETED, Duration.ofHours(1), 100, file),
        yen, T0).orElseThrow();
    assertEquals(new BigDecimal("411"), c.total(), "123.456 g x 3333 JPY/kg = 411.479");
    assertNull(c.energy(), "no power, no energy part");
    assertNull(c.energyKwh());
  }

  @Test
  void aSlotWithoutPriceLeavesTheFilamentPartOpen() {
    PrintFile file = PrintFile.builder().filaments(List.of(new FilamentUse(0, "PLA", null, 10.0,
        null), new FilamentUse(1, "TPU", null, 5.0, null))).build();
    CostRates rates = new CostSettings().apply(Map.of("cost_filament_price_per_kg.PLA", "20",
        "cost_wear_per_hour", "1")).rates(P1, null);
    JobCost c = CostCalculator.compute(closed(JobStatus.CANCELLED, Duration.ofHours(2), 50, file),
        rates, T0).orElseThrow();
    assertNull(c.material(), "TPU has no price");
    assertEquals(null, c.materials().get(1).amount());
    assertEquals(new BigDecimal("0.1"), c.materials().get(0).amount(), "5 g of PLA at 50 %");
    assertEquals(new BigDecimal("2"), c.total(), "wear only");
    assertEquals(Optional.empty(), CostCalculator.compute(closed(JobStatus.COMPLETED,
        Duration.ofHours(1), 100, file), CostRates.none("EUR"), T0), "no prices, no cost");
  }

  @Test
  void aCostMustAddUp() {
    CostRates none = CostRates.none("EUR");
    assertThrows(IllegalArgumentException.class, () -> new JobCost("EUR", List.of(),
        BigDecimal.ONE, null, null, null, BigDecimal.ONE, BigDecimal.ONE, none, T0));
    assertThrows(IllegalArgumentException.class, () -> new JobCost("USD", List.of(),
        BigDecimal.ONE, null, null, null, null, BigDecimal.ONE, none, T0));
  }
}
