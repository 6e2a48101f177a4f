package dev.printernizer.api;

import dev.printernizer.internal.util.Keys;
import dev.printernizer.internal.util.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The live settings of automatic job creation. Changes take effect at once, without a restart
 * (promise P9): the engine listens and re-evaluates every printer when a value changes.
 *
 * <table>
 * <caption>Settings, their keys and environment variables</caption>
 * <tr><th>key</th><th>environment</th><th>default</th><th>allowed</th></tr>
 * <tr><td>{@code job_creation_auto_create}</td><td>{@code JOB_CREATION_AUTO_CREATE}</td>
 *     <td>true</td><td>true/false</td></tr>
 * <tr><td>{@code printer.<id>.job_creation_auto_create}</td>
 *     <td>{@code
     PRINTER_<ID>_JOB_CREATION_AUTO_CREATE}</td><td>(global)</td><td>true/false</td></tr>
 * <tr><td>{@code job_creation_dedup_window}</td><td>{@code JOB_CREATION_DEDUP_WINDOW}</td>
 *     <td>2m</td><td>10s-1h</td></tr>
 * <tr><td>{@code job_creation_skip_system_jobs}</td><td>{@code JOB_CREATION_SKIP_SYSTEM_JOBS}</td>
 *     <td>true</td><td>true/false</td></tr>
 * <tr><td>{@code monitoring_interval}</td><td>{@code MONITORING_INTERVAL}</td><td>30s</td>
 *     <td>1s-1h</td></tr>
 * <tr><td>{@code job_progress_write_interval}</td><td>{@code JOB_PROGRESS_WRITE_INTERVAL}</td>
 *     <td>10s</td><td>0s-1h</td></tr>
 * <tr><td>{@code job_creation_backfill}</td><td>{@code JOB_CREATION_BACKFILL}</td>
 *     <td>0s (off)</td><td>0s-90d</td></tr>
 * </table>
 *
 * <p>The environment naming rule: the key in upper case, with every character that is not a
 * letter or digit replaced by {@code _}. Durations are written as seconds ({@code 120}), with a
 * unit ({@code 500ms}, {@code 90s}, {@code 2m}, {@code 1h}) or in ISO-8601 ({@code PT2M}).
 *
 * <p>Thread-safe. Listeners are called on the thread that made the change, after it is applied.
 *
 * @since 0.1
 */
public final class AutoJobSettings {
  /**
   * Key of the global switch.
   * @since 0.1
   */
  public static final String AUTO_CREATE = "job_creation_auto_create";
  /**
   * Key of the dedup window.
   * @since 0.1
   */
  public static final String DEDUP_WINDOW = "job_creation_dedup_window";
  /**
   * Key of the system-job switch.
   * @since 0.1
   */
  public static final String SKIP_SYSTEM_JOBS = "job_creation_skip_system_jobs";
  /**
   * Key of the monitoring (poll) interval.
   * @since 0.1
   */
  public static final String MONITORING_INTERVAL = "monitoring_interval";
  /**
   * Key of the progress write interval.
   * @since 0.1
   */
  public static final String PROGRESS_WRITE_INTERVAL = "job_progress_write_interval";
  /**
   * Key of the backfill horizon: how far back prints are imported from a printer's own history
   * (0: off).
   * @since 0.4
   */
  public static final String BACKFILL = "job_creation_backfill";

  /**
   * Default dedup window, as the original documents: 2 minutes.
   * @since 0.1
   */
  public static final Duration DEFAULT_DEDUP_WINDOW = Duration.ofMinutes(2);
  /**
   * Default monitoring interval: 30 seconds.
   * @since 0.1
   */
  public static final Duration DEFAULT_MONITORING_INTERVAL = Duration.ofSeconds(30);
  /**
   * Default progress write interval: 10 seconds.
   * @since 0.1
   */
  public static final Duration DEFAULT_PROGRESS_WRITE_INTERVAL = Duration.ofSeconds(10);

  private static final Duration MIN_WINDOW = Duration.ofSeconds(10);
  private static final Duration MAX_WINDOW = Duration.ofHours(1);
  private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  private static final Duration MAX_INTERVAL = Duration.ofHours(1);
  private static final String PRINTER_PREFIX = "printer.";
  private static final Duration MAX_BACKFILL = Duration.ofDays(90);

  private volatile boolean autoCreate = true;
  private volatile Duration dedupWindow = DEFAULT_DEDUP_WINDOW;
  private volatile boolean skipSystemJobs = true;
  private volatile Duration monitoringInterval = DEFAULT_MONITORING_INTERVAL;
  private volatile Duration progressWriteInterval = DEFAULT_PROGRESS_WRITE_INTERVAL;
  private volatile Duration backfill = Duration.ZERO;
  private final Map<PrinterId, Boolean> perPrinter = new ConcurrentHashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /**
   * Settings with every default.
   * @since 0.1
   */
  public AutoJobSettings() {}

