package dev.printernizer.statistics;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The filament of one material type over a group of closed jobs. Immutable and thread-safe.
 *
 * @param material the material type in upper case ({@code PLA}), or {@link #UNKNOWN}
 * @param jobs the jobs that used it
 * @param grams the grams used
 * @param cost the filament cost of those grams per currency (slots that had a price)
 * @since 0.3
 */
public record MaterialTotals(String material, long jobs, double grams,
    Map<String, BigDecimal> cost) {
  /** The material of a slot whose print file names none. */
  public static final String UNKNOWN = "UNKNOWN";

  /**
   * Validates and normalises amounts (no trailing zeros).
   *
   * @param material the material
   * @param jobs the jobs
   * @param grams the grams
   * @param cost cost per currency
   */
  public MaterialTotals {
    Objects.requireNonNull(material, "material");
    if (jobs < 0 || !(grams >= 0) || Double.isInfinite(grams)) {
      throw new IllegalArgumentException("jobs and grams must be 0 or more");
    }
    Map<String, BigDecimal> c = new TreeMap<>();
    cost.forEach((k, v) -> c.put(Objects.requireNonNull(k, "currency"),
        v.signum() == 0 ? BigDecimal.ZERO : v.stripTrailingZeros()));
    cost = Collections.unmodifiableMap(c);
  }

  /**
   * @param o the same material's figures from other jobs
   * @return both together
   * @since 0.3
   */
  public MaterialTotals plus(MaterialTotals o) {
    if (!o.material.equals(material)) {
      throw new IllegalArgumentException(o.material + " is not " + material);
    }
    Map<String, BigDecimal> c = new TreeMap<>(cost);
    o.cost.forEach((k, v) -> c.merge(k, v, BigDecimal::add));
    return new MaterialTotals(material, jobs + o.jobs, grams + o.grams, c);
  }
}
