package dev.printernizer.internal.util;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parsing of setting values with errors that name the key and the allowed range. */
public final class Values {
  private Values() {}

  /**
   * Parses a boolean: true/false, yes/no, on/off, 1/0 (any case).
   *
   * @param key the setting key, for the error
   * @param raw the text
   * @return the value
   */
  public static boolean parseBoolean(String key, String raw) {
    switch (raw.trim().toLowerCase(Locale.ROOT)) {
      case "true": case "yes": case "on": case "1":
        return true;
      case "false": case "no": case "off": case "0":
        return false;
      default:
        throw new IllegalArgumentException(
            "setting " + key + ": '" + raw + "' is not a boolean (use true or false)");
    }
  }

  /**
   * Parses a duration: plain seconds ("90"), a number with unit ("500ms", "90s", "2m", "1h",
   * "7d"), or ISO-8601 ("PT2M", "P7D").
   *
   * @param key the setting key, for the error
   * @param raw the text
   * @param min smallest allowed
   * @param max largest allowed
   * @return the value
   */
  public static Duration parseDuration(String key, String raw, Duration min, Duration max) {
    String s = raw.trim().toLowerCase(Locale.ROOT);
    Duration d;
    try {
      if (s.startsWith("pt") || s.startsWith("p")) {
        d = Duration.parse(s.toUpperCase(Locale.ROOT));
      } else if (s.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
      } else if (s.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1).trim()));
      } else if (s.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1).trim()));
      } else if (s.endsWith("h")) {
        d = Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1).trim()));
      } else if (s.endsWith("d")) {
        d = Duration.ofDays(Long.parseLong(s.substring(0, s.length() - 1).trim()));
      } else {
        d = Duration.ofSeconds(Long.parseLong(s));
      }
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException("setting " + key + ": '" + raw
          + "' is not a duration (use seconds like 120, or 500ms, 90s, 2m, 1h, 7d, PT2M)", e);
    }
    return checkRange(key, d, min, max);
  }

  /**
   * Checks a duration against its range.
   *
   * @param key the setting key
   * @param d the value
   * @param min smallest allowed
   * @param max largest allowed
   * @return d
   */
  public static Duration checkRange(String key, Duration d, Duration min, Duration max) {
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new IllegalArgumentException("setting " + key + ": " + human(d)
          + " is out of range; allowed " + human(min) + " to " + human(max));
    }
    return d;
  }

  /**
   * @param d a duration
   * @return e.g. "2m", "90s", "500ms"
   */
  public static String human(Duration d) {
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + "ms";
    }
    long s = d.toSeconds();
    if (s != 0 && s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s != 0 && s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s != 0 && s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
