package dev.printernizer.driver.prusa.internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/** Lenient reads of PrusaLink JSON: numbers as numbers or strings, null and missing as null. */
final class Json {
  private Json() {}

  /** @return the field as text, or null when missing, null or not a value */
  static @Nullable String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
  }

  /** @return the field as a whole number (from a number or a numeric string), else null */
  static @Nullable Long longOrNull(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber()) {
      return v.asLong();
    }
    if (v.isTextual()) {
      try {
        return Long.parseLong(v.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** @return the field as a finite number (from a number or a numeric string), else null */
  static @Nullable Double doubleOrNull(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber()) {
      double d = v.asDouble();
      return Double.isFinite(d) ? d : null;
    }
    if (v.isTextual()) {
      try {
        double d = Double.parseDouble(v.asText().trim());
        return Double.isFinite(d) ? d : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
