package dev.printernizer;

import dev.printernizer.accounting.CostSettings;
import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.BusinessFields;
import dev.printernizer.api.FileNames;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterStatus;
import dev.printernizer.internal.discovery.ProviderDiscovery;
import dev.printernizer.internal.discovery.Wiring;
import dev.printernizer.internal.engine.Engine;
import dev.printernizer.internal.engine.EnginePools;
import dev.printernizer.internal.outbox.OutboxDispatcher;
import dev.printernizer.outbox.Deliveries;
import dev.printernizer.outbox.Destination;
import dev.printernizer.outbox.RetryPolicy;
import dev.printernizer.spi.JobStore;
import dev.printernizer.spi.Notifier;
import dev.printernizer.spi.PrinterDriverProvider;
import dev.printernizer.statistics.JobStatistics;
import dev.printernizer.statistics.StatisticsQuery;
import dev.printernizer.time.EngineClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point: watches printers through their drivers and keeps a job history in the
 * {@link JobStore}, creating a job automatically the moment a print starts, exactly once per
 * physical print.
 *
 * <pre>{@code
 * Printernizer p = Printernizer.builder()
 *     .jobStore(new InMemoryJobStore())
 *     .printer(PrinterConfig.builder(PrinterId.of("x1c"), "bambu")
 *         .host("192.168.1.20").serial("00M09A...").credential(Secret.of(accessCode)).build())
 *     .notifier(event -> System.out.println(event.type()))
 *     .build();
 * p.start();
 * ...
 * p.close();
 * }</pre>
 *
 * <p><b>Lifecycle.</b> {@link Builder#build() Build}, {@link #start()} once, {@link #close()} once.
 * Printers may be added and removed at any time. Closing closes the drivers, writes progress that
 * was still in memory, stops the threads the engine created and closes the job store if the
 * engine found it by discovery (a store passed to the builder is the caller's to close).
 *
 * <p><b>Threading.</b> All methods are thread-safe. Each printer's reports are handled in order on
 * a serial lane over a shared executor; different printers run in parallel. Notifiers are called
 * on delivery lanes of their own, never on the engine's.
 *
 * @since 0.1
 */
public final class Printernizer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Printernizer.class);

  private final Engine engine;
  private final JobStore store;
  private final boolean ownsStore;
  private final AutoJobSettings settings;
  private final CostSettings costSettings;
  private final EngineClock clock;
  private final List<ExecutorService> owned;
  private final Deliveries deliveries;

  private Printernizer(Engine engine, JobStore store, boolean ownsStore, AutoJobSettings settings,
      CostSettings costSettings, EngineClock clock, List<ExecutorService> owned,
      Deliveries deliveries) {
    this.deliveries = deliveries;
    this.costSettings = costSettings;
    this.engine = engine;
    this.store = store;
    this.ownsStore = ownsStore;
    this.settings = settings;
    this.clock = clock;
    this.owned = owned;
  }

  /**
   * @return a new builder
   * @since 0.1
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts every printer's driver. Idempotent.
   * @since 0.1
   */
  public void start() {
    engine.start();
  }

  /**
   * @return the live settings; changes apply at once
   * @since 0.1
   */
  public AutoJobSettings settings() {
    return settings;
  }

  /**
   * @return the live prices jobs are charged with when they close (since 0.3)
   * @since 0.3
   */
  public CostSettings costSettings() {
    return costSettings;
  }

  /**
   * Recomputes a closed job's cost with today's prices (a job's recorded cost otherwise keeps
   * the prices it closed with). Runs on the caller's thread and calls the store.
   *
   * @param id the job
   * @return the job as stored afterwards (unchanged when today's prices price nothing); empty
   *     if it does not exist
   * @throws IllegalStateException if the job is open or planned
   * @throws UnsupportedOperationException if the job store does not keep costs
   * @since 0.3
   */
  public Optional<Job> recomputeCost(String id) {
    return engine.recomputeCost(id);
  }

  /**
   * Statistics of the job history, computed by the job store (see
   * {@link JobStore#statistics}). Runs on the caller's thread.
   *
   * @param query the jobs covered and the zone of the months
   * @return totals and breakdowns by printer, month, status and material
   * @since 0.3
   */
  public JobStatistics statistics(StatisticsQuery query) {
    return store.statistics(query);
  }

  /**
   * @return the job store in use
   * @since 0.1
   */
  public JobStore jobStore() {
    return store;
  }

  /**
   * @return every printer with its live state, sorted by id
   * @since 0.1
   */
  public List<PrinterStatus> printers() {
    return engine.printers();
  }

  /**
   * @param id a printer
   * @return its live state
   * @since 0.1
   */
  public Optional<PrinterStatus> printer(PrinterId id) {
    return Optional.ofNullable(engine.printer(id));
  }

  /**
   * Adds a printer at runtime; its driver starts at once if the engine runs.
   *
   * @param config the printer
   * @throws IllegalArgumentException if the id is taken or no driver serves its type
   * @throws PrinternizerException if the driver refuses the configuration (checked without
   *     connecting; the message lists every problem, naming the printer and the key)
   * @since 0.1
   */
  public void addPrinter(PrinterConfig config) {
    engine.addPrinter(Objects.requireNonNull(config, "config"));
  }

  /**
   * Removes a printer and closes its driver; its jobs stay in the store.
   *
   * @param id the printer
   * @return whether it was registered
   * @since 0.1
   */
  public boolean removePrinter(PrinterId id) {
    return engine.removePrinter(id);
  }

  /**
   * Registers a notifier at runtime (e.g. a server-sent-events bridge).
   *
   * @param notifier the notifier
   * @return a handle that unregisters it when closed
   * @since 0.1
   */
  public AutoCloseable addNotifier(Notifier notifier) {
    return engine.addNotifier(notifier);
  }

  /**
   * @param query filter and page
   * @return matching jobs, newest first
   * @since 0.1
   */
  public List<Job> jobs(JobQuery query) {
    return store.query(query);
  }

  /**
   * @param id job id
   * @return the job
   * @since 0.1
   */
  public Optional<Job> job(String id) {
    return store.get(id);
  }

  /**
   * Creates a job by hand, planned for a print that has not started. When that printer starts
   * printing the same file within the dedup window, the engine adopts this job instead of
   * creating a new one (P8).
   *
   * @param printer the printer (need not be registered)
   * @param name display name, or null to use the cleaned file name
   * @param fileName the file to be printed, or null
   * @param business business fields
   * @return the stored job
   * @throws IllegalArgumentException if both name and file name are missing, or values are bad
   * @since 0.1
   */
  public Job createManualJob(PrinterId printer, @Nullable String name, @Nullable String fileName,
      @Nullable BusinessFields business) {
    Objects.requireNonNull(printer, "printer");
    String n = name != null && !name.isBlank() ? name
        : fileName != null && !fileName.isBlank() ? FileNames.jobName(fileName) : null;
    if (n == null) {
      throw new IllegalArgumentException("a manual job needs a name or a file name");
    }
    Job job = Job.builder(UUID.randomUUID().toString(), printer, n,
            clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
        .fileName(fileName == null || fileName.isBlank() ? null : fileName)
        .business(business == null ? BusinessFields.EMPTY : business)
        .build();
    return store.insert(job);
  }

  /**
   * Replaces a job's business fields; tracking fields and auto-creation metadata are untouched.
   *
   * @param id job id
   * @param business new business fields
   * @return the updated job, empty if there is no such job
   * @since 0.1
   */
  public Optional<Job> updateBusiness(String id, BusinessFields business) {
    return store.updateBusiness(id, Objects.requireNonNull(business, "business"));
  }

  /**
   * Deletes a job. Deleting the open job of a running print stops its tracking; the engine does
   * not recreate it for that print.
   *
   * @param id job id
   * @return whether it existed
   * @since 0.1
   */
  public boolean deleteJob(String id) {
    return store.delete(id);
  }

  /**
   * The outbox's deliveries to the {@link Builder#destination destinations}: backlog, dead
   * letters, a job's deliveries, and "retry now".
   *
   * @return the deliveries (empty lists when no destination is configured)
   * @since 0.4
   */
  public Deliveries deliveries() {
    return deliveries;
  }

  /**
   * Completes when every printer has handled the reports queued before this call. For tests
   * and orderly shutdowns.
   *
   * @return a stage completing when idle
   * @since 0.1
   */
  public CompletionStage<Void> sync() {
    return engine.sync();
  }

  /**
   * Engine tasks that threw an unexpected exception so far. Each one is a bug, logged at ERROR
   * with its printer; the engine keeps running. Health checks and tests expect 0.
   *
   * @return the count
   * @since 0.1
   */
  public long failedTasks() {
    return engine.failedTasks();
  }

  /**
   * @return the number of run keys in the in-memory cache (bounded, expiring)
   * @since 0.1
   */
  public long cachedRunKeys() {
    return engine.cachedRunKeys();
  }

  /**
   * Closes drivers and owned resources. Idempotent.
   * @since 0.1
   */
  @Override
  public void close() {
    engine.close();
    try {
      engine.sync().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("Printernizer: printers did not finish their work within 10 s of close");
    }
    for (ExecutorService ex : owned) {
      ex.shutdown();
    }
    if (ownsStore) {
      try {
        store.close();
      } catch (Exception e) {
        LOG.warn("Printernizer: closing the job store failed", e);
      }
    }
  }

  /**
   * Builds a {@link Printernizer}. Setters validate at once; {@link #build()} checks the whole.
   * Explicit registrations always win over providers found by {@link java.util.ServiceLoader}.
   * Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    /** Default size of the driver pool, see {@link #driverThreads(int)}. */
    public static final int DEFAULT_DRIVER_THREADS = 64;
    /** Bound of the driver pool's queue. */
    public static final int DRIVER_QUEUE = 100_000;
    private @Nullable EngineClock clock;
    private @Nullable JobStore store;
    private @Nullable AutoJobSettings settings;
    private @Nullable CostSettings costSettings;
    private @Nullable Executor executor;
    private @Nullable Executor notificationExecutor;
    private @Nullable Executor driverExecutor;
    private int driverThreads = DEFAULT_DRIVER_THREADS;
    private ClassLoader classLoader = Printernizer.class.getClassLoader();
    private boolean discovery = true;
    private long cacheSize = 10_000;
    private Duration cacheExpiry = Duration.ofHours(6);
    private final Map<String, PrinterDriverProvider> providers = new LinkedHashMap<>();
    private final List<Notifier> notifiers = new ArrayList<>();
    private final List<Destination> destinations = new ArrayList<>();
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private Duration outboxRetention = Duration.ofDays(7);
    private final Map<PrinterId, PrinterConfig> printers = new LinkedHashMap<>();

    private Builder() {}

    /**
     * @param clock the clock (default {@link EngineClock#system()})
     * @return this
     * @since 0.1
     */
    public Builder clock(EngineClock clock) {
      requireUnset(this.clock, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @param store the job store; the caller closes it
     * @return this
     * @since 0.1
     */
    public Builder jobStore(JobStore store) {
      requireUnset(this.store, "jobStore");
      this.store = Objects.requireNonNull(store, "jobStore");
      return this;
    }

    /**
     * @param settings live settings (default: all defaults)
     * @return this
     * @since 0.1
     */
    public Builder settings(AutoJobSettings settings) {
      requireUnset(this.settings, "settings");
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * @param costSettings live prices (default: none, so jobs get no cost until prices are set)
     * @return this
     * @throws IllegalStateException if already set
     * @since 0.3
     */
    public Builder costSettings(CostSettings costSettings) {
      requireUnset(this.costSettings, "costSettings");
      this.costSettings = Objects.requireNonNull(costSettings, "costSettings");
      return this;
    }

    /**
     * Registers a driver provider; it wins over a discovered one of the same type.
     *
     * @param provider the provider
     * @return this
     * @since 0.1
     */
    public Builder driverProvider(PrinterDriverProvider provider) {
      Objects.requireNonNull(provider, "provider");
      String type = Objects.requireNonNull(provider.type(), "provider.type()");
      String refused = ProviderDiscovery.versionProblem("PrinterDriverProvider",
          provider.getClass().getName(), provider.spiVersion());
      if (refused != null) {
        throw new IllegalArgumentException(refused);
      }
      if (providers.containsKey(type)) {
        throw new IllegalStateException("a driver provider for type '" + type
            + "' was already registered: " + providers.get(type).getClass().getName());
      }
      providers.put(type, provider);
      return this;
    }

    /**
     * @param notifier a notifier
     * @return this
     * @since 0.1
     */
    public Builder notifier(Notifier notifier) {
      notifiers.add(Objects.requireNonNull(notifier, "notifier"));
      return this;
    }

    /**
     * @param config a printer
     * @return this
     * @throws IllegalArgumentException if its id was already added
     * @since 0.1
     */
    public Builder printer(PrinterConfig config) {
      Objects.requireNonNull(config, "printer");
      if (printers.putIfAbsent(config.id(), config) != null) {
        throw new IllegalArgumentException("printer " + config.id() + " was already added");
      }
      return this;
    }

    /**
     * Runs printer lanes on this executor instead of the engine's own small pool (2 threads or
     * the core count). {@code Runnable::run} makes everything run on the reporting thread, which
     * deterministic tests use.
     *
     * @param executor the executor
     * @return this
     * @since 0.1
     */
    public Builder executor(Executor executor) {
      requireUnset(this.executor, "executor");
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Delivers notifications on this executor instead of the engine's own cached daemon pool (at
     * most one thread per notifier is busy at a time).
     *
     * @param executor the executor
     * @return this
     * @since 0.1
     */
    public Builder notificationExecutor(Executor executor) {
      requireUnset(this.notificationExecutor, "notificationExecutor");
      this.notificationExecutor = Objects.requireNonNull(executor, "notificationExecutor");
      return this;
    }

    /**
     * Gives drivers this executor for blocking work (HTTP polls) instead of the engine's own
     * driver pool. It must never be the printer-lane executor: a printer that accepts a
     * connection and never answers would then hold up every other printer's reports.
     *
     * @param executor the executor
     * @return this
     * @since 0.1
     */
    public Builder driverExecutor(Executor executor) {
      requireUnset(this.driverExecutor, "driverExecutor");
      this.driverExecutor = Objects.requireNonNull(executor, "driverExecutor");
      return this;
    }

    /**
     * Sets the size of the engine's own driver pool, the threads on which drivers do blocking
     * I/O (default {@value #DEFAULT_DRIVER_THREADS}; ignored when a {@link #driverExecutor} is
     * given). The pool is separate from the printer lanes, so a slow printer never delays
     * another printer's reports; but each unanswered request holds one of these threads until the
     * driver's read timeout (10 s for PrusaLink). Size rule: at least the number of printers that
     * may hang at once plus a few for the healthy ones; polls beyond the pool size wait their
     * turn (up to {@value #DRIVER_QUEUE} queued, one per polled printer). Idle threads end
     * after 60 s.
     *
     * @param threads 1 to 1,024
     * @return this
     * @throws IllegalArgumentException outside that range
     * @since 0.2
     */
    public Builder driverThreads(int threads) {
      if (threads < 1 || threads > 1024) {
        throw new IllegalArgumentException("driverThreads must be 1 to 1024, not " + threads);
      }
      this.driverThreads = threads;
      return this;
    }

    /**
     * @param loader where ServiceLoader looks (default: the loader of this library)
     * @return this
     * @since 0.1
     */
    public Builder classLoader(ClassLoader loader) {
      this.classLoader = Objects.requireNonNull(loader, "classLoader");
      return this;
    }

    /**
     * @param enabled whether to look for providers with ServiceLoader (default true)
     * @return this
     * @since 0.1
     */
    public Builder serviceDiscovery(boolean enabled) {
      this.discovery = enabled;
      return this;
    }

    /**
     * @param maxEntries bound of the run-key cache, 1-10,000,000 (default 10,000)
     * @param expireAfterWrite expiry, 1 minute to 7 days (default 6 hours)
     * @return this
     * @since 0.1
     */
    public Builder runKeyCache(long maxEntries, Duration expireAfterWrite) {
      if (maxEntries < 1 || maxEntries > 10_000_000) {
        throw new IllegalArgumentException("run-key cache size must be 1-10000000, was "
            + maxEntries);
      }
      if (expireAfterWrite.compareTo(Duration.ofMinutes(1)) < 0
          || expireAfterWrite.compareTo(Duration.ofDays(7)) > 0) {
        throw new IllegalArgumentException("run-key cache expiry must be 1m-7d, was "
            + expireAfterWrite);
      }
      this.cacheSize = maxEntries;
      this.cacheExpiry = expireAfterWrite;
      return this;
    }

    /**
     * Adds a destination for the outbox's entries (a webhook, ntfy, Home Assistant, Spoolman):
     * each entry it subscribes to is delivered once it is committed, in order, with retries,
     * surviving restarts when the job store has an outbox ({@link JobStore#outbox()}).
     *
     * @param destination the destination (its name unique among them)
     * @return this
     * @since 0.4
     */
    public Builder destination(Destination destination) {
      destinations.add(Objects.requireNonNull(destination, "destination"));
      return this;
    }

    /**
     * @param policy when failed deliveries are retried and when given up (default
     *     {@link RetryPolicy#DEFAULT})
     * @return this
     * @since 0.4
     */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * @param retention how long delivered outbox entries are kept before they are deleted
     *     (default 7 days; dead letters stay until they are retried)
     * @return this
     * @since 0.4
     */
    public Builder outboxRetention(Duration retention) {
      if (retention.isNegative() || retention.isZero()) {
        throw new IllegalArgumentException("retention must be positive");
      }
      this.outboxRetention = retention;
      return this;
    }

    /**
     * Builds the engine: resolves the job store, drivers and notifiers.
     *
     * @return the engine, not yet started
     * @throws PrinternizerException if no job store is registered or found, several are found,
     *     a printer's type has no driver, or a printer's configuration is invalid (the message
     *     lists every problem of every printer, each naming the printer and the key)
     * @since 0.1
     */
    public Printernizer build() {
      EngineClock c = EngineClock.orSystem(clock);
      AutoJobSettings s = settings == null ? new AutoJobSettings() : settings;
      Map<String, PrinterDriverProvider> all = Wiring.driverProviders(providers, discovery,
          classLoader);
      Wiring.requireValid(printers.values(), all); // before a store is discovered or opened
      EnginePools pools = EnginePools.of(executor, notificationExecutor, driverExecutor,
          driverThreads, DRIVER_QUEUE);
      boolean ownsStore = store == null;
      JobStore st = store != null ? store : Wiring.discoverStore(discovery, classLoader);
      List<Notifier> ns = Wiring.notifiers(notifiers, discovery, classLoader);
      CostSettings cs = costSettings == null ? new CostSettings() : costSettings;
      Engine engine = new Engine(c, st, s, cs, pools.lanes(), pools.drivers(), pools.notifications(),
          all, cacheSize, cacheExpiry);
      for (Notifier n : ns) {
        engine.addNotifier(n);
      }
      OutboxDispatcher outbox = new OutboxDispatcher(
          st.outbox(), destinations, retryPolicy,
          outboxRetention, c, pools.notifications(), st::get, engine::printerName);
      engine.outbox(outbox);
      Printernizer p = new Printernizer(engine, st, ownsStore, s, cs, c, pools.owned(), outbox);
      for (PrinterConfig pc : printers.values()) {
        engine.addPrinter(pc, true); // Wiring.requireValid checked them above
      }
      return p;
    }

    private static void requireUnset(@Nullable Object current, String what) {
      if (current != null) {
        throw new IllegalStateException(what + " was already set to " + current);
      }
    }
  }
}
