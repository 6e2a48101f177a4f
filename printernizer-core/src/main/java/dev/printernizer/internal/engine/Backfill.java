package dev.printernizer.internal.engine;

import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.Detection;
import dev.printernizer.api.FileNames;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.Tracking;
import dev.printernizer.spi.JobStore;
import dev.printernizer.spi.PastPrint;
import dev.printernizer.spi.PrintHistoryReader;
import dev.printernizer.spi.StoreResult;
import dev.printernizer.time.EngineClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backfill: the prints a printer's own history records as ended since the horizon
 * ({@code job_creation_backfill}), imported as closed jobs ({@link Detection#BACKFILL}) when the
 * printer connects, with the file's description and progress the history kept (so filament and
 * cost are computed as for a live job when it closes). Each is imported once: its run key is the printer's job id and file, so the
 * store's {@code createIfAbsent} refuses a second copy (also from another instance), and a print
 * the engine already has (a job with the same printer job id, or, for a job made before the id was
 * known, the same file started within the dedup window) is skipped. Runs on the driver executor,
 * one pass per printer at a time; a failure is logged and the next connect tries again. Like a
 * live print, a past print is imported only while auto-creation is on for its printer and not
 * when it is a system print (with {@code job_creation_skip_system_jobs}); each import is
 * announced as {@code job_auto_created} (not discovered on startup) and {@code job_closed}.
 */
final class Backfill {
  private static final Logger LOG = LoggerFactory.getLogger(Backfill.class);
  /** At most this many past prints per pass. */
  static final int MAX_PER_PASS = 1000;

  private final EngineClock clock;
  private final Executor driverExecutor;
  private final JobStore store;
  private final AutoJobSettings settings;
  private final Supplier<String> newId;
  private final java.util.function.Consumer<dev.printernizer.api.PrinternizerEvent> emit;
  private final java.util.function.Function<PrinterId, String> names;
  private final Set<PrinterId> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  Backfill(EngineClock clock, Executor driverExecutor, JobStore store, AutoJobSettings settings,
      Supplier<String> newId) {
    this(clock, driverExecutor, store, settings, newId, e -> { }, PrinterId::value);
  }

  /**
   * @param emit where the imported job's events go (job_auto_created, then job_closed)
   * @param names printer display names
   */
  Backfill(EngineClock clock, Executor driverExecutor, JobStore store, AutoJobSettings settings,
      Supplier<String> newId,
      java.util.function.Consumer<dev.printernizer.api.PrinternizerEvent> emit,
      java.util.function.Function<PrinterId, String> names) {
    this.clock = clock;
    this.driverExecutor = driverExecutor;
    this.store = store;
    this.settings = settings;
    this.newId = newId;
    this.emit = emit;
    this.names = names;
  }

  /** Asks the printer's history, off the lanes, when backfill is on and no pass runs. */
  void request(PrinterId printer, PrintHistoryReader reader) {
    Duration horizon = settings.backfill();
    if (horizon.isZero() || closed || !running.add(printer)) {
      return;
    }
    try {
      driverExecutor.execute(() -> {
        try {
          pass(printer, reader, horizon);
        } finally {
          running.remove(printer);
        }
      });
    } catch (RejectedExecutionException e) {
      running.remove(printer);
      LOG.warn("{}: backfill not started: the driver executor is full", printer);
    }
  }

  /** @return how many past prints were imported */
  int pass(PrinterId printer, PrintHistoryReader reader, Duration horizon) {
    Instant since = clock.instant().minus(horizon);
    List<PastPrint> past;
    try {
      past = new ArrayList<>(reader.pastPrints(since));
    } catch (IOException | RuntimeException e) {
      LOG.info("{}: backfill: the printer's history could not be read ({}); asked again at the"
          + " next connect", printer, e.toString());
      return 0;
    }
    past.sort(Comparator.comparing(PastPrint::start));
    Known known;
    try {
      known = known(printer, since);
    } catch (RuntimeException e) {
      LOG.warn("{}: backfill: the store could not be read ({}); the next connect goes on",
          printer, e.toString());
      return 0;
    }
    int imported = 0;
    for (PastPrint p : past.subList(0, Math.min(past.size(), MAX_PER_PASS))) {
      if (closed) {
        break;
      }
      if (p.start().isBefore(since) || !settings.autoCreate(printer)
          || (settings.skipSystemJobs() && FileNames.isSystemFile(p.fileName()))) {
        continue; // as for live prints: auto-creation off for the printer, or a system print
      }
      try {
        if (importOne(printer, p, known)) {
          imported++;
        }
      } catch (RuntimeException e) {
        LOG.warn("{}: backfill stopped at job {} ({}); the next connect goes on", printer,
            p.printerJobId(), e.toString());
        break;
      }
    }
    if (imported > 0) {
      LOG.info("{}: backfill imported {} past print(s) from the printer's history", printer,
          imported);
    }
    return imported;
  }

  private boolean importOne(PrinterId printer, PastPrint p, Known known) {
    String norm = FileNames.normalize(p.fileName());
    String key = RunIdentity.runKey(p.printerJobId(), norm, p.start(), p.start());
    if (known.has(p, norm, settings.dedupWindow())
        || store.findByRunKey(printer, key).isPresent()) {
      return false;
    }
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Job job = Job.builder(newId.get(), printer, RunNames.jobName(p.fileName()), now)
        .fileName(p.fileName())
        .normalizedFile(norm)
        .autoCreated(true)
        .run(new RunLink(key, p.printerJobId(), Detection.BACKFILL, now, p.start()))
        .printFile(p.printFile())
        .tracking(Tracking.started(JobStatus.RUNNING, p.start())
            .withProgress(progress(p), null, null, null).closed(p.outcome(), p.end(), null))
        .build();
    StoreResult r = store.createIfAbsent(job);
    if (r.outcome() != StoreResult.Outcome.CREATED) {
      return false;
    }
    Job created = r.requireJob(); // announced like every auto-created job, then its end
    emit.accept(new dev.printernizer.api.PrinternizerEvent.JobAutoCreated(now, created,
        names.apply(printer), p.fileName(), false));
    emit.accept(new dev.printernizer.api.PrinternizerEvent.JobClosed(now, created));
    return true;
  }

  /** A completed print got all the way; else what the printer says, or nothing known (0). */
  private static double progress(PastPrint p) {
    if (p.outcome() == JobStatus.COMPLETED) {
      return 100;
    }
    Double known = p.progress();
    return known == null ? 0 : known;
  }

  /**
   * The printer's jobs created since the horizon (minus the window), read once per pass, newest
   * first: their printer job ids, and file and start of those without one (a job that has an id
   * is a different print from a past print with another id, even of the same file minutes
   * apart).
   */
  private Known known(PrinterId printer, Instant since) {
    Known k = new Known();
    Instant oldest = since.minus(settings.dedupWindow());
    Iterator<Job> it = store.scan(JobQuery.all().withPrinter(printer));
    while (it.hasNext()) {
      Job j = it.next();
      if (j.createdAt().isBefore(oldest)) {
        break; // newest first: the rest were created before the horizon
      }
      String id = j.run().map(RunLink::printerJobId).orElse(null);
      if (id != null) {
        k.ids.add(id); // a job that knows its printer job id is matched by it alone
        continue;
      }
      Instant start = j.tracking().startTime().orElse(null);
      String norm = j.normalizedFile().orElse(null);
      if (start != null && norm != null) {
        k.files.add(java.util.Map.entry(norm, start));
      }
    }
    return k;
  }

  /**
   * What the engine has of a printer: a past print is one of these when it has its id, or the
   * same file started within the dedup window (a job made live before the id was known).
   */
  private static final class Known {
    final Set<String> ids = new java.util.HashSet<>();
    final List<java.util.Map.Entry<String, Instant>> files = new ArrayList<>();

    boolean has(PastPrint p, String norm, Duration window) {
      if (ids.contains(p.printerJobId())) {
        return true;
      }
      for (java.util.Map.Entry<String, Instant> f : files) {
        if (f.getKey().equals(norm)
            && Duration.between(f.getValue(), p.start()).abs().compareTo(window) <= 0) {
          return true;
        }
      }
      return false;
    }
  }

  void close() {
    closed = true;
  }
}
