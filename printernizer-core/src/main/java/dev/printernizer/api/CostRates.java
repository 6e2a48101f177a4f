package dev.printernizer.api;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The prices one printer's jobs are charged with: filament per kilogram (per slot of this
 * printer, per material type, or a default, in that order), electricity per kWh with the
 * printer's power, and wear per printing hour. A {@link JobCost} keeps the rates it was computed
 * with, so a later change of prices does not rewrite history.
 *
 * <p>Immutable and thread-safe. Amounts are compared by value (12.30 equals 12.3).
 *
 * @param currency ISO 4217 code of every amount (e.g. EUR)
 * @param defaultPricePerKg filament price per kg for material types without their own, or null
 * @param pricePerKgByMaterial filament price per kg by material type (keys upper case: PLA,
 *     PETG...)
 * @param pricePerKgBySlot filament price per kg by this printer's slot (extruder or AMS slot,
 *     from 0); wins over the material price
 * @param pricePerKwh electricity price per kWh, or null
 * @param powerWatts the printer's average power draw while printing, or null when unknown
 * @param wearPerHour wear and maintenance per printing hour, or null
 * @since 0.3
 */
public record CostRates(String currency, @Nullable BigDecimal defaultPricePerKg,
    Map<String, BigDecimal> pricePerKgByMaterial, Map<Integer, BigDecimal> pricePerKgBySlot,
    @Nullable BigDecimal pricePerKwh, @Nullable Double powerWatts,
    @Nullable BigDecimal wearPerHour) {

  /**
   * Validates and normalises the values.
   *
   * @param currency ISO 4217 code
   * @param defaultPricePerKg default filament price per kg, or null
   * @param pricePerKgByMaterial prices by material type
   * @param pricePerKgBySlot prices by slot
   * @param pricePerKwh electricity price, or null
   * @param powerWatts power draw, or null
   * @param wearPerHour wear per hour, or null
   * @throws IllegalArgumentException naming the bad value (negative, too large, not a currency)
   */
  public CostRates {
    currency = Amounts.currency(Objects.requireNonNull(currency, "currency"));
    defaultPricePerKg = Amounts.check("defaultPricePerKg", defaultPricePerKg);
    TreeMap<String, BigDecimal> byMaterial = new TreeMap<>();
    for (Map.Entry<String, BigDecimal> e : pricePerKgByMaterial.entrySet()) {
      String m = material(e.getKey());
      byMaterial.put(m, Objects.requireNonNull(Amounts.check("price per kg of " + m,
          Objects.requireNonNull(e.getValue(), m))));
    }
    pricePerKgByMaterial = java.util.Collections.unmodifiableSortedMap(byMaterial);
    TreeMap<Integer, BigDecimal> bySlot = new TreeMap<>();
    for (Map.Entry<Integer, BigDecimal> e : pricePerKgBySlot.entrySet()) {
      int slot = e.getKey();
      if (slot < 0 || slot > 255) {
        throw new IllegalArgumentException("slot must be 0-255, was " + slot);
      }
      bySlot.put(slot, Objects.requireNonNull(Amounts.check("price per kg of slot " + slot,
          Objects.requireNonNull(e.getValue(), "slot " + slot))));
    }
    pricePerKgBySlot = java.util.Collections.unmodifiableSortedMap(bySlot);
    pricePerKwh = Amounts.check("pricePerKwh", pricePerKwh);
    if (powerWatts != null && !(powerWatts > 0 && powerWatts <= 100_000)) {
      throw new IllegalArgumentException("powerWatts must be more than 0 and at most 100000, was "
          + powerWatts);
    }
    wearPerHour = Amounts.check("wearPerHour", wearPerHour);
  }

  /**
   * No prices at all, in the given currency.
   *
   * @param currency ISO 4217 code
   * @return rates that price nothing
   * @since 0.3
   */
  public static CostRates none(String currency) {
    return new CostRates(currency, null, Map.of(), Map.of(), null, null, null);
  }

  /**
   * The filament price of a slot: the slot's own, else its material's, else the default.
   *
   * @param slot the slot
   * @param material its material type, or null
   * @return the price per kg, if one applies
   * @since 0.3
   */
  public Optional<BigDecimal> pricePerKg(int slot, @Nullable String material) {
    BigDecimal p = pricePerKgBySlot.get(slot);
    if (p == null && material != null && !material.isBlank()) {
      p = pricePerKgByMaterial.get(material(material));
    }
    return Optional.ofNullable(p != null ? p : defaultPricePerKg);
  }

  /**
   * @param name a material type as a slicer or setting writes it
   * @return its key: trimmed, upper case
   * @throws IllegalArgumentException if blank or longer than 40 characters
   * @since 0.3
   */
  public static String material(String name) {
    String m = name.trim().toUpperCase(Locale.ROOT);
    if (m.isEmpty() || m.length() > 40) {
      throw new IllegalArgumentException("material type must be 1-40 characters, was '" + name
          + "'");
    }
    return m;
  }
}
