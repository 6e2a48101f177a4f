package dev.printernizer.jdbc.internal;

import dev.printernizer.api.CostRates;
import dev.printernizer.api.JobCost;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A job's cost in the jobs table (schema version 4): the amounts and figures as columns, and the
 * rates and charges per slot as text in {@code cost_detail}, one {@code key=value} per line:
 * {@code default}, {@code kwh}, {@code watts}, {@code wear}, {@code material.<TYPE>},
 * {@code slot.<n>} for the rates, and {@code charge=slot|material|grams|price|amount} per slot
 * charged (empty for unknown; {@code \} escapes {@code |}, {@code \}, {@code =} and line breaks
 * in material names).
 */
public final class CostColumns {
  /** The columns, in the order {@link #bind} writes and {@link #read} reads them. */
  public static final String COLUMNS = "cost_currency, cost_total, cost_material, cost_energy,"
      + " cost_wear, cost_grams, cost_printing_ms, cost_kwh, cost_at, cost_detail";
  /** How many columns {@link #COLUMNS} names. */
  public static final int COUNT = 10;
  /** The assignments of an UPDATE that sets every column. */
  public static final String ASSIGNMENTS = "cost_currency = ?, cost_total = ?,"
      + " cost_material = ?, cost_energy = ?, cost_wear = ?, cost_grams = ?,"
      + " cost_printing_ms = ?, cost_kwh = ?, cost_at = ?, cost_detail = ?";
  private static final int[] TYPES = {Types.VARCHAR, Types.DECIMAL, Types.DECIMAL,
      Types.DECIMAL, Types.DECIMAL, Types.DOUBLE, Types.BIGINT, Types.DOUBLE, Types.BIGINT,
      Types.VARCHAR};

  private CostColumns() {}

  /**
   * Binds the columns, from {@code i} on.
   *
   * @param ps the statement
   * @param i the first parameter index
   * @param c the cost, or null for none
   * @return the next parameter index
   * @throws SQLException on failure
   */
  public static int bind(PreparedStatement ps, int i, @Nullable JobCost c) throws SQLException {
    if (c == null) {
      for (int k = 0; k < COUNT; k++) {
        ps.setNull(i + k, TYPES[k]);
      }
      return i + COUNT;
    }
    ps.setString(i, c.currency());
    ps.setBigDecimal(i + 1, c.total());
    decimal(ps, i + 2, c.material());
    decimal(ps, i + 3, c.energy());
    decimal(ps, i + 4, c.wear());
    ps.setDouble(i + 5, c.grams());
    JobParams.setLong(ps, i + 6, c.printingTime() == null ? null : c.printingTime().toMillis());
    JobParams.setDouble(ps, i + 7, c.energyKwh());
    ps.setLong(i + 8, c.computedAt().toEpochMilli());
    ps.setString(i + 9, encode(c));
    return i + COUNT;
  }

