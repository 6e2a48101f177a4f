package dev.printernizer.internal.util;

import java.util.Collection;
import java.util.Locale;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Suggests the known key a user probably meant. Pure functions. */
public final class Keys {
  private Keys() {}

  /**
   * The known key closest to a misspelt one (edit distance, ignoring case, '-', '.' and '_'), or
   * null when none is close.
   *
   * @param key the unknown key
   * @param known the known keys
   * @return the closest known key, or null
   */
  public static @Nullable String closest(String key, Collection<String> known) {
    String k = fold(key);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : new TreeSet<>(known)) {
      int d = distance(k, fold(candidate));
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    int allowed = Math.max(2, k.length() / 3);
    return best != null && bestDistance <= allowed ? best : null;
  }

  private static String fold(String s) {
    return s.toLowerCase(Locale.ROOT).replace('-', '_').replace('.', '_');
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
