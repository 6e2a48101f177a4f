package dev.printernizer.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a closed job cost, as a breakdown fixed with the {@link CostRates} it was computed with:
 * filament per slot, energy, wear and their total. Computed when the job closes (and completed
 * when its print file description arrives later, with the same rates); only an explicit
 * recompute applies today's rates. A cost a person entered ({@link BusinessFields#materialCost()})
 * is kept apart and wins: see {@link Job#costTotal()}.
 *
 * <p>Each part is null when it could not be priced (no price for a slot's material, no power or
 * kWh price, no wear rate); {@link #total()} adds the parts that are there. Amounts are rounded
 * to the currency's minor unit. Immutable and thread-safe.
 *
 * @param currency ISO 4217 code of every amount
 * @param materials the filament charge per slot used, in slot order
 * @param material the filament cost, when every used slot could be priced; else null
 * @param printingTime the time charged for energy and wear: start to end without pauses, or
 *     null when the job has no start or end
 * @param energyKwh the energy charged (kWh, to thousandths), or null
 * @param energy the energy cost, or null
 * @param wear the wear cost, or null
 * @param total the sum of the parts present
 * @param rates the rates used
 * @param computedAt when it was computed
 * @since 0.3
 */
public record JobCost(String currency, List<MaterialCharge> materials,
    @Nullable BigDecimal material, @Nullable Duration printingTime, @Nullable Double energyKwh,
    @Nullable BigDecimal energy, @Nullable BigDecimal wear, BigDecimal total, CostRates rates,
    Instant computedAt) {

  /**
   * One slot's filament and what it cost.
   *
   * @param slot extruder or AMS slot, from 0
   * @param material material type, or null
   * @param grams the filament used
   * @param pricePerKg the price applied, or null when none applied
   * @param amount grams times price, or null without a price
   * @since 0.3
   */
  public record MaterialCharge(int slot, @Nullable String material, double grams,
      @Nullable BigDecimal pricePerKg, @Nullable BigDecimal amount) {
    /**
     * Validates and normalises.
     *
     * @param slot the slot
     * @param material the material, or null
     * @param grams the grams
     * @param pricePerKg the price, or null
     * @param amount the amount, or null
     */
    public MaterialCharge {
      if (slot < 0 || slot > 255) {
        throw new IllegalArgumentException("slot must be 0-255, was " + slot);
      }
      if (!(grams >= 0 && grams < 1e9)) {
        throw new IllegalArgumentException("grams must be 0 or more, was " + grams);
      }
      pricePerKg = Amounts.check("pricePerKg", pricePerKg);
      amount = Amounts.check("amount", amount);
    }
  }

  /**
   * Validates and normalises.
   *
   * @param currency ISO 4217 code
   * @param materials charges per slot
   * @param material filament cost, or null
   * @param printingTime time charged, or null
   * @param energyKwh energy, or null
   * @param energy energy cost, or null
   * @param wear wear cost, or null
   * @param total the sum
   * @param rates the rates used
   * @param computedAt when computed
   * @throws IllegalArgumentException for negative amounts, another currency in the rates, or a
   *     total that is not the sum of the parts
   */
  public JobCost {
    currency = Amounts.currency(Objects.requireNonNull(currency, "currency"));
    materials = List.copyOf(materials);
    material = Amounts.check("material", material);
    if (printingTime != null && printingTime.isNegative()) {
      throw new IllegalArgumentException("printingTime must not be negative, was " + printingTime);
    }
    if (energyKwh != null && !(energyKwh >= 0 && energyKwh < 1e9)) {
      throw new IllegalArgumentException("energyKwh must be 0 or more, was " + energyKwh);
    }
    energy = Amounts.check("energy", energy);
    wear = Amounts.check("wear", wear);
    total = Objects.requireNonNull(Amounts.check("total", Objects.requireNonNull(total, "total")));
    Objects.requireNonNull(rates, "rates");
    Objects.requireNonNull(computedAt, "computedAt");
    if (!rates.currency().equals(currency)) {
      throw new IllegalArgumentException("the rates are in " + rates.currency() + ", the cost in "
          + currency);
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (BigDecimal part : new BigDecimal[] {material, energy, wear}) {
      if (part != null) {
        sum = sum.add(part);
      }
    }
    if (sum.compareTo(total) != 0) {
      throw new IllegalArgumentException("total " + total.toPlainString()
          + " is not the sum of the parts " + sum.toPlainString());
    }
  }

  /**
   * @return the filament weight charged over all slots
   * @since 0.3
   */
  public double grams() {
    double g = 0;
    for (MaterialCharge c : materials) {
      g += c.grams();
    }
    return Math.round(g * 1000) / 1000.0;
  }

  /**
   * @return whether every part that can exist was priced (filament, energy and wear)
   * @since 0.3
   */
  public boolean complete() {
    return material != null && energy != null && wear != null;
  }

  /**
   * @param other another cost
   * @return whether both have the same figures and rates (when they were computed aside)
   * @since 0.3
   */
  public boolean sameFigures(JobCost other) {
    return equals(new JobCost(other.currency, other.materials, other.material, other.printingTime,
        other.energyKwh, other.energy, other.wear, other.total, other.rates, computedAt));
  }
}