  private static void decimal(PreparedStatement ps, int i, @Nullable BigDecimal v)
      throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.DECIMAL);
    } else {
      ps.setBigDecimal(i, v);
    }
  }

  /**
   * Reads the columns, from {@code i} on.
   *
   * @param rs a row
   * @param i the index of the first column
   * @return the cost, or null for none
   * @throws SQLException on failure
   * @throws IllegalArgumentException when the stored detail is damaged
   */
  public static @Nullable JobCost read(ResultSet rs, int i) throws SQLException {
    String currency = rs.getString(i);
    if (currency == null) {
      return null;
    }
    long ms = rs.getLong(i + 6);
    Duration printing = rs.wasNull() ? null : Duration.ofMillis(ms);
    double k = rs.getDouble(i + 7);
    Double kwh = rs.wasNull() ? null : k;
    Instant at = Instant.ofEpochMilli(rs.getLong(i + 8));
    Detail d = decode(currency, rs.getString(i + 9));
    return new JobCost(currency, d.charges, rs.getBigDecimal(i + 2), printing, kwh,
        rs.getBigDecimal(i + 3), rs.getBigDecimal(i + 4), rs.getBigDecimal(i + 1), d.rates, at);
  }

  /** The rates and charges of a cost. */
  record Detail(CostRates rates, List<JobCost.MaterialCharge> charges) {}

  static String encode(JobCost c) {
    CostRates r = c.rates();
    StringBuilder b = new StringBuilder();
    line(b, "default", plain(r.defaultPricePerKg()));
    line(b, "kwh", plain(r.pricePerKwh()));
    line(b, "watts", r.powerWatts() == null ? "" : Double.toString(r.powerWatts()));
    line(b, "wear", plain(r.wearPerHour()));
    r.pricePerKgByMaterial().forEach((m, p) -> line(b, "material." + escape(m), plain(p)));
    r.pricePerKgBySlot().forEach((s, p) -> line(b, "slot." + s, plain(p)));
    for (JobCost.MaterialCharge m : c.materials()) {
      line(b, "charge", m.slot() + "|" + escape(m.material()) + "|" + m.grams() + "|"
          + plain(m.pricePerKg()) + "|" + plain(m.amount()));
    }
    return b.toString();
  }

  static Detail decode(String currency, @Nullable String text) {
    Map<String, String> scalars = new LinkedHashMap<>();
    Map<String, BigDecimal> byMaterial = new LinkedHashMap<>();
    Map<Integer, BigDecimal> bySlot = new LinkedHashMap<>();
    List<JobCost.MaterialCharge> charges = new ArrayList<>();
    if (text != null && !text.isEmpty()) {
      for (String line : text.split("\n", -1)) {
        int eq = separator(line, '=');
        if (eq < 0) {
          throw new IllegalArgumentException("damaged cost detail line: '" + line + "'");
        }
        String rawKey = line.substring(0, eq);
        String key = rawKey.indexOf('\\') < 0 ? rawKey
            : PrintFileColumns.split(rawKey, '\u0000').get(0); // unescapes
        String value = line.substring(eq + 1);
        if (key.startsWith("material.")) {
          byMaterial.put(key.substring("material.".length()), new BigDecimal(value));
        } else if (key.startsWith("slot.")) {
          bySlot.put(Integer.parseInt(key.substring("slot.".length())), new BigDecimal(value));
        } else if (key.equals("charge")) {
          List<String> f = PrintFileColumns.split(value, '|');
          if (f.size() != 5) {
            throw new IllegalArgumentException("damaged cost charge: '" + value + "'");
          }
          charges.add(new JobCost.MaterialCharge(Integer.parseInt(f.get(0)),
              f.get(1).isEmpty() ? null : f.get(1), Double.parseDouble(f.get(2)),
              decimal(f.get(3)), decimal(f.get(4))));
        } else {
          scalars.put(key, value);
        }
      }
    }
    String watts = scalars.getOrDefault("watts", "");
    CostRates rates = new CostRates(currency, decimal(scalars.getOrDefault("default", "")),
        byMaterial, bySlot, decimal(scalars.getOrDefault("kwh", "")),
        watts.isEmpty() ? null : Double.valueOf(watts),
        decimal(scalars.getOrDefault("wear", "")));
    return new Detail(rates, charges);
  }

  /** The index of the first unescaped separator, or -1. */
  private static int separator(String line, char separator) {
    for (int k = 0; k < line.length(); k++) {
      char c = line.charAt(k);
      if (c == '\\') {
        k++;
      } else if (c == separator) {
        return k;
      }
    }
    return -1;
  }

  private static @Nullable BigDecimal decimal(String s) {
    return s.isEmpty() ? null : new BigDecimal(s);
  }

  private static void line(StringBuilder b, String key, String value) {
    if (value.isEmpty() && !key.equals("charge")) {
      return;
    }
    if (b.length() > 0) {
      b.append('\n');
    }
    b.append(key).append('=').append(value);
  }

  private static String plain(@Nullable BigDecimal v) {
    return v == null ? "" : v.toPlainString();
  }

  private static String escape(@Nullable String s) {
    if (s == null) {
      return "";
    }
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("=", "\\=").replace("\n", "\\n")
        .replace("\r", "\\r");
  }
}