  /**
   * @return whether auto-creation is on globally
   * @since 0.1
   */
  public boolean autoCreate() {
    return autoCreate;
  }

  /**
   * Whether auto-creation is on for a printer: its override if set, else the global switch.
   *
   * @param printer the printer
   * @return whether jobs are auto-created for it
   * @since 0.1
   */
  public boolean autoCreate(PrinterId printer) {
    Boolean b = perPrinter.get(printer);
    return b == null ? autoCreate : b;
  }

  /**
   * @param printer a printer
   * @return its override, if any
   * @since 0.1
   */
  public Optional<Boolean> autoCreateOverride(PrinterId printer) {
    return Optional.ofNullable(perPrinter.get(printer));
  }

  /**
   * @return the per-printer overrides
   * @since 0.1
   */
  public Map<PrinterId, Boolean> autoCreateOverrides() {
    return Map.copyOf(perPrinter);
  }

  /**
   * @return the dedup window (P8 adoption, fallback run matching)
   * @since 0.1
   */
  public Duration dedupWindow() {
    return dedupWindow;
  }

  /**
   * @return whether calibration/system jobs are skipped (P14)
   * @since 0.1
   */
  public boolean skipSystemJobs() {
    return skipSystemJobs;
  }

  /**
   * @return the interval polling drivers use
   * @since 0.1
   */
  public Duration monitoringInterval() {
    return monitoringInterval;
  }

  /**
   * @return the least time between two progress-only writes of one job
   * @since 0.1
   */
  public Duration progressWriteInterval() {
    return progressWriteInterval;
  }

  /**
   * @return how far back prints are imported from printers' own histories; zero when off
   * @since 0.4
   */
  public Duration backfill() {
    return backfill;
  }

  /**
   * @param horizon 0s (off) to 90d
   * @return this
   * @since 0.4
   */
  public AutoJobSettings setBackfill(Duration horizon) {
    backfill = Values.checkRange(BACKFILL, horizon, Duration.ZERO, MAX_BACKFILL);
    fire();
    return this;
  }

  /**
   * @param on the global switch
   * @return this
   * @since 0.1
   */
  public AutoJobSettings setAutoCreate(boolean on) {
    autoCreate = on;
    fire();
    return this;
  }

  /**
   * Sets or clears a printer's override.
   *
   * @param printer the printer
   * @param on true/false, or null to follow the global switch
   * @return this
   * @since 0.1
   */
  public AutoJobSettings setAutoCreate(PrinterId printer, @Nullable Boolean on) {
    Objects.requireNonNull(printer, "printer");
    if (on == null) {
      perPrinter.remove(printer);
    } else {
      perPrinter.put(printer, on);
    }
    fire();
    return this;
  }

  /**
   * @param window 10s-1h
   * @return this
   * @since 0.1
   */
  public AutoJobSettings setDedupWindow(Duration window) {
    dedupWindow = Values.checkRange(DEDUP_WINDOW, window, MIN_WINDOW, MAX_WINDOW);
    fire();
    return this;
  }

  /**
   * @param skip whether to skip system jobs
   * @return this
   * @since 0.1
   */
  public AutoJobSettings setSkipSystemJobs(boolean skip) {
    skipSystemJobs = skip;
    fire();
    return this;
  }

  /**
   * @param interval 1s-1h
   * @return this
   * @since 0.1
   */
  public AutoJobSettings setMonitoringInterval(Duration interval) {
    monitoringInterval = Values.checkRange(MONITORING_INTERVAL, interval, MIN_INTERVAL,
        MAX_INTERVAL);
    fire();
    return this;
  }

  /**
   * @param interval 0s-1h
   * @return this
   * @since 0.1
   */
  public AutoJobSettings setProgressWriteInterval(Duration interval) {
    progressWriteInterval =
        Values.checkRange(PROGRESS_WRITE_INTERVAL, interval, Duration.ZERO, MAX_INTERVAL);
    fire();
    return this;
  }

