package dev.printernizer.driver.prusa.internal;

import static dev.printernizer.driver.prusa.internal.Json.doubleOrNull;
import static dev.printernizer.driver.prusa.internal.Json.longOrNull;
import static dev.printernizer.driver.prusa.internal.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.printernizer.api.ConnectionProblem.Kind;
import dev.printernizer.api.Job;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.api.Thumbnail;
import dev.printernizer.spi.DriverContext;
import dev.printernizer.spi.PrintFileReader;
import dev.printernizer.spi.PrinterDriver;
import dev.printernizer.time.EngineClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Prusa printer over PrusaLink: polls {@code GET /api/v1/status} on the engine clock, fetches
 * {@code GET /api/v1/job} once per new job id (for the long file name), falls back to the legacy
 * {@code /api/printer} + {@code /api/job} when the printer has no v1 API. Never two polls at
 * once: the next poll is scheduled when the current one has finished.
 */
public final class PrusaDriver implements PrinterDriver, PrintFileReader {
  private static final Logger LOG = LoggerFactory.getLogger(PrusaDriver.class);
  /** Poll interval while a print is close to its end (see docs/drivers/prusa.md). */
  public static final Duration NEAR_END_INTERVAL = Duration.ofSeconds(5);
  /** A print counts as close to its end with at most this much time left... */
  public static final Duration NEAR_END_REMAINING = Duration.ofMinutes(2);
  /** ...or at least this much progress. */
  public static final double NEAR_END_PROGRESS = 98.0;
  /** Wait after the printer refused our credentials. */
  public static final Duration AUTH_BACKOFF = Duration.ofMinutes(5);
  private static final Duration MIN_RETRY = Duration.ofSeconds(5);

  private final PrinterConfig config;
  private final HttpUrl base;
  private final PrusaHttp http;
  private volatile @Nullable DriverContext ctx;
  private volatile EngineClock.@Nullable Cancellable next;
  private volatile boolean closed;

  // poll state, touched only by the poll that runs (never two at once)
  private boolean legacy;
  private boolean infoDone;
  // derived from earlier polls of this connection; forgotten when the printer is unreachable
  /** The id of the job the file was read for (null: no job, or a job without id). */
  private @Nullable Long jobId;
  /** The file of the running job, as /api/v1/job named it. */
  private @Nullable String jobFile;
  /** The id and file of the job seen last: they name an outcome shown without a job. */
  private @Nullable String lastJobId;
  private @Nullable String lastJobFile;
  /** The id reported for the current job: its own, or the one it continues (see below). */
  private @Nullable String reportedId;
  // the print seen running at the last poll that had a job (null after it ended): kept across
  // a gap, to recognise that print under a new id (see continues); never names an outcome
  private @Nullable String contId;
  private @Nullable String contFile;
  private double contProgress;
  private long contPrinting = -1;
  private @Nullable Instant contSeenAt;
  private int failures;
  private boolean nearEnd;
  private @Nullable Instant lastNoJobAt;
  private int fileMisses;
  /** Polls a new job may wait for its file name before it is reported without one. */
  private static final int FILE_WAIT_POLLS = 3;

  /**
   * @param config the printer
   * @param base its base URL
   * @param apiKey true: send the credential as X-Api-Key; false: HTTP Digest
   */
  public PrusaDriver(PrinterConfig config, HttpUrl base, boolean apiKey) {
    this(config, base, apiKey, PrusaHttp.SHARED);
  }

  /** With another client (tests: shorter timeouts), derived from {@link PrusaHttp#SHARED}. */
  PrusaDriver(PrinterConfig config, HttpUrl base, boolean apiKey, OkHttpClient client) {
    this.config = config;
    this.base = base;
    this.http = new PrusaHttp(client, base, config.credential().orElseThrow(),
        config.username().orElse("maker"), apiKey);
  }

  @Override
  public void start(DriverContext context) {
    this.ctx = context;
    schedule(Duration.ZERO);
  }

  private void schedule(Duration delay) {
    if (closed) {
      return;
    }
    DriverContext c = ctx();
    next = c.clock().schedule(delay, () -> {
      try {
        c.executor().execute(this::poll);
      } catch (RuntimeException e) {
        LOG.warn("printer {}: could not run a poll ({}); retrying", config.id(), e.toString());
        schedule(MIN_RETRY);
      }
    });
  }

  private final Object pollLock = new Object();

  /** One poll; schedules the next one whatever happens. */
  void poll() {
    synchronized (pollLock) { // close() waits for a running poll: nothing is published after it
      pollLocked();
    }
  }

