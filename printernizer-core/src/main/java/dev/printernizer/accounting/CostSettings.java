package dev.printernizer.accounting;

import dev.printernizer.api.CostRates;
import dev.printernizer.api.PrinterId;
import dev.printernizer.internal.util.Keys;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The prices jobs are charged with, as live settings. Changing them applies to jobs that close
 * afterwards; a job's recorded cost keeps the rates it was computed with until it is recomputed
 * explicitly.
 *
 * <table>
 *   <caption>Keys (environment variable: upper case, '.' and '-' as '_')</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code cost_currency}</td><td>EUR</td><td>ISO 4217 code of every amount</td></tr>
 *   <tr><td>{@code cost_filament_price_per_kg}</td><td>none</td>
 *       <td>filament price per kg for every material without its own</td></tr>
 *   <tr><td>{@code cost_filament_price_per_kg.<MATERIAL>}</td><td>none</td>
 *       <td>price per kg of one material type, e.g. {@code cost_filament_price_per_kg.PETG}</td></tr>
 *   <tr><td>{@code printer.<id>.cost_filament_price_per_kg.<slot>}</td><td>none</td>
 *       <td>price per kg of what one printer's slot (extruder or AMS slot, from 0) holds; wins
 *       over the material price</td></tr>
 *   <tr><td>{@code cost_energy_price_per_kwh}</td><td>none</td><td>electricity price per kWh;
 *       with the printer's {@link dev.printernizer.api.PrinterConfig#powerWatts() power}</td></tr>
 *   <tr><td>{@code cost_wear_per_hour}</td><td>none</td>
 *       <td>wear and maintenance per printing hour</td></tr>
 * </table>
 *
 * <p>Prices are decimals, 0 or more, at most 6 decimals ({@code 24.99}; a decimal comma as in
 * {@code 24,99} is accepted too). An empty value or {@code none} removes a price. Without any
 * price a job gets no cost.
 *
 * <p>Thread-safe: reads see a consistent snapshot; {@link #apply(Map)} validates every value
 * before it changes anything.
 *
 * @since 0.3
 */
public final class CostSettings {
  /** ISO 4217 currency. */
  public static final String CURRENCY = "cost_currency";
  /** Default filament price per kg; with {@code .<MATERIAL>} one material's. */
  public static final String FILAMENT_PRICE = "cost_filament_price_per_kg";
  /** Electricity price per kWh. */
  public static final String ENERGY_PRICE = "cost_energy_price_per_kwh";
  /** Wear per printing hour. */
  public static final String WEAR_PER_HOUR = "cost_wear_per_hour";
  /** The currency when none is set. */
  public static final String DEFAULT_CURRENCY = "EUR";
  private static final String PRINTER_PREFIX = "printer.";
  private static final BigDecimal MAX_PRICE = new BigDecimal("1000000000");
  private static final List<String> KNOWN = List.of(CURRENCY, FILAMENT_PRICE, ENERGY_PRICE,
      WEAR_PER_HOUR);

  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile State state = new State(DEFAULT_CURRENCY, null, Map.of(), Map.of(), null, null);

  /** Settings without prices, in EUR. */
  public CostSettings() {}

  /**
   * The rates a printer's jobs are charged with now.
   *
   * @param printer the printer
   * @param powerWatts its power draw while printing, or null when unknown
   * @return the rates
   * @since 0.3
   */
  public CostRates rates(PrinterId printer, @Nullable Double powerWatts) {
    State s = state;
    return new CostRates(s.currency, s.defaultPrice, s.byMaterial,
        s.bySlot.getOrDefault(printer, Map.of()), s.kwh, powerWatts, s.wear);
  }

  /**
   * @return the currency
   * @since 0.3
   */
  public String currency() {
    return state.currency;
  }

  /**
   * Every setting that is set, as keys and values {@link #apply(Map)} takes (for showing and
   * saving them).
   *
   * @return key to value, sorted by key
   * @since 0.3
   */
  public Map<String, String> values() {
    State s = state;
    Map<String, String> m = new TreeMap<>();
    m.put(CURRENCY, s.currency);
    if (s.defaultPrice != null) {
      m.put(FILAMENT_PRICE, s.defaultPrice.toPlainString());
    }
    s.byMaterial.forEach((k, v) -> m.put(FILAMENT_PRICE + "." + k, v.toPlainString()));
    s.bySlot.forEach((p, slots) -> slots.forEach((slot, v) -> m.put(PRINTER_PREFIX + p.value()
        + "." + FILAMENT_PRICE + "." + slot, v.toPlainString())));
    if (s.kwh != null) {
      m.put(ENERGY_PRICE, s.kwh.toPlainString());
    }
    if (s.wear != null) {
      m.put(WEAR_PER_HOUR, s.wear.toPlainString());
    }
    return m;
  }

  /**
   * Whether a key is one of these settings (so a host can route a mixed settings map).
   *
   * @param key a settings key
   * @return whether {@link #apply(Map)} takes it
   * @since 0.3
   */
  public static boolean isCostKey(String key) {
    String k = key.trim();
    return k.startsWith("cost_") || (k.startsWith(PRINTER_PREFIX)
        && k.contains("." + FILAMENT_PRICE + "."));
  }

  /**
   * Applies settings from a map (keys in the table above). Every value is validated first; if
   * one is invalid nothing changes. An unknown key is refused, naming the closest known one.
   *
   * @param values key to text
   * @return this
   * @throws IllegalArgumentException naming the key and what is allowed
   * @since 0.3
   */
  public CostSettings apply(Map<String, String> values) {
    if (values.isEmpty()) {
      return this;
    }
    synchronized (this) {
      State s = state;
      String currency = s.currency;
      BigDecimal defaultPrice = s.defaultPrice;
      Map<String, BigDecimal> byMaterial = new TreeMap<>(s.byMaterial);
      Map<PrinterId, Map<Integer, BigDecimal>> bySlot = new TreeMap<>(
          java.util.Comparator.comparing(PrinterId::value));
      s.bySlot.forEach((p, m) -> bySlot.put(p, new TreeMap<>(m)));
      BigDecimal kwh = s.kwh;
      BigDecimal wear = s.wear;
      for (Map.Entry<String, String> e : values.entrySet()) {
        String key = e.getKey().trim();
        String raw = Objects.requireNonNull(e.getValue(), key);
        if (key.equals(CURRENCY)) {
          currency = CostRates.none(raw).currency();
        } else if (key.equals(FILAMENT_PRICE)) {
          defaultPrice = price(key, raw);
        } else if (key.startsWith(FILAMENT_PRICE + ".")) {
          String material = material(key, key.substring(FILAMENT_PRICE.length() + 1));
          put(byMaterial, material, price(key, raw));
        } else if (key.equals(ENERGY_PRICE)) {
          kwh = price(key, raw);
        } else if (key.equals(WEAR_PER_HOUR)) {
          wear = price(key, raw);
        } else if (key.startsWith(PRINTER_PREFIX) && key.contains("." + FILAMENT_PRICE + ".")) {
          int at = key.indexOf("." + FILAMENT_PRICE + ".");
          PrinterId printer = printer(key, key.substring(PRINTER_PREFIX.length(), at));
          int slot = slot(key, key.substring(at + FILAMENT_PRICE.length() + 2));
          Map<Integer, BigDecimal> slots = bySlot.computeIfAbsent(printer, p -> new TreeMap<>());
          put(slots, slot, price(key, raw));
          if (slots.isEmpty()) {
            bySlot.remove(printer);
          }
        } else {
          String near = Keys.closest(key, KNOWN);
          throw new IllegalArgumentException("unknown setting '" + key + "'"
              + (near == null ? "" : "; did you mean '" + near + "'?") + " Known cost settings: "
              + String.join(", ", KNOWN) + ", " + FILAMENT_PRICE + ".<MATERIAL> and "
              + PRINTER_PREFIX + "<id>." + FILAMENT_PRICE + ".<slot>");
        }
      }
      Map<PrinterId, Map<Integer, BigDecimal>> slotsCopy = new LinkedHashMap<>();
      bySlot.forEach((p, m) -> slotsCopy.put(p, Map.copyOf(m)));
      State next = new State(currency, defaultPrice, byMaterial, slotsCopy, kwh, wear);
      next.check();
      state = next;
    }
    fire();
    return this;
  }

  /**
   * Applies settings from properties (same keys as {@link #apply(Map)}).
   *
   * @param properties the properties
   * @return this
   * @since 0.3
   */
  public CostSettings apply(Properties properties) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      m.put(name, properties.getProperty(name));
    }
    return apply(m);
  }

  /**
   * Applies settings from environment variables: {@code COST_CURRENCY},
   * {@code COST_FILAMENT_PRICE_PER_KG}, {@code COST_FILAMENT_PRICE_PER_KG_PETG} (any material),
   * {@code COST_ENERGY_PRICE_PER_KWH}, {@code COST_WEAR_PER_HOUR} and, for the given printers,
   * {@code PRINTER_<ID>_COST_FILAMENT_PRICE_PER_KG_<slot>}.
   *
   * @param env the environment, usually {@code System.getenv()}
   * @param printers printers whose slot prices to read
   * @return this
   * @throws IllegalArgumentException naming the variable's setting and what is wrong
   * @since 0.3
   */
  public CostSettings applyEnvironment(Map<String, String> env, Iterable<PrinterId> printers) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String key : KNOWN) {
      String v = env.get(envName(key));
      if (v != null) {
        m.put(key, v);
      }
    }
    String materialPrefix = envName(FILAMENT_PRICE) + "_";
    List<String> slotPrefixes = new ArrayList<>();
    List<PrinterId> ids = new ArrayList<>();
    for (PrinterId p : printers) {
      ids.add(p);
      slotPrefixes.add(envName(PRINTER_PREFIX + p.value() + "." + FILAMENT_PRICE) + "_");
    }
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      String name = e.getKey();
      if (name.startsWith(materialPrefix) && name.length() > materialPrefix.length()) {
        m.put(FILAMENT_PRICE + "." + name.substring(materialPrefix.length()), e.getValue());
      }
      for (int i = 0; i < ids.size(); i++) {
        String pre = slotPrefixes.get(i);
        if (name.startsWith(pre) && name.length() > pre.length()) {
          m.put(PRINTER_PREFIX + ids.get(i).value() + "." + FILAMENT_PRICE + "."
              + name.substring(pre.length()), e.getValue());
        }
      }
    }
    try {
      return apply(m);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("environment: " + e.getMessage(), e);
    }
  }

  /**
   * Registers a listener called after every change.
   *
   * @param listener the listener; it must not block
   * @return a handle that removes the listener when closed
   * @since 0.3
   */
  public AutoCloseable addListener(Runnable listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  private void fire() {
    for (Runnable r : listeners) {
      try {
        r.run();
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(CostSettings.class).warn("settings listener failed", e);
      }
    }
  }

  private static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  private static <K> void put(Map<K, BigDecimal> m, K key, @Nullable BigDecimal v) {
    if (v == null) {
      m.remove(key);
    } else {
      m.put(key, v);
    }
  }

  /**
   * Parses a price: a decimal with a point or a single comma; empty or "none" for none.
   */
  static @Nullable BigDecimal price(String key, String raw) {
    String s = raw.trim();
    if (s.isEmpty() || s.equalsIgnoreCase("none")) {
      return null;
    }
    if (s.indexOf(',') >= 0 && s.indexOf('.') < 0 && s.indexOf(',') == s.lastIndexOf(',')) {
      s = s.replace(',', '.');
    }
    BigDecimal v;
    try {
      v = new BigDecimal(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("setting " + key + ": '" + raw
          + "' is not a price (use a decimal like 24.99, or none)", e);
    }
    if (v.signum() < 0 || v.compareTo(MAX_PRICE) > 0 || v.stripTrailingZeros().scale() > 6) {
      throw new IllegalArgumentException("setting " + key + ": " + v.toPlainString()
          + " is out of range; allowed 0 to " + MAX_PRICE.toPlainString()
          + " with at most 6 decimals");
    }
    return new CostRates(DEFAULT_CURRENCY, v, Map.of(), Map.of(), null, null, null)
        .defaultPricePerKg();
  }

  private static String material(String key, String raw) {
    try {
      return CostRates.material(raw);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("setting " + key + ": " + e.getMessage(), e);
    }
  }

  private static PrinterId printer(String key, String raw) {
    try {
      return PrinterId.of(raw);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("setting " + key + ": " + e.getMessage(), e);
    }
  }

  private static int slot(String key, String raw) {
    try {
      int slot = Integer.parseInt(raw.trim());
      if (slot >= 0 && slot <= 255) {
        return slot;
      }
    } catch (NumberFormatException e) {
      // the message below
    }
    throw new IllegalArgumentException("setting " + key + ": the slot must be a number 0-255, was '"
        + raw + "'");
  }

  @Override
  public String toString() {
    return "CostSettings" + values();
  }

  /** One consistent set of values. */
  private static final class State {
    final String currency;
    final @Nullable BigDecimal defaultPrice;
    final Map<String, BigDecimal> byMaterial;
    final Map<PrinterId, Map<Integer, BigDecimal>> bySlot;
    final @Nullable BigDecimal kwh;
    final @Nullable BigDecimal wear;

    State(String currency, @Nullable BigDecimal defaultPrice, Map<String, BigDecimal> byMaterial,
        Map<PrinterId, Map<Integer, BigDecimal>> bySlot, @Nullable BigDecimal kwh,
        @Nullable BigDecimal wear) {
      this.currency = currency;
      this.defaultPrice = defaultPrice;
      this.byMaterial = Map.copyOf(byMaterial);
      this.bySlot = Map.copyOf(bySlot);
      this.kwh = kwh;
      this.wear = wear;
    }

    /** Builds one rates value, which validates every amount together. */
    void check() {
      new CostRates(currency, defaultPrice, byMaterial, Map.of(), kwh, null, wear);
    }
  }
}
