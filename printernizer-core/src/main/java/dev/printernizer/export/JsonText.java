package dev.printernizer.export;

import dev.printernizer.api.FilamentUse;
import dev.printernizer.internal.util.Json;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Writes JSON values for the JSON Lines export. */
final class JsonText {
  private JsonText() {}

  static void value(StringBuilder b, @Nullable Object v) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof BigDecimal) {
      b.append(((BigDecimal) v).toPlainString());
    } else if (v instanceof Double && !Double.isFinite((Double) v)) {
      b.append("null"); // JSON has no NaN or infinity
    } else if (v instanceof Number || v instanceof Boolean) {
      b.append(v);
    } else {
      string(b, v.toString());
    }
  }

  static void filaments(StringBuilder b, List<FilamentUse> filaments) {
    b.append('[');
    for (int i = 0; i < filaments.size(); i++) {
      FilamentUse f = filaments.get(i);
      if (i > 0) {
        b.append(',');
      }
      b.append("{\"slot\":").append(f.slot()).append(",\"material\":");
      value(b, f.material());
      b.append(",\"color\":");
      value(b, f.color());
      b.append(",\"grams\":");
      value(b, f.grams());
      b.append(",\"meters\":");
      value(b, f.meters());
      b.append('}');
    }
    b.append(']');
  }

  static void string(StringBuilder b, String s) {
    Json.quote(b, s);
  }
}