  /** The engine's context; set by {@link #start} before the first poll is scheduled. */
  private DriverContext ctx() {
    DriverContext c = ctx;
    if (c == null) {
      throw new IllegalStateException("printer " + config.id() + ": driver not started");
    }
    return c;
  }

  private void pollLocked() {
    if (closed) {
      return;
    }
    Duration wait = ctx().settings().monitoringInterval();
    try {
      if (!infoDone) {
        fetchInfo();
      }
      StatusSnapshot s = legacy ? pollLegacy() : pollV1();
      if (s != null && !closed) {
        ctx().publish(s);
        failures = 0;
      }
      if (nearEnd && NEAR_END_INTERVAL.compareTo(wait) < 0) {
        wait = NEAR_END_INTERVAL;
      }
    } catch (PrusaHttp.Failure f) {
      wait = retryWait(f.kind(), wait);
      reportProblem(f, wait);
    } catch (PrusaHttp.BadInput e) {
      if (!closed) { // the engine counts it and logs each kind once per connection
        ctx().badInput(e.kind(), http.redact(e.getMessage()));
      }
      wait = wait.compareTo(MIN_RETRY) < 0 ? wait : MIN_RETRY;
    } catch (RuntimeException e) {
      LOG.warn("printer {}: poll failed unexpectedly; monitoring continues", config.id(), e);
    } finally {
      schedule(wait);
    }
  }

  /**
   * @return the wait before the next poll after a failure: {@link #AUTH_BACKOFF} after refused
   *     credentials, else 5 s doubling with every failure in a row up to the interval
   */
  private Duration retryWait(Kind kind, Duration interval) {
    if (kind == Kind.AUTHENTICATION_REFUSED) {
      http.resetAuth();
      return AUTH_BACKOFF;
    }
    failures++;
    Duration backoff = MIN_RETRY.multipliedBy(1L << Math.min(failures - 1, 6));
    return backoff.compareTo(interval) < 0 ? backoff : interval;
  }

  /** Tells the engine why the printer cannot be reached; it logs each kind once per outage. */
  private void reportProblem(PrusaHttp.Failure f, Duration retryIn) {
    forgetDerivedState();
    if (!closed) {
      ctx().connectionProblem(f.kind(), http.redact(f.getMessage()), retryIn);
    }
  }

  /**
   * The connection is lost: what earlier polls derived about the job holds only within one
   * connection. Afterwards an outcome is published as the printer shows it (without the id and
   * file of the job seen before: another print may have run and ended in the gap), and the
   * running job's file is read again. The continuation state stays: it only recognises a print
   * the printer shows running, by its file, progress and printing time.
   */
  private void forgetDerivedState() {
    jobId = null;
    jobFile = null;
    fileMisses = 0;
    reportedId = null;
    lastJobId = null;
    lastJobFile = null;
  }

  // ------------------------------------------------------------------- v1

  private void fetchInfo() throws PrusaHttp.Failure {
    PrusaHttp.Answer a = http.get("/api/v1/info");
    if (a.code == 404) {
      legacy = true;
      LOG.info("printer {}: no PrusaLink v1 API; using the legacy API", config.id());
    } else if (a.code == 200) {
      String serial = text(a.json, "serial");
      if (serial != null && config.serial().isPresent()
          && !config.serial().get().equalsIgnoreCase(serial)) {
        LOG.warn("printer {}: configured serial {} but the printer reports {}", config.id(),
            config.serial().get(), serial);
      }
    }
    infoDone = true;
  }

  private @Nullable StatusSnapshot pollV1() throws PrusaHttp.Failure {
    Instant now = ctx().clock().instant();
    PrusaHttp.Answer a = http.get("/api/v1/status");
    if (a.code == 404) {
      legacy = true;
      return pollLegacy();
    }
    if (a.code != 200) {
      throw new PrusaHttp.BadInput("HTTP " + a.code, "HTTP " + a.code
          + " from /api/v1/status");
    }
    JsonNode printer = a.json.path("printer");
    String state = text(printer, "state");
    if (state == null) {
      throw new PrusaHttp.BadInput("no printer state", "the status has no printer.state");
    }
    JsonNode job = a.json.path("job");
    String st = state.toUpperCase(Locale.ROOT);
    if (!job.isObject()) {
      noJob(st, now);
    } else if (!identifyJob(job, now)) {
      nearEnd = true; // come back soon: the job's file name is not readable yet
      return null;
    }
    PrinterState mapped = mapState(st, job.isObject());
    StatusSnapshot.Builder b = StatusSnapshot.builder(config.id(), mapped, now);
    if (job.isObject()) {
      describeJob(b, job, now);
    } else {
      nearEnd = false;
      if (mapped.isTerminal() && lastJobId != null) {
        // the outcome of the job that just disappeared: name it, so the engine can match it
        b.printerJobId(lastJobId).fileName(lastJobFile);
      }
    }
    return b.build();
  }

