package dev.printernizer.driver.prusa.internal;

import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.PrintFile;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * PrusaSlicer's metadata values, as both PrusaLink's {@code file.meta} and a {@code .bgcode}'s
 * metadata blocks carry them: one value per extruder, numbers comma separated
 * ({@code filament used [g]}, {@code filament used [mm]}), names and colours semicolon separated
 * ({@code filament_type}, {@code extruder_colour}). Values that make no sense are left out.
 */
final class SlicerMeta {
  private SlicerMeta() {}

  /**
   * @param grams {@code filament used [g]}, or null
   * @param millimetres {@code filament used [mm]}, or null
   * @param types {@code filament_type}, or null
   * @param colours {@code extruder_colour}, or null
   * @return the filament per extruder, as many as the longest list (at most
   *     {@value PrintFile#MAX_FILAMENTS})
   */
  static List<FilamentUse> filaments(@Nullable String grams, @Nullable String millimetres,
      @Nullable String types, @Nullable String colours) {
    List<@Nullable Double> g = numbers(grams);
    List<@Nullable Double> mm = numbers(millimetres);
    List<@Nullable String> t = names(types);
    List<@Nullable String> c = names(colours);
    int slots = Math.min(PrintFile.MAX_FILAMENTS, Math.max(g.size(), Math.max(mm.size(),
        t.size())));
    List<FilamentUse> out = new ArrayList<>();
    for (int i = 0; i < slots; i++) {
      Double m = at(mm, i);
      String colour = at(c, i);
      try {
        out.add(new FilamentUse(i, at(t, i),
            colour != null && colour.matches("#[0-9A-Fa-f]{6}") ? colour : null, at(g, i),
            m == null ? null : m / 1000.0));
      } catch (IllegalArgumentException e) {
        // a slot with values that make no sense says nothing
      }
    }
    return out;
  }

  /**
   * @param s a number, or numbers separated by commas
   * @return the numbers; unreadable ones are null
   */
  static List<@Nullable Double> numbers(@Nullable String s) {
    List<@Nullable Double> out = new ArrayList<>();
    if (s == null) {
      return out;
    }
    for (String part : s.split(",", -1)) {
      out.add(number(part));
    }
    return out;
  }

  /**
   * @param s a number as text, or null
   * @return the finite number, or null
   */
  static @Nullable Double number(@Nullable String s) {
    if (s == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(s.strip());
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static List<@Nullable String> names(@Nullable String s) {
    List<@Nullable String> out = new ArrayList<>();
    if (s == null) {
      return out;
    }
    for (String part : s.split(Pattern.quote(";"), -1)) {
      String p = part.strip();
      out.add(p.isEmpty() || p.length() > FilamentUse.MAX_MATERIAL ? null : p);
    }
    return out;
  }

  private static <T> @Nullable T at(List<@Nullable T> values, int i) {
    return i < values.size() ? values.get(i) : null;
  }
}
