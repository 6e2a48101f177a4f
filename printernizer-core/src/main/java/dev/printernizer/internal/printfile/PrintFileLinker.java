package dev.printernizer.internal.printfile;

import dev.printernizer.api.Job;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Thumbnail;
import dev.printernizer.spi.JobStore;
import dev.printernizer.spi.PrintFileReader;
import dev.printernizer.time.EngineClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a driver for the description of a job's file and links it to the job, off the engine
 * lanes: on the driver executor, one request per job at a time, retried after 10 s, 1 min and
 * 5 min when the printer or the store fails, then given up until the next
 * {@link #request} (a reconnect or restart). A store without print file support is noticed once
 * and not asked again.
 *
 * <p>Thread-safe.
 */
public final class PrintFileLinker {
  private static final Logger LOG = LoggerFactory.getLogger(PrintFileLinker.class);
  /** The pauses before the second, third and fourth attempt. */
  static final List<Duration> RETRIES = List.of(Duration.ofSeconds(10), Duration.ofMinutes(1),
      Duration.ofMinutes(5));

  private final EngineClock clock;
  private final Executor driverExecutor;
  private final JobStore store;
  private final Consumer<Job> linked;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean storeUnsupported;
  private volatile boolean thumbnailsUnsupported;
  private volatile boolean closed;

  /**
   * @param clock the engine clock (retry pauses)
   * @param driverExecutor where the driver and the store are called
   * @param store the job store
   * @param linked told of each job whose description was stored (as stored)
   */
  public PrintFileLinker(EngineClock clock, Executor driverExecutor, JobStore store,
      Consumer<Job> linked) {
    this.clock = clock;
    this.driverExecutor = driverExecutor;
    this.store = store;
    this.linked = linked;
  }

  /**
   * Fetches and links the job's description unless it has one or a fetch for it runs.
   *
   * @param printer the printer
   * @param reader its driver
   * @param job the job as the engine knows it
   */
  public void request(PrinterId printer, PrintFileReader reader, Job job) {
    if (closed || storeUnsupported || job.printFile().isPresent() || job.fileName().isEmpty()
        || !inFlight.add(job.id())) {
      return;
    }
    submit(printer, reader, job, 0);
  }

  /** Stops: running fetches finish, nothing new starts. */
  public void close() {
    closed = true;
  }

  /** @return how many jobs have a fetch in flight or waiting for a retry */
  public int pending() {
    return inFlight.size();
  }

  private void submit(PrinterId printer, PrintFileReader reader, Job job, int attempt) {
    try {
      driverExecutor.execute(() -> attempt(printer, reader, job, attempt));
    } catch (RejectedExecutionException e) {
      retryLater(printer, reader, job, attempt, "the driver executor is full");
    }
  }

  private void attempt(PrinterId printer, PrintFileReader reader, Job job, int attempt) {
    if (closed) {
      inFlight.remove(job.id());
      return;
    }
    Optional<PrintFile> read;
    try {
      read = reader.readPrintFile(job);
    } catch (Exception e) { // IOException, or a driver bug: neither may stop the engine
      retryLater(printer, reader, job, attempt, "reading the file failed: " + e);
      return;
    }
    if (read.isEmpty()) {
      LOG.debug("{}: no description of the file of job {}", printer, job.id());
      inFlight.remove(job.id());
      return;
    }
    try {
      Optional<Job> stored = store.updatePrintFile(job.id(), read.get());
      inFlight.remove(job.id());
      stored.ifPresent(linked);
      stored.ifPresent(j -> thumbnail(printer, reader, j));
    } catch (UnsupportedOperationException e) {
      storeUnsupported = true;
      inFlight.remove(job.id());
      LOG.info("the job store does not keep print file descriptions ({}); jobs are kept without"
          + " them", e.getMessage());
    } catch (RuntimeException e) {
      retryLater(printer, reader, job, attempt, "storing it failed: " + e);
    }
  }

  /** Reads and keeps the job's picture once; a failure leaves the job without one. */
  private void thumbnail(PrinterId printer, PrintFileReader reader, Job job) {
    if (thumbnailsUnsupported) {
      return;
    }
    try {
      Optional<Thumbnail> t = reader.readThumbnail(job);
      if (t.isPresent()) {
        store.updateThumbnail(job.id(), t.get());
      }
    } catch (UnsupportedOperationException e) {
      thumbnailsUnsupported = true;
      LOG.info("the job store does not keep thumbnails ({}); jobs are kept without them",
          e.getMessage());
    } catch (Exception e) { // IOException, a store failure or a driver bug: the job stays
      LOG.info("{}: no thumbnail for job {}: {}", printer, job.id(), e.toString());
    }
  }

  private void retryLater(PrinterId printer, PrintFileReader reader, Job job, int attempt,
      String why) {
    if (closed || attempt >= RETRIES.size()) {
      inFlight.remove(job.id());
      LOG.info("{}: gave up linking the print file of job {} for now ({}); a reconnect or"
          + " restart tries again", printer, job.id(), why);
      return;
    }
    LOG.debug("{}: print file of job {}: {}; trying again in {}", printer, job.id(), why,
        RETRIES.get(attempt));
    clock.schedule(RETRIES.get(attempt),
        () -> submit(printer, reader, job, attempt + 1));
  }
}