  /** The status shows no job: the print ended, or the printer is idle or busy. */
  private void noJob(String state, Instant now) {
    jobId = null;
    jobFile = null;
    fileMisses = 0;
    lastNoJobAt = now;
    if (!state.equals("BUSY") && !state.equals("UNKNOWN")) {
      contId = null; // the print ended (or the printer is idle): no continuation
    }
  }

  /**
   * Which job the status shows: its id, the file read for it from /api/v1/job, and the id to
   * report (its own, or the first id of the print it continues).
   *
   * @return false while the file is not readable yet and the job may still wait for it
   */
  private boolean identifyJob(JsonNode job, Instant now) throws PrusaHttp.Failure {
    Long id = longOrNull(job, "id");
    if (id == null && jobId != null) {
      // a job without id (PrusaLink just started) is not the job of the last id: it does not
      // inherit that job's file, it gets its own from /api/v1/job
      jobId = null;
      jobFile = null;
      fileMisses = 0;
    }
    if (id != null && !id.equals(jobId)) {
      jobId = id;
      fileMisses = 0;
      jobFile = fetchJobFile(id);
      reportedId = String.valueOf(id);
    } else if (jobFile == null) {
      jobFile = fetchJobFile(id);
    }
    if (id != null && jobFile != null && contId != null
        && !contId.equals(String.valueOf(id)) && String.valueOf(id).equals(reportedId)
        && continues(job, now)) {
      // PrusaLink gives the same physical print a new id when it restarts mid-print: the same
      // file, time and progress going on. Keep reporting the print's first id.
      LOG.info("printer {}: job id {} continues the print of job {} ({}); keeping id {}",
          config.id(), id, contId, jobFile, contId);
      reportedId = contId;
    }
    return jobFile != null || ++fileMisses > FILE_WAIT_POLLS;
  }

  /** Id, file, progress and times of the job the status shows; remembers it for later polls. */
  private void describeJob(StatusSnapshot.Builder b, JsonNode job, Instant now) {
    String rid = longOrNull(job, "id") == null ? null : reportedId;
    lastJobId = rid;
    lastJobFile = jobFile;
    b.printerJobId(rid).fileName(jobFile);
    Double progress = doubleOrNull(job, "progress");
    Long printing = longOrNull(job, "time_printing");
    if (rid != null && jobFile != null) {
      contId = rid;
      contFile = jobFile;
      contProgress = progress == null ? 0 : progress;
      contPrinting = printing == null ? -1 : printing;
      contSeenAt = now;
    }
    if (progress != null) {
      b.progress(Math.max(0, Math.min(100, progress)));
    }
    Long remaining = longOrNull(job, "time_remaining");
    if (remaining != null && remaining >= 0 && remaining < 3650L * 86400) {
      b.remaining(Duration.ofSeconds(remaining));
    }
    if (printing != null && printing >= 0 && printing < 3650L * 86400
        && !staleTimer(printing, now)) {
      b.elapsed(Duration.ofSeconds(printing));
    }
    nearEnd = (remaining != null && remaining <= NEAR_END_REMAINING.toSeconds())
        || (progress != null && progress >= NEAR_END_PROGRESS);
  }

  /** Whether a job with a new id goes on with the print seen before (same file, time, progress). */
  private boolean continues(JsonNode job, Instant now) {
    if (jobFile == null || !jobFile.equals(contFile)) {
      return false;
    }
    Double p = doubleOrNull(job, "progress");
    if (p != null && p < contProgress - 5) {
      return false; // started again from the beginning: a reprint
    }
    Long tp = longOrNull(job, "time_printing");
    if (tp != null && tp + 60 < Duration.between(contSeenAt, now).toSeconds()) {
      return false; // it has printed for less time than passed since the print was seen: it
      // started later (after a long gap, a reprint may have got further than the old print)
    }
    if (tp != null && contPrinting >= 0) {
      return tp >= contPrinting - 60;
    }
    return p != null && p > 0; // no time: progress that goes on is the only sign
  }

  /** Firmware shows the previous print's time for a moment after a new id is taken. */
  private boolean staleTimer(long printingSeconds, Instant now) {
    return lastNoJobAt != null
        && printingSeconds > Duration.between(lastNoJobAt, now).toSeconds() + 60;
  }

