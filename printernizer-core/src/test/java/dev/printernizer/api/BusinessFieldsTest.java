package dev.printernizer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** A material cost is what every store keeps exactly, or refused with a clear message. */
class BusinessFieldsTest {
  private static BusinessFields cost(String v) {
    return new BusinessFields(null, true, new BigDecimal(v), null);
  }

  @Test
  void keepsCostsUpTo15DigitsAndFourPlaces() {
    assertEquals(new BigDecimal("999999999999999.9999"),
        cost("999999999999999.9999").materialCost());
    assertEquals(new BigDecimal("12.5"), cost("12.5000").materialCost(), "trailing zeros go");
    assertEquals(new BigDecimal("1000"), cost("1E+3").materialCost());
  }

  @Test
  void refusesWhatAStoreWouldRoundOrFailOn() {
    for (String v : new String[] {"1E+30", "1000000000000000", "1E-30", "0.00001",
        "12.34567"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cost(v),
          v);
      assertTrue(e.getMessage().contains("materialCost"), e.getMessage());
    }
  }
}
