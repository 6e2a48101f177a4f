package dev.printernizer.spring.boot;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code printernizer.*} properties: printers, the settings of {@code docs/auto-job-creation.md},
 * prices, and switches for the store, events, health and metrics. Bound by Spring Boot from any
 * property source (application.yaml, environment, a vault); put secrets in a source of their own
 * and refer to them ({@code access-code: ${BAMBU_CODE}}). Settings left unset keep the engine's
 * defaults. {@link #toString()} and {@link PrinterProperties#toString()} never show a secret.
 *
 * <p>Mutable JavaBean for Spring's binder; read once when the engine is built (later changes do
 * nothing: change settings on {@code Printernizer.settings()} at runtime).
 *
 * @since 0.4
 */
@ConfigurationProperties(prefix = "printernizer")
public class PrinternizerProperties {
  /** Whether the starter builds and starts the engine. */
  private boolean enabled = true;

  /** The printers to watch. */
  private List<PrinterProperties> printers = new ArrayList<>();

  /** Automatic job creation: the job_creation_* settings. */
  private final JobCreation jobCreation = new JobCreation();

  /** Poll interval of polling drivers (PrusaLink), 1s to 1h; the engine's default is 30s. */
  private @Nullable Duration monitoringInterval;

  /**
   * Least time between two progress-only writes of a job, 0s to 1h; the engine's default is
   * 10s. Status changes and ends are written at once.
   */
  private @Nullable Duration progressWriteInterval;

  /** Prices for the cost of each job. */
  private final Costs costs = new Costs();

  /** The job store on the application's DataSource. */
  private final Jdbc jdbc = new Jdbc();

  /** Engine events as Spring application events. */
  private final Events events = new Events();

  /** The Actuator health indicator. */
  private final Health health = new Health();

  /** The Micrometer binder. */
  private final Metrics metrics = new Metrics();

  /** Bound by Spring; defaults as documented per property. */
  public PrinternizerProperties() {
  }

  /** @return whether the engine is built and started */
  public boolean isEnabled() {
    return enabled;
  }

  /** @param enabled whether the engine is built and started */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** @return the printers */
  public List<PrinterProperties> getPrinters() {
    return printers;
  }

  /** @param printers the printers */
  public void setPrinters(List<PrinterProperties> printers) {
    this.printers = printers;
  }

  /** @return the job creation settings */
  public JobCreation getJobCreation() {
    return jobCreation;
  }

  /** @return the poll interval, or null for the engine's default */
  public @Nullable Duration getMonitoringInterval() {
    return monitoringInterval;
  }

  /** @param monitoringInterval the poll interval */
  public void setMonitoringInterval(@Nullable Duration monitoringInterval) {
    this.monitoringInterval = monitoringInterval;
  }

  /** @return the progress write interval, or null for the engine's default */
  public @Nullable Duration getProgressWriteInterval() {
    return progressWriteInterval;
  }

  /** @param progressWriteInterval the progress write interval */
  public void setProgressWriteInterval(@Nullable Duration progressWriteInterval) {
    this.progressWriteInterval = progressWriteInterval;
  }

  /** @return the prices */
  public Costs getCosts() {
    return costs;
  }

  /** @return the store switches */
  public Jdbc getJdbc() {
    return jdbc;
  }

  /** @return the event switches */
  public Events getEvents() {
    return events;
  }

  /** @return the health switches */
  public Health getHealth() {
    return health;
  }

  /** @return the metrics switches */
  public Metrics getMetrics() {
    return metrics;
  }

  @Override
  public String toString() {
    return "PrinternizerProperties{enabled=" + enabled + ", printers=" + printers + "}";
  }

  /** The job_creation_* settings. Unset values keep the engine's defaults. */
  public static class JobCreation {
    /** Bound by Spring. */
    public JobCreation() {
    }

    /** The global switch for automatic job creation (engine default true). */
    private @Nullable Boolean autoCreate;
    /** Adoption window and cross-instance tolerance, 10s to 1h (engine default 2m). */
    private @Nullable Duration dedupWindow;
    /** Skip calibration and other system prints (engine default true). */
    private @Nullable Boolean skipSystemJobs;
    /**
     * Backfill horizon, 0s (off, the default) to 90d: prints that ended within it are imported
     * from the history of printers that keep one (Moonraker) when they connect.
     */
    private @Nullable Duration backfill;

    /** @return the global switch */
    public @Nullable Boolean getAutoCreate() {
      return autoCreate;
    }

    /** @param autoCreate the global switch */
    public void setAutoCreate(@Nullable Boolean autoCreate) {
      this.autoCreate = autoCreate;
    }

    /** @return the dedup window */
    public @Nullable Duration getDedupWindow() {
      return dedupWindow;
    }