  /** @param id the job's id, or null for a job without id (its file is taken as it is) */
  /**
   * Reads the description of a job's file (see {@link PrintFiles}). Shares the poll lock: never
   * two requests to the printer at once.
   */
  @Override
  public Optional<PrintFile> readPrintFile(Job job) throws IOException {
    synchronized (pollLock) {
      if (closed || legacy) {
        return Optional.empty();
      }
      return PrintFiles.read(http, job);
    }
  }

  @Override
  public Optional<Thumbnail> readThumbnail(Job job) throws IOException {
    synchronized (pollLock) {
      if (closed || legacy) {
        return Optional.empty();
      }
      return PrintFiles.thumbnail(http, job);
    }
  }

  private @Nullable String fetchJobFile(@Nullable Long id) throws PrusaHttp.Failure {
    PrusaHttp.Answer a = http.get("/api/v1/job");
    if (a.code != 200 || a.json.isMissingNode()) {
      return null; // 204 or an error: try again with the next poll
    }
    Long got = longOrNull(a.json, "id");
    if (id != null && !id.equals(got)) {
      return null; // another job by now: try again with the next poll
    }
    JsonNode file = a.json.path("file");
    String name = text(file, "display_name"); // never "name": an 8.3 short name that can change
    if (name == null) {
      name = text(file, "name");
    }
    return name;
  }

  static PrinterState mapState(String state, boolean hasJob) {
    switch (state) {
      case "IDLE": case "READY": return PrinterState.IDLE;
      case "PRINTING": return PrinterState.PRINTING;
      case "PAUSED": return PrinterState.PAUSED;
      case "ATTENTION": return hasJob ? PrinterState.PAUSED : PrinterState.BUSY;
      case "BUSY": return PrinterState.BUSY;
      case "FINISHED": return PrinterState.FINISHED;
      case "STOPPED": return PrinterState.CANCELLED;
      case "ERROR": return hasJob ? PrinterState.ERROR : PrinterState.FAILED;
      default: return PrinterState.UNKNOWN;
    }
  }

  // ------------------------------------------------------------------- legacy

  private StatusSnapshot pollLegacy() throws PrusaHttp.Failure {
    Instant now = ctx().clock().instant();
    PrusaHttp.Answer p = http.get("/api/printer");
    if (p.code != 200) {
      throw new PrusaHttp.BadInput("HTTP " + p.code, "HTTP " + p.code
          + " from /api/printer");
    }
    JsonNode st = p.json.path("state");
    String text = text(st, "text");
    JsonNode flags = st.path("flags");
    if (text == null) {
      throw new PrusaHttp.BadInput("no printer state",
          "the legacy printer state has no text");
    }
    PrinterState state;
    switch (text.toLowerCase(Locale.ROOT)) {
      case "printing": state = flags.path("paused").asBoolean(false)
          ? PrinterState.PAUSED : PrinterState.PRINTING; break;
      case "paused": state = PrinterState.PAUSED; break;
      case "busy": state = PrinterState.BUSY; break;
      case "cancelling": state = PrinterState.CANCELLED; break;
      case "error": state = PrinterState.ERROR; break;
      case "operational": state = flags.path("finished").asBoolean(false)
          ? PrinterState.FINISHED : PrinterState.IDLE; break;
      default: state = PrinterState.UNKNOWN;
    }
    StatusSnapshot.Builder b = StatusSnapshot.builder(config.id(), state, now);
    if (state.isActive() || state.isTerminal()) {
      PrusaHttp.Answer j = http.get("/api/job");
      if (j.code == 200 && !j.json.isMissingNode()) {
        JsonNode file = j.json.path("job").path("file");
        String name = text(file, "display");
        b.fileName(name != null ? name : text(file, "name"));
        JsonNode progress = j.json.path("progress");
        Double completion = doubleOrNull(progress, "completion");
        if (completion != null) {
          b.progress(Math.max(0, Math.min(100, completion * 100)));
        }
        Long printTime = longOrNull(progress, "printTime");
        if (printTime != null && printTime >= 0 && printTime < 3650L * 86400) {
          b.elapsed(Duration.ofSeconds(printTime));
        }
        Long left = longOrNull(progress, "printTimeLeft");
        if (left != null && left >= 0 && left < 3650L * 86400) {
          b.remaining(Duration.ofSeconds(left));
          nearEnd = left <= NEAR_END_REMAINING.toSeconds();
        }
      }
    } else {
      nearEnd = false;
    }
    return b.build();
  }

  @Override
  public void close() {
    closed = true;
    EngineClock.Cancellable n = next;
    if (n != null) {
      n.cancel();
    }
    http.close();
    synchronized (pollLock) {
      // wait for a poll that is still running (its call was just cancelled)
    }
  }

  @Override
  public String toString() {
    return "PrusaDriver{" + config.id() + " at " + base + "}";
  }
}
