package dev.printernizer.jdbc.internal;

import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.PrintFile;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The print file description in the jobs table (schema version 3): scalar columns, and the
 * filament list as text, one slot per line: {@code slot|material|colour|grams|metres}, empty
 * for unknown, with {@code \} escaping {@code |}, {@code \} and line breaks in the material.
 */
public final class PrintFileColumns {
  /** The columns, in the order {@link #bind} writes and {@link #read} reads them. */
  public static final String COLUMNS = "file_known, file_estimated_ms, file_slicer,"
      + " file_layer_height, file_plate, file_grams, file_filaments";
  /** How many columns {@link #COLUMNS} names. */
  public static final int COUNT = 7;
  /** The assignments of an UPDATE that sets every column. */
  public static final String ASSIGNMENTS = "file_known = ?, file_estimated_ms = ?,"
      + " file_slicer = ?, file_layer_height = ?, file_plate = ?, file_grams = ?,"
      + " file_filaments = ?";

  private PrintFileColumns() {}

  /**
   * Binds the columns, from {@code i} on.
   *
   * @param ps the statement
   * @param i the first parameter index
   * @param f the description, or null for none
   * @return the next parameter index
   * @throws SQLException on failure
   */
  public static int bind(PreparedStatement ps, int i, @Nullable PrintFile f) throws SQLException {
    if (f == null) {
      for (int k = 0; k < COUNT; k++) {
        ps.setNull(i + k, k == 0 ? Types.BOOLEAN : type(k));
      }
      return i + COUNT;
    }
    ps.setBoolean(i, true);
    JobParams.setLong(ps, i + 1, f.estimatedTime().map(Duration::toMillis).orElse(null));
    JobParams.setString(ps, i + 2, f.slicer().orElse(null));
    JobParams.setDouble(ps, i + 3, f.layerHeightMm().orElse(null));
    Integer plate = f.plate().orElse(null);
    if (plate == null) {
      ps.setNull(i + 4, Types.INTEGER);
    } else {
      ps.setInt(i + 4, plate);
    }
    JobParams.setDouble(ps, i + 5, f.totalGrams().orElse(null));
    JobParams.setString(ps, i + 6, f.filaments().isEmpty() ? null : encode(f.filaments()));
    return i + COUNT;
  }

  private static int type(int k) {
    switch (k) {
      case 1:
        return Types.BIGINT;
      case 3:
      case 5:
        return Types.DOUBLE;
      case 4:
        return Types.INTEGER;
      default:
        return Types.VARCHAR;
    }
  }

  /**
   * Reads the columns, from {@code i} on.
   *
   * @param rs a row
   * @param i the index of the first column
   * @return the description, or null for none
   * @throws SQLException on failure
   */
  public static @Nullable PrintFile read(ResultSet rs, int i) throws SQLException {
    boolean known = rs.getBoolean(i);
    if (rs.wasNull() || !known) {
      return null;
    }
    long ms = rs.getLong(i + 1);
    Duration estimated = rs.wasNull() ? null : Duration.ofMillis(ms);
    double layer = rs.getDouble(i + 3);
    Double layerHeight = rs.wasNull() ? null : layer;
    int p = rs.getInt(i + 4);
    Integer plate = rs.wasNull() ? null : p;
    String filaments = rs.getString(i + 6);
    return PrintFile.builder().estimatedTime(estimated).slicer(rs.getString(i + 2))
        .layerHeightMm(layerHeight).plate(plate)
        .filaments(filaments == null ? List.of() : decode(filaments)).build();
  }

  /**
   * @param filaments the filament list
   * @return its text form
   */
  static String encode(List<FilamentUse> filaments) {
    StringBuilder b = new StringBuilder();
    for (FilamentUse f : filaments) {
      if (b.length() > 0) {
        b.append('\n');
      }
      b.append(f.slot()).append('|').append(escape(f.material())).append('|')
          .append(f.color() == null ? "" : f.color()).append('|').append(number(f.grams()))
          .append('|').append(number(f.meters()));
    }
    return b.toString();
  }

  /**
   * @param text the text form
   * @return the filament list
   * @throws IllegalArgumentException when the text is damaged
   */
  static List<FilamentUse> decode(String text) {
    List<FilamentUse> out = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      List<String> f = split(line, '|');
      if (f.size() != 5) {
        throw new IllegalArgumentException("damaged filament line: '" + line + "'");
      }
      out.add(new FilamentUse(Integer.parseInt(f.get(0)), f.get(1).isEmpty() ? null : f.get(1),
          f.get(2).isEmpty() ? null : f.get(2), f.get(3).isEmpty() ? null
          : Double.valueOf(f.get(3)), f.get(4).isEmpty() ? null : Double.valueOf(f.get(4))));
    }
    return out;
  }

  /**
   * Splits escaped text at a separator: {@code \} takes the next character as it is
   * ({@code \n} and {@code \r} are line breaks).
   *
   * @param line the text
   * @param separator the separator
   * @return the fields, unescaped
   */
  static List<String> split(String line, char separator) {
    if (line.indexOf('\\') < 0) { // nothing escaped (the usual case): no copying char by char
      List<String> out = new ArrayList<>(6);
      int from = 0;
      for (int k = line.indexOf(separator); k >= 0; k = line.indexOf(separator, from)) {
        out.add(line.substring(from, k));
        from = k + 1;
      }
      out.add(line.substring(from));
      return out;
    }
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int k = 0; k < line.length(); k++) {
      char c = line.charAt(k);
      if (c == '\\' && k + 1 < line.length()) {
        char n = line.charAt(++k);
        cur.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
      } else if (c == separator) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  private static String escape(@Nullable String s) {
    if (s == null) {
      return "";
    }
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "\\n").replace("\r", "\\r");
  }

  private static String number(@Nullable Double d) {
    return d == null ? "" : String.format(Locale.ROOT, "%s", d);
  }
}
