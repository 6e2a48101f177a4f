package dev.printernizer.api;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a job that people edit: customer, business flag, material cost and notes.
 *
 * <p>They are stored apart from the tracking fields and the auto-creation metadata, so an edit
 * here can never erase what the engine recorded (promise P15), and a tracking update can never
 * overwrite an edit.
 *
 * @param customer customer name, or null
 * @param business whether the job is business (not private)
 * @param materialCost material cost in the host's currency, or null; not negative; kept without
 *     trailing zeros, so equal amounts are equal
 * @param notes free text, or null
 * @since 0.1
 */
public record BusinessFields(@Nullable String customer, boolean business,
    @Nullable BigDecimal materialCost,
    @Nullable String notes) {

  /**
   * No customer, private, no cost, no notes.
   * @since 0.1
   */
  public static final BusinessFields EMPTY = new BusinessFields(null, false, null, null);

  /**
   * The most decimal places of a material cost.
   * @since 0.3
   */
  public static final int MAX_COST_SCALE = 4;

  /**
   * The most digits of a material cost before the decimal point.
   * @since 0.3
   */
  public static final int MAX_COST_DIGITS = 15;

  /**
   * Validates the values.
   *
   * @param customer customer name, or null
   * @param business whether the job is business (not private)
   * @param materialCost material cost, or null; not negative, at most
   *     {@value #MAX_COST_DIGITS} digits before the decimal point and {@value #MAX_COST_SCALE}
   *     after it
   * @param notes free text, or null
   * @throws IllegalArgumentException for bad values, naming the field
   */
  public BusinessFields {
    if (customer != null && customer.length() > 500) {
      throw new IllegalArgumentException("customer must be at most 500 characters");
    }
    if (materialCost != null && materialCost.signum() < 0) {
      throw new IllegalArgumentException("materialCost must not be negative, was " + materialCost);
    }
    if (notes != null && notes.length() > 10_000) {
      throw new IllegalArgumentException("notes must be at most 10000 characters");
    }
    if (materialCost != null) {
      // compare money by value: 12.34 and 12.3400 (as a DECIMAL column returns it) are equal
      BigDecimal v = materialCost.stripTrailingZeros();
      materialCost = v.scale() < 0 ? v.setScale(0) : v;
      // what every store keeps exactly (a DECIMAL(19,4) column): 1e-30 must not become 0, and
      // 1e30 must not fail in the database
      if (materialCost.scale() > MAX_COST_SCALE
          || materialCost.precision() - materialCost.scale() > MAX_COST_DIGITS) {
        throw new IllegalArgumentException("materialCost must have at most " + MAX_COST_DIGITS
            + " digits before the decimal point and " + MAX_COST_SCALE + " after it, was "
            + materialCost.toPlainString());
      }
    }
  }
}
