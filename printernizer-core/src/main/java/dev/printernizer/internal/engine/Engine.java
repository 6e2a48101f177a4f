package dev.printernizer.internal.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.Job;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterStatus;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.accounting.CostSettings;
import dev.printernizer.internal.accounting.CostRecorder;
import dev.printernizer.internal.outbox.OutboxDispatcher;
import dev.printernizer.internal.printfile.PrintFileLinker;
import dev.printernizer.spi.DriverContext;
import dev.printernizer.spi.JobStore;
import dev.printernizer.spi.Notifier;
import dev.printernizer.spi.PrintFileReader;
import dev.printernizer.spi.PrintHistoryReader;
import dev.printernizer.spi.PrinterDriver;
import dev.printernizer.spi.PrinterDriverProvider;
import dev.printernizer.time.EngineClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auto-creation engine: one {@link PrinterTracker} per printer, each on its own serial lane
 * over a shared executor (one printer's updates in order, printers in parallel, no global lock
 * held across I/O). Public only for the facade in {@code dev.printernizer}; not exported.
 */
public final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private final EngineClock clock;
  private final JobStore store;
  private final AutoJobSettings settings;
  private final Executor executor;
  private final Executor driverExecutor;
  private final NotifierHub notifiers;
  private final PrintFileLinker printFiles;
  private final Backfill backfill;
  private final CostRecorder costs;
  private final Cache<String, String> runKeys;
  private final Map<PrinterId, Entry> printers = new ConcurrentHashMap<>();
  private final Map<String, PrinterDriverProvider> providers;
  private final AutoCloseable settingsListener;
  private final java.util.concurrent.atomic.AtomicLong failedTasks =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile boolean started;
  private volatile boolean closed;
  private volatile @Nullable OutboxDispatcher outbox;

  /**
   * @param clock the clock
   * @param store the job store
   * @param settings live settings
   * @param costSettings live prices
   * @param executor runs printer lanes
   * @param driverExecutor given to drivers for blocking work
   * @param notificationExecutor runs notifier lanes
   * @param providers driver providers by type
   * @param cacheSize run-key cache bound
   * @param cacheExpiry run-key cache expiry after write
   */
  public Engine(EngineClock clock, JobStore store, AutoJobSettings settings,
      CostSettings costSettings, Executor executor,
      Executor driverExecutor, Executor notificationExecutor,
      Map<String, PrinterDriverProvider> providers, long cacheSize, Duration cacheExpiry) {
    this.clock = clock;
    this.store = store;
    this.settings = settings;
    this.executor = executor;
    this.driverExecutor = driverExecutor;
    this.notifiers = new NotifierHub(notificationExecutor);
    this.costs = new CostRecorder(clock, driverExecutor, store, costSettings, this::powerWatts);
    this.printFiles = new PrintFileLinker(clock, driverExecutor, store, job -> {
      LOG.debug("{}: linked the print file of job {}", job.printerId(), job.id());
      costs.request(job); // a job that closed before its file was read gets its filament cost
    });
    this.backfill = new Backfill(clock, driverExecutor, store, settings, this::newJobId,
        this::emit, this::printerName);
    this.providers = Map.copyOf(providers);
    this.runKeys = Caffeine.newBuilder()
        .maximumSize(cacheSize)
        .expireAfterWrite(cacheExpiry)
        .ticker(clock::ticks)
        .executor(Runnable::run)
        .build();
    this.settingsListener = settings.addListener(this::onSettingsChanged);
  }

  // ------------------------------------------------------------ used by trackers

  JobStore store() {
    return store;
  }

  AutoJobSettings settings() {
    return settings;
  }

  /** Wall time at millisecond precision, the precision stores keep. */
  Instant now() {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  long ticks() {
    return clock.ticks();
  }

  /** Runs a task after a delay on the engine clock (the task must hop onto its lane). */
  EngineClock.Cancellable schedule(Duration delay, Runnable task) {
    return clock.schedule(delay, task);
  }

  String newJobId() {
    return UUID.randomUUID().toString();
  }

  void emit(PrinternizerEvent event) {
    notifiers.emit(event);
    OutboxDispatcher o = outbox;
    if (o != null) {
      o.onEvent(event);
    }
    if (event instanceof PrinternizerEvent.JobClosed) {
      costs.request(((PrinternizerEvent.JobClosed) event).job());
    }
  }

  private @Nullable Double powerWatts(PrinterId printer) {
    Entry e = printers.get(printer);
    return e == null ? null : e.tracker.config.powerWatts().orElse(null);
  }

  /**
   * Recomputes a closed job's cost with today's prices.
   *
   * @param jobId the job
   * @return the job as stored afterwards; empty if it does not exist
   */
  public Optional<Job> recomputeCost(String jobId) {
    return costs.recompute(jobId);
  }

  @Nullable String cachedJobId(PrinterId printer, @Nullable String runKey) {
    return runKeys.getIfPresent(printer.value() + '\u0000' + runKey);
  }

  void learn(PrinterId printer, @Nullable String runKey, String jobId) {
    runKeys.put(printer.value() + '\u0000' + runKey, jobId);
  }

  /** @return engine tasks that threw so far (each one is a bug; logged at ERROR) */
  public long failedTasks() {
    return failedTasks.get();
  }

  /** @return the number of run keys cached now (for tests and benchmarks) */
  public long cachedRunKeys() {
    runKeys.cleanUp();
    return runKeys.estimatedSize();
  }

  // ------------------------------------------------------------ facade operations

  /**
   * @param notifier a notifier
   * @return handle removing it
   */
  /**
   * Sets the outbox dispatcher, before {@link #start()}: it starts and closes with the engine
   * and hears every event.
   *
   * @param dispatcher the dispatcher
   */
  public void outbox(OutboxDispatcher dispatcher) {
    if (started) {
      throw new IllegalStateException("set the outbox before the engine starts");
    }
    this.outbox = dispatcher;
  }

  /** Writes an entry of a printer alone (offline mid-print, connection problem). */
  void appendOutbox(dev.printernizer.outbox.OutboxEntry entry) {
    OutboxDispatcher o = outbox;
    if (o != null) {
      o.append(entry);
    }
  }

  /**
   * @param id a printer
   * @return its display name, or its id when it is not configured (any more)
   */
  public String printerName(PrinterId id) {
    Entry e = printers.get(id);
    return e == null ? id.value() : e.tracker.config.name();
  }

  public AutoCloseable addNotifier(Notifier notifier) {
    return notifiers.add(Objects.requireNonNull(notifier, "notifier"));
  }

  /**
   * Adds a printer after its driver checked the configuration; starts its driver if the engine
   * runs.
   *
   * @param config the printer
   */
  public void addPrinter(PrinterConfig config) {
    addPrinter(config, false);
  }

  /**
   * Adds a printer; starts its driver if the engine runs.
   *
   * @param config the printer
   * @param validated whether {@link #validate} passed for it already (the builder checks every
   *     printer before the engine exists; a Bambu check parses CA files, so not twice)
   */
  public void addPrinter(PrinterConfig config, boolean validated) {
    if (closed) {
      throw new IllegalStateException("the engine is closed");
    }
    PrinterDriverProvider provider = providers.get(config.type());
    if (provider == null) {
      throw new IllegalArgumentException("no driver for printer type '" + config.type()
          + "' (printer " + config.id() + "); known types: " + providers.keySet()
          + ". Add the driver module to the class path or register its provider on the builder.");
    }
    List<String> problems = validated ? List.of() : validate(provider, config);
    if (!problems.isEmpty()) {
      throw new dev.printernizer.PrinternizerException(String.join("; ", problems));
    }
    PrinterTracker tracker = new PrinterTracker(config, this,
        new SerialLane("printer " + config.id(), executor, failedTasks));
    Entry entry = new Entry(tracker, provider);
    if (printers.putIfAbsent(config.id(), entry) != null) {
      throw new IllegalArgumentException("printer " + config.id() + " is already registered");
    }
    if (started) {
      entry.start(this);
    }
  }

  /**
   * Removes a printer and closes its driver. Its open job stays open in the store; a later start
   * reconciles it.
   *
   * @param id the printer
   * @return whether it was registered
   */
  public boolean removePrinter(PrinterId id) {
    Entry e = printers.remove(id);
    if (e == null) {
      return false;
    }
    e.close();
    e.tracker.lane.execute(e.tracker::flush);
    e.tracker.lane.execute(e.tracker::stop);
    return true;
  }

  /**
   * A provider's verdict on a configuration; a provider that throws is a problem too.
   *
   * @param provider the printer type's provider
   * @param config the printer
   * @return the problems, each naming the printer; empty when it is fine
   */
  public static List<String> validate(PrinterDriverProvider provider, PrinterConfig config) {
    try {
      List<String> p = provider.validate(config);
      return p == null ? List.of() : p;
    } catch (RuntimeException e) {
      return List.of("printer " + config.id() + ": the " + provider.type() + " driver could not"
          + " check the configuration: " + e);
    }
  }

  /** Starts every printer's driver. */
  public void start() {
    if (closed) {
      throw new IllegalStateException("the engine is closed");
    }
    if (started) {
      return;
    }
    started = true;
    OutboxDispatcher o = outbox;
    if (o != null) {
      o.start();
    }
    for (Entry e : printers.values()) {
      e.start(this);
    }
  }

  /** @return the printers' views, sorted by id */
  public List<PrinterStatus> printers() {
    List<PrinterStatus> out = new ArrayList<>();
    for (Entry e : printers.values()) {
      out.add(e.tracker.view());
    }
    out.sort((a, b) -> a.config().id().compareTo(b.config().id()));
    return out;
  }

  /**
   * @param id a printer
   * @return its view, or null
   */
  public @Nullable PrinterStatus printer(PrinterId id) {
    Entry e = printers.get(id);
    return e == null ? null : e.tracker.view();
  }

  /** @return completes when every printer lane has handled what was queued before the call */
  public CompletableFuture<Void> sync() {
    Collection<Entry> all = printers.values();
    List<CompletableFuture<Void>> fs = new ArrayList<>();
    for (Entry e : all) {
      CompletableFuture<Void> f = new CompletableFuture<>();
      e.tracker.lane.execute(() -> f.complete(null));
      fs.add(f);
    }
    return CompletableFuture.allOf(fs.toArray(new CompletableFuture<?>[0]));
  }

  /** Closes drivers, writes pending progress; the store is the caller's to close. */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    OutboxDispatcher o = outbox;
    if (o != null) {
      o.close();
    }
    printFiles.close();
    backfill.close();
    costs.close();
    try {
      settingsListener.close();
    } catch (Exception e) {
      LOG.debug("removing settings listener", e);
    }
    for (Entry e : printers.values()) {
      e.close();
    }
    for (Entry e : printers.values()) {
      e.tracker.lane.execute(e.tracker::flush);
      e.tracker.lane.execute(e.tracker::stop);
    }
  }

  private void onSettingsChanged() {
    for (Entry e : printers.values()) {
      e.tracker.lane.execute(e.tracker::reevaluate);
    }
  }

  /** Feeds a snapshot directly (for drivers and tests); same path as a driver's publish. */
  void submit(PrinterTracker t, StatusSnapshot s) {
    t.lane.execute(() -> t.onSnapshot(s));
  }

  /**
   * A job of this printer may lack its print file description: asks the driver for it, off the
   * lanes, when the driver can read print files.
   */
  void wantPrintFile(PrinterId printer, Job job) {
    Entry e = printers.get(printer);
    PrinterDriver d = e == null ? null : e.driver();
    if (d instanceof PrintFileReader) {
      printFiles.request(printer, (PrintFileReader) d, job);
    }
  }

  /**
   * The printer connected (at start or after a gap): asks its history for prints that ended
   * unobserved, off the lanes, when the driver keeps one and backfill is on.
   */
  void wantBackfill(PrinterId printer) {
    Entry e = printers.get(printer);
    PrinterDriver d = e == null ? null : e.driver();
    if (d instanceof PrintHistoryReader) {
      backfill.request(printer, (PrintHistoryReader) d);
    }
  }

  private static final class Entry {
    final PrinterTracker tracker;
    final PrinterDriverProvider provider;
    private @Nullable PrinterDriver driver;
    private volatile boolean stopped;

    Entry(PrinterTracker tracker, PrinterDriverProvider provider) {
      this.tracker = tracker;
      this.provider = provider;
    }

    synchronized @Nullable PrinterDriver driver() {
      return driver;
    }

    synchronized void start(Engine engine) {
      if (driver != null || stopped) {
        return;
      }
      try {
        driver = provider.create(tracker.config);
        driver.start(new Context(engine, this));
      } catch (RuntimeException e) {
        LOG.error("printer {}: driver '{}' failed to start: {}", tracker.id, provider.type(),
            e.getMessage(), e);
      }
    }

    synchronized void close() {
      stopped = true;
      if (driver != null) {
        try {
          driver.close();
        } catch (RuntimeException e) {
          LOG.warn("printer {}: driver close failed", tracker.id, e);
        }
      }
    }
  }

  private static final class Context implements DriverContext {
    private final Engine engine;
    private final Entry entry;

    Context(Engine engine, Entry entry) {
      this.engine = engine;
      this.entry = entry;
    }

    @Override
    public PrinterConfig printer() {
      return entry.tracker.config;
    }

    @Override
    public EngineClock clock() {
      return engine.clock;
    }

    @Override
    public AutoJobSettings settings() {
      return engine.settings;
    }

    @Override
    public Executor executor() {
      return engine.driverExecutor;
    }

    @Override
    public void publish(StatusSnapshot snapshot) {
      Objects.requireNonNull(snapshot, "snapshot");
      if (!snapshot.printerId().equals(entry.tracker.id)) {
        throw new IllegalArgumentException("snapshot of printer " + snapshot.printerId()
            + " published for printer " + entry.tracker.id);
      }
      if (entry.stopped) {
        return;
      }
      engine.submit(entry.tracker, snapshot);
    }

    @Override
    public void connectionLost(String reason) {
      if (entry.stopped) {
        return;
      }
      Instant at = engine.now();
      PrinterTracker t = entry.tracker;
      t.lane.execute(() -> t.onConnectionLost(at, reason));
    }

    @Override
    public void connectionProblem(dev.printernizer.api.ConnectionProblem.Kind kind, String detail,
        @Nullable Duration retryIn) {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(detail, "detail");
      if (entry.stopped) {
        return;
      }
      Instant at = engine.now();
      Instant retryAt = retryIn == null ? null : at.plus(retryIn);
      PrinterTracker t = entry.tracker;
      t.lane.execute(() -> t.onConnectionProblem(at, kind, detail, retryAt));
    }

    @Override
    public void badInput(String kind, @Nullable String detail) {
      if (entry.stopped) {
        return;
      }
      PrinterTracker t = entry.tracker;
      t.lane.execute(() -> t.onBadInput(String.valueOf(kind), String.valueOf(detail)));
    }
  }
}