    /** @param dedupWindow the dedup window */
    public void setDedupWindow(@Nullable Duration dedupWindow) {
      this.dedupWindow = dedupWindow;
    }

    /** @return whether system prints are skipped */
    public @Nullable Boolean getSkipSystemJobs() {
      return skipSystemJobs;
    }

    /** @param skipSystemJobs whether system prints are skipped */
    public void setSkipSystemJobs(@Nullable Boolean skipSystemJobs) {
      this.skipSystemJobs = skipSystemJobs;
    }

    /** @return the backfill horizon */
    public @Nullable Duration getBackfill() {
      return backfill;
    }

    /** @param backfill the backfill horizon */
    public void setBackfill(@Nullable Duration backfill) {
      this.backfill = backfill;
    }
  }

  /** Prices (see docs/accounting.md); unset prices leave that part of the cost out. */
  public static class Costs {
    /** Bound by Spring. */
    public Costs() {
    }

    /** ISO 4217 currency of every price (default EUR). */
    private @Nullable String currency;
    /** Filament price per kilogram. */
    private @Nullable BigDecimal filamentPricePerKg;
    /** Energy price per kWh (with each printer's power-watts). */
    private @Nullable BigDecimal energyPricePerKwh;
    /** Machine wear per printing hour. */
    private @Nullable BigDecimal wearPerHour;

    /** @return the currency */
    public @Nullable String getCurrency() {
      return currency;
    }

    /** @param currency the currency */
    public void setCurrency(@Nullable String currency) {
      this.currency = currency;
    }

    /** @return the filament price per kg */
    public @Nullable BigDecimal getFilamentPricePerKg() {
      return filamentPricePerKg;
    }

    /** @param v the filament price per kg */
    public void setFilamentPricePerKg(@Nullable BigDecimal v) {
      this.filamentPricePerKg = v;
    }

    /** @return the energy price per kWh */
    public @Nullable BigDecimal getEnergyPricePerKwh() {
      return energyPricePerKwh;
    }

    /** @param v the energy price per kWh */
    public void setEnergyPricePerKwh(@Nullable BigDecimal v) {
      this.energyPricePerKwh = v;
    }

    /** @return the wear per hour */
    public @Nullable BigDecimal getWearPerHour() {
      return wearPerHour;
    }

    /** @param v the wear per hour */
    public void setWearPerHour(@Nullable BigDecimal v) {
      this.wearPerHour = v;
    }
  }

  /** The JDBC job store. */
  public static class Jdbc {
    /** Bound by Spring. */
    public Jdbc() {
    }

    /**
     * Whether the job store uses the application's DataSource when printernizer-jdbc is present
     * (its tables are created or migrated at start).
     */
    private boolean enabled = true;

    /** @return whether the DataSource is used */
    public boolean isEnabled() {
      return enabled;
    }

    /** @param enabled whether the DataSource is used */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** Engine events as Spring application events. */
  public static class Events {
    /** Bound by Spring. */
    public Events() {
    }

    /** Whether each engine event is published as a PrinternizerApplicationEvent. */
    private boolean publish = true;

    /** @return whether events are published */
    public boolean isPublish() {
      return publish;
    }

    /** @param publish whether events are published */
    public void setPublish(boolean publish) {
      this.publish = publish;
    }
  }

  /** The Actuator health indicator. */
  public static class Health {
    /** Bound by Spring. */
    public Health() {
    }

    /**
     * Whether an unreachable printer makes the application DOWN. Off by default: a printer
     * switched off for the night must not get the service restarted; its problem shows in the
     * details either way.
     */
    private boolean downOnPrinterProblem;

    /** @return whether a printer problem is DOWN */
    public boolean isDownOnPrinterProblem() {
      return downOnPrinterProblem;
    }

    /** @param v whether a printer problem is DOWN */
    public void setDownOnPrinterProblem(boolean v) {
      this.downOnPrinterProblem = v;
    }
  }

  /** The Micrometer binder. */
  public static class Metrics {
    /** Bound by Spring. */
    public Metrics() {
    }

    /** Whether meters carry a printer tag (one series per printer; off for large farms). */
    private boolean printerTags;
    /** Whether job store calls are timed (printernizer.store.calls). */
    private boolean storeTiming = true;

    /** @return whether meters carry a printer tag */
    public boolean isPrinterTags() {
      return printerTags;
    }

    /** @param printerTags whether meters carry a printer tag */
    public void setPrinterTags(boolean printerTags) {
      this.printerTags = printerTags;
    }

    /** @return whether store calls are timed */
    public boolean isStoreTiming() {
      return storeTiming;
    }

    /** @param storeTiming whether store calls are timed */
    public void setStoreTiming(boolean storeTiming) {
      this.storeTiming = storeTiming;
    }
  }
}
