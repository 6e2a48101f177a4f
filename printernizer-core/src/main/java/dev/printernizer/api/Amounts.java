package dev.printernizer.api;

import java.math.BigDecimal;
import java.util.Currency;
import org.jspecify.annotations.Nullable;

/** Money and rate values of the accounting records: checked and compared by value. */
final class Amounts {
  /** Larger amounts and rates are refused: they fit DECIMAL(19,4) with room to add up. */
  static final BigDecimal MAX = new BigDecimal("1000000000");

  private Amounts() {}

  /**
   * @param name the field, for the error
   * @param v a money amount or rate, or null
   * @return v without trailing zeros (12.3400 and 12.34 are equal), or null
   * @throws IllegalArgumentException if negative or too large
   */
  static @Nullable BigDecimal check(String name, @Nullable BigDecimal v) {
    if (v == null) {
      return null;
    }
    if (v.signum() < 0) {
      throw new IllegalArgumentException(name + " must not be negative, was " + v.toPlainString());
    }
    if (v.compareTo(MAX) > 0) {
      throw new IllegalArgumentException(name + " must be at most " + MAX.toPlainString()
          + ", was " + v.toPlainString());
    }
    BigDecimal s = v.stripTrailingZeros();
    if (s.scale() > 6) {
      throw new IllegalArgumentException(name + " has more than 6 decimals: " + v.toPlainString());
    }
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  /**
   * @param code an ISO 4217 currency code
   * @return the code, upper case
   * @throws IllegalArgumentException if it is not one
   */
  static String currency(String code) {
    String c = code.trim().toUpperCase(java.util.Locale.ROOT);
    try {
      if (c.length() == 3) {
        return Currency.getInstance(c).getCurrencyCode();
      }
    } catch (IllegalArgumentException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException("currency must be an ISO 4217 code such as EUR, USD or"
        + " CHF, was '" + code + "'");
  }
}
