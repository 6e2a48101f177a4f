package dev.printernizer.spring.boot.autoconfigure;

import dev.printernizer.accounting.CostSettings;
import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Secret;
import dev.printernizer.spring.boot.PrinterProperties;
import dev.printernizer.spring.boot.PrinternizerProperties;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns the bound {@link PrinternizerProperties} into the engine's objects. Every problem is an
 * {@link IllegalArgumentException} that names the Spring property ({@code printernizer.printers[1].type}),
 * so the application fails to start with a message that says what to fix.
 */
final class PrinternizerConfigs {
  private PrinternizerConfigs() {
  }

  static List<PrinterConfig> printers(PrinternizerProperties props) {
    List<PrinterConfig> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<PrinterProperties> list = props.getPrinters();
    for (int i = 0; i < list.size(); i++) {
      String key = "printernizer.printers[" + i + "]";
      PrinterConfig c = printer(list.get(i), key);
      if (!ids.add(c.id().value())) {
        throw new IllegalArgumentException(key + ".id: '" + c.id().value()
            + "' is used by an earlier printer; ids must be unique");
      }
      out.add(c);
    }
    return out;
  }

  private static PrinterConfig printer(PrinterProperties p, String key) {
    String id = p.getId();
    String type = p.getType();
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException(key + ".id: is required");
    }
    if (type == null || type.isBlank()) {
      throw new IllegalArgumentException(key + ".type: is required (prusa or bambu, or the type"
          + " of another driver on the class path)");
    }
    PrinterConfig.Builder b;
    try {
      b = PrinterConfig.builder(PrinterId.of(id), type);
    } catch (IllegalArgumentException e) {
      String why = String.valueOf(e.getMessage());
      throw new IllegalArgumentException(key + (why.contains("type") ? ".type: " : ".id: ") + why,
          e);
    }
    try {
      if (p.getName() != null) {
        b.name(p.getName());
      }
      if (p.getHost() != null) {
        b.host(p.getHost());
      }
      b.port(p.getPort());
      if (p.getSerial() != null) {
        b.serial(p.getSerial());
      }
      if (p.getUsername() != null) {
        b.username(p.getUsername());
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
    if (p.getPowerWatts() != null) {
      try {
        b.powerWatts(p.getPowerWatts());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(key + ".power-watts: " + e.getMessage(), e);
      }
    }
    credential(p, key, b);
    for (Map.Entry<String, String> o : p.getOptions().entrySet()) {
      b.option(o.getKey().replace('-', '_'), o.getValue());
    }
    return b.build();
  }

  private static void credential(PrinterProperties p, String key,
      PrinterConfig.Builder b) {
    Map<String, @Nullable String> secrets = new LinkedHashMap<>();
    secrets.put("access-code", p.getAccessCode());
    secrets.put("password", p.getPassword());
    secrets.put("api-key", p.getApiKey());
    String chosen = null;
    for (Map.Entry<String, @Nullable String> e : secrets.entrySet()) {
      String v = e.getValue();
      if (v == null) {
        continue;
      }
      if (v.isEmpty()) {
        throw new IllegalArgumentException(key + "." + e.getKey()
            + ": is empty (is the property it refers to set?)");
      }
      if (chosen != null) {
        throw new IllegalArgumentException(key + ": give one of access-code, password and"
            + " api-key, not " + chosen + " and " + e.getKey());
      }
      chosen = e.getKey();
      b.credential(Secret.of(v));
      if (e.getKey().equals("api-key")) {
        b.option("auth", "apikey");
      }
    }
  }

  static AutoJobSettings settings(PrinternizerProperties props) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> property = new LinkedHashMap<>();
    PrinternizerProperties.JobCreation jc = props.getJobCreation();
    put(values, property, AutoJobSettings.AUTO_CREATE, "printernizer.job-creation.auto-create",
        jc.getAutoCreate());
    put(values, property, AutoJobSettings.DEDUP_WINDOW, "printernizer.job-creation.dedup-window",
        duration(jc.getDedupWindow()));
    put(values, property, AutoJobSettings.SKIP_SYSTEM_JOBS,
        "printernizer.job-creation.skip-system-jobs", jc.getSkipSystemJobs());
    put(values, property, AutoJobSettings.BACKFILL, "printernizer.job-creation.backfill",
        duration(jc.getBackfill()));
    put(values, property, AutoJobSettings.MONITORING_INTERVAL,
        "printernizer.monitoring-interval", duration(props.getMonitoringInterval()));
    put(values, property, AutoJobSettings.PROGRESS_WRITE_INTERVAL,
        "printernizer.progress-write-interval", duration(props.getProgressWriteInterval()));
    List<PrinterProperties> list = props.getPrinters();
    for (int i = 0; i < list.size(); i++) {
      PrinterProperties p = list.get(i);
      if (p.getAutoCreate() != null && p.getId() != null) {
        put(values, property, "printer." + p.getId() + "." + AutoJobSettings.AUTO_CREATE,
            "printernizer.printers[" + i + "].auto-create", p.getAutoCreate());
      }
    }
    try {
      return new AutoJobSettings().apply(values);
    } catch (IllegalArgumentException e) {
      throw named(e, property);
    }
  }

  static CostSettings costs(PrinternizerProperties props) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> property = new LinkedHashMap<>();
    PrinternizerProperties.Costs c = props.getCosts();
    put(values, property, CostSettings.CURRENCY, "printernizer.costs.currency", c.getCurrency());
    put(values, property, CostSettings.FILAMENT_PRICE, "printernizer.costs.filament-price-per-kg",
        plain(c.getFilamentPricePerKg()));
    put(values, property, CostSettings.ENERGY_PRICE, "printernizer.costs.energy-price-per-kwh",
        plain(c.getEnergyPricePerKwh()));
    put(values, property, CostSettings.WEAR_PER_HOUR, "printernizer.costs.wear-per-hour",
        plain(c.getWearPerHour()));
    try {
      return new CostSettings().apply(values);
    } catch (IllegalArgumentException e) {
      throw named(e, property);
    }
  }

  private static void put(Map<String, String> values, Map<String, String> property, String key,
      String name, @Nullable Object value) {
    if (value != null) {
      values.put(key, value.toString());
      property.put(key, name);
    }
  }

  private static @Nullable String duration(@Nullable Duration d) {
    return d == null ? null : d.toMillis() + "ms";
  }

  private static @Nullable String plain(@Nullable BigDecimal v) {
    return v == null ? null : v.toPlainString();
  }

  /**
   * The engine names a printer by id ("printer x1c: ..."); say which property entry that is.
   *
   * @return an exception naming {@code printernizer.printers[i]}, or {@code e} itself
   */
  static RuntimeException named(RuntimeException e, List<PrinterConfig> printers) {
    String why = String.valueOf(e.getMessage());
    for (int i = 0; i < printers.size(); i++) {
      String id = printers.get(i).id().value();
      if (why.startsWith("printer " + id + ":")) {
        return new IllegalArgumentException("printernizer.printers[" + i + "] (" + id + "): "
            + why.substring(("printer " + id + ":").length()).strip(), e);
      }
    }
    return e;
  }

  /** The engine's message names its own key; say which Spring property that is. */
  private static IllegalArgumentException named(IllegalArgumentException e,
      Map<String, String> property) {
    String why = String.valueOf(e.getMessage());
    for (Map.Entry<String, String> p : property.entrySet()) {
      if (why.contains(p.getKey())) {
        return new IllegalArgumentException(p.getValue() + ": " + why, e);
      }
    }
    return new IllegalArgumentException("printernizer settings: " + why, e);
  }
}