  /**
   * Applies settings from a map of keys (see the table above). All values are validated first;
   * if any is invalid nothing is changed. An unknown key is refused, naming the closest known
   * one (a misspelt setting must not be silently ignored).
   *
   * @param values key to text
   * @return this
   * @throws IllegalArgumentException naming the key and the allowed values, or an unknown key
   * @since 0.1
   */
  public AutoJobSettings apply(Map<String, String> values) {
    List<Runnable> changes = new ArrayList<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      String key = e.getKey().trim();
      String raw = Objects.requireNonNull(e.getValue(), key);
      switch (key) {
        case AUTO_CREATE: {
          boolean v = Values.parseBoolean(key, raw);
          changes.add(() -> autoCreate = v);
          break;
        }
        case DEDUP_WINDOW: {
          Duration v = Values.parseDuration(key, raw, MIN_WINDOW, MAX_WINDOW);
          changes.add(() -> dedupWindow = v);
          break;
        }
        case SKIP_SYSTEM_JOBS: {
          boolean v = Values.parseBoolean(key, raw);
          changes.add(() -> skipSystemJobs = v);
          break;
        }
        case MONITORING_INTERVAL: {
          Duration v = Values.parseDuration(key, raw, MIN_INTERVAL, MAX_INTERVAL);
          changes.add(() -> monitoringInterval = v);
          break;
        }
        case PROGRESS_WRITE_INTERVAL: {
          Duration v = Values.parseDuration(key, raw, Duration.ZERO, MAX_INTERVAL);
          changes.add(() -> progressWriteInterval = v);
          break;
        }
        case BACKFILL: {
          Duration v = Values.parseDuration(key, raw, Duration.ZERO, MAX_BACKFILL);
          changes.add(() -> backfill = v);
          break;
        }
        default:
          if (key.startsWith(PRINTER_PREFIX) && key.endsWith("." + AUTO_CREATE)) {
            String id = key.substring(PRINTER_PREFIX.length(),
                key.length() - AUTO_CREATE.length() - 1);
            PrinterId printer;
            try {
              printer = PrinterId.of(id);
            } catch (IllegalArgumentException ex) {
              throw new IllegalArgumentException("setting " + key + ": " + ex.getMessage(), ex);
            }
            boolean v = Values.parseBoolean(key, raw);
            changes.add(() -> perPrinter.put(printer, v));
          } else {
            List<String> known = List.of(AUTO_CREATE, DEDUP_WINDOW, SKIP_SYSTEM_JOBS,
                MONITORING_INTERVAL, PROGRESS_WRITE_INTERVAL, BACKFILL);
            String near = Keys.closest(key, known);
            throw new IllegalArgumentException("unknown setting '" + key + "'"
                + (near == null ? "" : "; did you mean '" + near + "'?") + " Known settings: "
                + String.join(", ", known) + ", and " + PRINTER_PREFIX + "<id>." + AUTO_CREATE);
          }
      }
    }
    changes.forEach(Runnable::run);
    if (!changes.isEmpty()) {
      fire();
    }
    return this;
  }

  /**
   * Applies settings from properties (same keys as {@link #apply(Map)}).
   *
   * @param properties the properties
   * @return this
   * @since 0.1
   */
  public AutoJobSettings apply(Properties properties) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      m.put(name, properties.getProperty(name));
    }
    return apply(m);
  }

  /**
   * Applies settings from environment variables named by the rule above, e.g.
   * {@code JOB_CREATION_AUTO_CREATE=false}. Per-printer variables are looked up for the given
   * printers.
   *
   * @param env the environment, usually {@code System.getenv()}
   * @param printers printers whose override variables to read
   * @return this
   * @since 0.1
   */
  public AutoJobSettings applyEnvironment(Map<String, String> env, Iterable<PrinterId> printers) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (String key : List.of(AUTO_CREATE, DEDUP_WINDOW, SKIP_SYSTEM_JOBS, MONITORING_INTERVAL,
        PROGRESS_WRITE_INTERVAL, BACKFILL)) {
      String v = env.get(envName(key));
      if (v != null) {
        m.put(key, v);
      }
    }
    for (PrinterId p : printers) {
      String key = PRINTER_PREFIX + p.value() + "." + AUTO_CREATE;
      String v = env.get(envName(key));
      if (v != null) {
        m.put(key, v);
      }
    }
    try {
      return apply(m);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("environment: " + e.getMessage(), e);
    }
  }

  /**
   * The environment variable for a key: upper case, non-alphanumerics replaced by '_'.
   *
   * @param key a settings key
   * @return the variable name
   * @since 0.1
   */
  public static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  /**
   * Registers a listener called after every change.
   *
   * @param listener the listener; it must not block
   * @return a handle that removes the listener when closed
   * @since 0.1
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
        org.slf4j.LoggerFactory.getLogger(AutoJobSettings.class)
            .warn("settings listener failed", e);
      }
    }
  }

  @Override
  public String toString() {
    return "AutoJobSettings{autoCreate=" + autoCreate + ", perPrinter=" + perPrinter
        + ", dedupWindow=" + dedupWindow + ", skipSystemJobs=" + skipSystemJobs
        + ", monitoringInterval=" + monitoringInterval + ", progressWriteInterval="
        + progressWriteInterval + ", backfill=" + backfill + "}";
  }
}
