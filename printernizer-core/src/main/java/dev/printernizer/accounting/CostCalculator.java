package dev.printernizer.accounting;

import dev.printernizer.api.CostRates;
import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.FilamentUsage;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobCost;
import dev.printernizer.api.Tracking;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Computes what a closed job cost from its filament used, its printing time and a printer's
 * rates. A pure function: the same job and rates give the same figures.
 *
 * <ul>
 *   <li><b>Filament</b>: per slot, the grams used ({@link Job#filamentUsed()}: all of the plan
 *       for a completed print, the printed share for the others) times the slot's price per kg
 *       ({@link CostRates#pricePerKg}); the filament part is there when every slot with filament
 *       has a weight and a price.</li>
 *   <li><b>Energy</b>: power (W) times printing time, in kWh to thousandths, times the price per
 *       kWh. Printing time is start to end minus the time paused.</li>
 *   <li><b>Wear</b>: printing hours times the wear rate.</li>
 * </ul>
 *
 * <p>Each amount is rounded half-up to the currency's minor unit (cents for EUR, none for JPY);
 * the total is the sum of the rounded parts. Thread-safe (stateless).
 *
 * @since 0.3
 */
public final class CostCalculator {
  private static final BigDecimal MS_PER_HOUR = BigDecimal.valueOf(3_600_000);
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

  private CostCalculator() {}

  /**
   * Computes a closed job's cost.
   *
   * @param job the job
   * @param rates the rates of its printer
   * @param at when it is computed (recorded on the cost)
   * @return the cost; empty while the job is open, or when nothing could be priced
   * @since 0.3
   */
  public static Optional<JobCost> compute(Job job, CostRates rates, Instant at) {
    Objects.requireNonNull(rates, "rates");
    Objects.requireNonNull(at, "at");
    Tracking t = job.tracking();
    if (!t.status().isClosed()) {
      return Optional.empty();
    }
    int digits = fractionDigits(rates.currency());
    List<JobCost.MaterialCharge> charges = new ArrayList<>();
    boolean allPriced = true;
    BigDecimal material = BigDecimal.ZERO;
    Optional<FilamentUsage> used = job.filamentUsed();
    if (used.isPresent()) {
      for (FilamentUse f : used.get().filaments()) {
        if (f.grams() == null) {
          if (f.meters() != null && f.meters() > 0) {
            allPriced = false; // used filament without a weight cannot be priced
          }
          continue;
        }
        BigDecimal price = rates.pricePerKg(f.slot(), f.material()).orElse(null);
        BigDecimal amount = price == null ? null
            : round(BigDecimal.valueOf(f.grams()).multiply(price).divide(THOUSAND,
                MathContext.DECIMAL64), digits);
        charges.add(new JobCost.MaterialCharge(f.slot(), f.material(), f.grams(), price, amount));
        if (amount == null) {
          allPriced = false;
        } else {
          material = material.add(amount);
        }
      }
    }
    BigDecimal materialPart = used.isPresent() && !charges.isEmpty() && allPriced ? material
        : null;
    Duration printing = printingTime(t);
    Double kwh = null;
    BigDecimal energy = null;
    BigDecimal wear = null;
    if (printing != null) {
      BigDecimal hours = BigDecimal.valueOf(printing.toMillis()).divide(MS_PER_HOUR,
          MathContext.DECIMAL64);
      if (rates.powerWatts() != null) {
        BigDecimal k = hours.multiply(BigDecimal.valueOf(rates.powerWatts()))
            .divide(THOUSAND, MathContext.DECIMAL64).setScale(3, RoundingMode.HALF_UP);
        kwh = k.doubleValue();
        if (rates.pricePerKwh() != null) {
          energy = round(k.multiply(rates.pricePerKwh()), digits);
        }
      }
      if (rates.wearPerHour() != null) {
        wear = round(hours.multiply(rates.wearPerHour()), digits);
      }
    }
    if (materialPart == null && energy == null && wear == null) {
      return Optional.empty();
    }
    BigDecimal total = BigDecimal.ZERO;
    for (BigDecimal part : new BigDecimal[] {materialPart, energy, wear}) {
      if (part != null) {
        total = total.add(part);
      }
    }
    return Optional.of(new JobCost(rates.currency(), charges, materialPart, printing, kwh, energy,
        wear, total, rates, at));
  }

  /**
   * The time a job is charged for: start to end, minus the time it was paused.
   *
   * @param t a closed job's tracking
   * @return the time, or null without a start or end
   * @since 0.3
   */
  public static @Nullable Duration printingTime(Tracking t) {
    Duration d = t.duration().orElse(null);
    if (d == null) {
      return null;
    }
    Duration p = d.minus(t.pausedTotal());
    return p.isNegative() ? Duration.ZERO : p;
  }

  private static BigDecimal round(BigDecimal v, int digits) {
    return v.setScale(digits, RoundingMode.HALF_UP);
  }

  private static int fractionDigits(String currency) {
    int d = Currency.getInstance(currency).getDefaultFractionDigits();
    return d < 0 ? 2 : d;
  }
}
