package dev.printernizer.internal.util;

import java.util.Iterator;
import java.util.Map;

/** A minimal JSON writer for flat maps of strings, numbers, booleans and nulls. */
public final class Json {
  private Json() {}

  /**
   * Writes a flat map as a JSON object.
   *
   * @param map the values
   * @return JSON text
   */
  public static String write(Map<String, ?> map) {
    StringBuilder sb = new StringBuilder("{");
    Iterator<? extends Map.Entry<String, ?>> it = map.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, ?> e = it.next();
      quote(sb, e.getKey());
      sb.append(':');
      Object v = e.getValue();
      if (v == null) {
        sb.append("null");
      } else if (v instanceof Boolean || v instanceof Number) {
        sb.append(v);
      } else {
        quote(sb, v.toString());
      }
      if (it.hasNext()) {
        sb.append(',');
      }
    }
    return sb.append('}').toString();
  }

  /**
   * Appends a JSON string literal.
   *
   * @param sb where to append
   * @param s the text
   */
  public static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': sb.append("\\\""); break;
        case '\\': sb.append("\\\\"); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }
}
