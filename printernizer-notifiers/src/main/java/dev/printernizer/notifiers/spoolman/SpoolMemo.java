package dev.printernizer.notifiers.spoolman;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a Spoolman delivery remembers per slot, kept in the outbox before every request:
 * {@code slot0=spool12:sent@340.5@1764770531000} (a use was sent when spool 12 had 340.5 g
 * used, at that epoch millisecond; its outcome is unknown until the spool is read), {@code slot0=spool12:done} (Spoolman confirmed it),
 * {@code slot3=unmapped} (no spool for slot 3). Text form: entries joined by {@code ;}.
 */
final class SpoolMemo {
  private final Map<Integer, String> states = new LinkedHashMap<>();

  static SpoolMemo parse(@Nullable String text) {
    SpoolMemo m = new SpoolMemo();
    if (text != null) {
      for (String part : text.split(";", -1)) {
        int eq = part.indexOf('=');
        if (part.startsWith("slot") && eq > 4) {
          try {
            m.states.put(Integer.parseInt(part.substring(4, eq)), part.substring(eq + 1));
          } catch (NumberFormatException e) {
            // not ours: ignored
          }
        }
      }
    }
    return m;
  }

  boolean isDone(int slot, int spool) {
    return ("spool" + spool + ":done").equals(states.get(slot));
  }

  /** An unconfirmed use: the spool's used weight before it, and when it was sent. */
  record Sent(double usedBefore, long atMillis) {}

  /** @return the unconfirmed use from this slot, or null */
  @Nullable Sent sent(int slot, int spool) {
    String s = states.get(slot);
    String prefix = "spool" + spool + ":sent@";
    if (s == null || !s.startsWith(prefix)) {
      return null;
    }
    String[] parts = s.substring(prefix.length()).split("@", -1);
    try {
      return new Sent(Double.parseDouble(parts[0]), parts.length > 1 ? Long.parseLong(parts[1])
          : 0);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  void sent(int slot, int spool, double usedBefore, long atMillis) {
    states.put(slot, "spool" + spool + ":sent@" + usedBefore + "@" + atMillis);
  }

  void done(int slot, int spool) {
    states.put(slot, "spool" + spool + ":done");
  }

  void unmapped(int slot) {
    states.put(slot, "unmapped");
  }

  String text() {
    StringBuilder b = new StringBuilder();
    states.forEach((k, v) -> b.append(b.length() == 0 ? "" : ";").append("slot").append(k)
        .append('=').append(v));
    return b.toString();
  }
}
