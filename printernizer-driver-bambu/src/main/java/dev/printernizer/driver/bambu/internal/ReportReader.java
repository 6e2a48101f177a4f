package dev.printernizer.driver.bambu.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads report payloads for the driver: size, UTF-8 (with replacement), JSON, shape, and the
 * types of the fields job tracking keeps. Whatever it skips goes to a {@link Sink} under one of
 * a few stable kinds (the engine logs each kind once per connection). Stateless.
 */
final class ReportReader {
  /** The kinds of bad input, the engine's log-once keys. */
  static final String TOO_LARGE = "report too large";
  static final String INVALID_JSON = "invalid JSON";
  static final String NOT_OBJECT = "not a JSON object";
  static final String WRONG_TYPE = "wrong type";
  static final String TOO_LONG = "value too long";
  /** Longest text value kept (file names and ids are far shorter). */
  static final int MAX_TEXT = 1024;
  /** Fields whose values are numbers (or numbers written as strings). */
  private static final Set<String> NUMERIC = Set.of("print_error", "mc_percent",
      "mc_remaining_time", "layer_num", "total_layer_num", "gcode_start_time");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Receives skipped input. */
  @FunctionalInterface
  interface Sink {
    /**
     * @param kind a stable kind
     * @param detail what was wrong
     */
    void badInput(String kind, @Nullable String detail);
  }

  private ReportReader() {}

  /**
   * @param payload the bytes of one report
   * @param max the largest payload read
   * @param sink receives what was skipped
   * @return the report's root object, or null if it was skipped
   */
  static @Nullable ObjectNode parse(byte[] payload, int max, Sink sink) {
    if (payload.length > max) {
      sink.badInput(TOO_LARGE, "a report of " + payload.length + " bytes, more than " + max);
      return null;
    }
    JsonNode root;
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(payload)).toString();
      root = JSON.readTree(text);
    } catch (Exception e) {
      sink.badInput(INVALID_JSON, "an unreadable report (" + e.getClass().getSimpleName() + ")");
      return null;
    }
    if (root == null || !root.isObject()) {
      sink.badInput(NOT_OBJECT, "a report that is " + (root == null ? "empty"
          : "a JSON " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
      return null;
    }
    return (ObjectNode) root;
  }

  /**
   * @param root a report
   * @param sink receives a {@code print} section that is not an object
   * @return its {@code print} section, or null if it has none (info, system, acks) or a bad one
   */
  static @Nullable ObjectNode printSection(ObjectNode root, Sink sink) {
    JsonNode print = root.get("print");
    if (print == null || print.isNull()) {
      return null;
    }
    if (!print.isObject()) {
      sink.badInput(WRONG_TYPE, "'print' is a " + type(print) + ", not an object");
      return null;
    }
    return (ObjectNode) print;
  }

  /**
   * Merges a report into the kept state: only the fields job tracking reads (a full report is
   * about 5 KiB of JSON, and the driver keeps one state per printer for as long as it runs). A
   * field of the wrong type or with an over-long text is skipped (the old value stays).
   *
   * @param into the kept state
   * @param report a {@code print} section
   * @param sink receives skipped fields
   */
  static void keep(ObjectNode into, ObjectNode report, Sink sink) {
    for (String f : ReportMapper.FIELDS) {
      JsonNode v = report.get(f);
      if (v == null) {
        continue;
      }
      String wrong = wrongType(f, v);
      if (wrong != null) {
        sink.badInput(WRONG_TYPE, "field '" + f + "' is " + wrong);
      } else if (v.isTextual() && v.textValue().length() > MAX_TEXT) {
        sink.badInput(TOO_LONG, "field '" + f + "' has " + v.textValue().length()
            + " characters, more than " + MAX_TEXT);
      } else {
        into.set(f, v);
      }
    }
  }

  private static @Nullable String wrongType(String field, JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    if (v.isContainerNode()) {
      return "a " + type(v);
    }
    if (field.equals("gcode_state") && !v.isTextual()) {
      return "a " + type(v) + ", not a state name";
    }
    if (NUMERIC.contains(field) && v.isTextual() && !v.textValue().isBlank()) {
      try {
        Double.parseDouble(v.textValue().trim());
      } catch (NumberFormatException e) {
        return "a text that is not a number";
      }
    } else if (NUMERIC.contains(field) && !v.isNumber() && !v.isTextual()) {
      return "a " + type(v) + ", not a number";
    }
    return null;
  }

  private static String type(JsonNode v) {
    return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
