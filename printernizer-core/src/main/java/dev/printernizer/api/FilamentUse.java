package dev.printernizer.api;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The filament one extruder, tool or AMS slot uses for a print, as the slicer planned it.
 *
 * @param slot the extruder, tool or AMS slot, from 0 (Bambu: the AMS tray index as the slicer
 *     numbers filaments, from 0)
 * @param material the material type as the slicer names it (PLA, PETG, ...), or null
 * @param color the colour as {@code #RRGGBB}, or null
 * @param grams planned weight in grams, or null
 * @param meters planned length in metres, or null
 * @since 0.3
 */
public record FilamentUse(int slot, @Nullable String material, @Nullable String color,
    @Nullable Double grams, @Nullable Double meters) {
  /** The longest material name kept. */
  public static final int MAX_MATERIAL = 64;

  /**
   * Validates the values.
   *
   * @param slot the slot, 0 to 63
   * @param material the material type (at most {@value #MAX_MATERIAL} characters), or null
   * @param color {@code #RRGGBB} (case is normalised to upper case), or null
   * @param grams not negative and finite, or null
   * @param meters not negative and finite, or null
   * @throws IllegalArgumentException for a bad value, naming the field
   */
  public FilamentUse {
    if (slot < 0 || slot > 63) {
      throw new IllegalArgumentException("filament slot must be 0-63, was " + slot);
    }
    if (material != null) {
      material = material.strip();
      if (material.isEmpty() || material.length() > MAX_MATERIAL) {
        throw new IllegalArgumentException("filament material must be 1-" + MAX_MATERIAL
            + " characters");
      }
    }
    if (color != null) {
      if (!color.matches("#[0-9A-Fa-f]{6}")) {
        throw new IllegalArgumentException("filament colour must be #RRGGBB, was '" + color + "'");
      }
      color = color.toUpperCase(Locale.ROOT);
    }
    requireAmount("grams", grams);
    requireAmount("meters", meters);
  }

  private static void requireAmount(String field, @Nullable Double v) {
    if (v != null && (!Double.isFinite(v) || v < 0)) {
      throw new IllegalArgumentException("filament " + field + " must be finite and not negative,"
          + " was " + v);
    }
  }
}
