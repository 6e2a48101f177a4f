package dev.printernizer.testkit.fake;

import dev.printernizer.api.ConnectionProblem;
import dev.printernizer.api.Job;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.api.Thumbnail;
import dev.printernizer.spi.DriverContext;
import dev.printernizer.spi.PastPrint;
import dev.printernizer.spi.PrintFileReader;
import dev.printernizer.spi.PrintHistoryReader;
import dev.printernizer.spi.PrinterDriver;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A scriptable {@link PrinterDriver}: the test decides what the "printer" reports.
 *
 * <pre>{@code
 * FakePrinter x = fakes.printer(PrinterId.of("p1"));
 * x.publish(x.snapshot(PrinterState.PRINTING).fileName("cube.gcode").progress(1.0));
 * x.connectionLost("cable pulled");
 * }</pre>
 *
 * <p>It also reads print files ({@link PrintFileReader}) as {@link #answerPrintFiles} scripts
 * it, and its own history of past prints ({@link PrintHistoryReader}, for backfill) as
 * {@link #answerHistory} scripts it; by default it knows none of either.
 *
 * <p>Thread-safe. After {@link #close()} every report is ignored.
 *
 * @since 0.1
 */
public final class FakePrinter implements PrinterDriver, PrintFileReader, PrintHistoryReader {
  /**
   * How the fake printer answers a print file read.
   *
   * @since 0.3
   */
  @FunctionalInterface
  public interface PrintFileAnswer {
    /**
     * @param job the job whose file is asked for
     * @return the description, or empty
     * @throws IOException to simulate a printer that cannot be asked now
     */
    Optional<PrintFile> read(Job job) throws IOException;
  }

  private final PrinterConfig config;
  private volatile @Nullable DriverContext context;
  private volatile boolean closed;
  private final AtomicInteger startCount = new AtomicInteger();
  private final AtomicInteger printFileReads = new AtomicInteger();
  private volatile PrintFileAnswer printFiles = job -> Optional.empty();
  private final AtomicInteger thumbnailReads = new AtomicInteger();
  private volatile ThumbnailAnswer thumbnails = job -> Optional.empty();
  private final AtomicInteger historyReads = new AtomicInteger();
  private volatile HistoryAnswer history = since -> List.of();

  FakePrinter(PrinterConfig config) {
    this.config = config;
  }

  @Override
  public void start(DriverContext ctx) {
    this.context = ctx;
    startCount.incrementAndGet();
  }

  @Override
  public void close() {
    closed = true;
  }

  /**
   * Scripts the answers to print file reads.
   *
   * @param answer called for every read, on the engine's driver executor
   * @since 0.3
   */
  public void answerPrintFiles(PrintFileAnswer answer) {
    this.printFiles = Objects.requireNonNull(answer, "answer");
  }

  /**
   * @return how often the engine asked for a print file
   * @since 0.3
   */
  public int printFileReads() {
    return printFileReads.get();
  }

  @Override
  public Optional<PrintFile> readPrintFile(Job job) throws IOException {
    printFileReads.incrementAndGet();
    return printFiles.read(job);
  }

  /**
   * How the fake printer answers a thumbnail read.
   *
   * @since 0.3
   */
  @FunctionalInterface
  public interface ThumbnailAnswer {
    /**
     * @param job the job whose picture is asked for
     * @return the picture, or empty
     * @throws IOException to simulate a printer that cannot be asked now
     */
    Optional<Thumbnail> read(Job job) throws IOException;
  }

  /**
   * Scripts the answers to thumbnail reads (default: none).
   *
   * @param answer called for every read, on the engine's driver executor
   * @since 0.3
   */
  public void answerThumbnails(ThumbnailAnswer answer) {
    this.thumbnails = Objects.requireNonNull(answer, "answer");
  }

  /**
   * @return how often the engine asked for a thumbnail
   * @since 0.3
   */
  public int thumbnailReads() {
    return thumbnailReads.get();
  }

  @Override
  public Optional<Thumbnail> readThumbnail(Job job) throws IOException {
    thumbnailReads.incrementAndGet();
    return thumbnails.read(job);
  }

  /**
   * How the fake printer answers a read of its history.
   *
   * @since 0.4
   */
  @FunctionalInterface
  public interface HistoryAnswer {
    /**
     * @param since the horizon the engine asks from
     * @return the past prints
     * @throws IOException to simulate a printer that cannot be asked now
     */
    List<PastPrint> read(Instant since) throws IOException;
  }

  /**
   * Scripts the answers to history reads (default: no past prints). The engine reads it only
   * with {@code job_creation_backfill} on, when the printer connects.
   *
   * @param answer called for every read, on the engine's driver executor
   * @since 0.4
   */
  public void answerHistory(HistoryAnswer answer) {
    this.history = Objects.requireNonNull(answer, "answer");
  }

  /**
   * @return how often the engine read the printer's history
   * @since 0.4
   */
  public int historyReads() {
    return historyReads.get();
  }

  @Override
  public List<PastPrint> pastPrints(Instant since) throws IOException {
    historyReads.incrementAndGet();
    return history.read(since);
  }

  /**
   * @return the printer id
   * @since 0.1
   */
  public PrinterId id() {
    return config.id();
  }

  /**
   * @return whether the engine closed this driver
   * @since 0.1
   */
  public boolean isClosed() {
    return closed;
  }

  /**
   * @return how often start was called
   * @since 0.1
   */
  public int startCount() {
    return startCount.get();
  }

  /**
   * A snapshot builder for this printer, observed now (engine clock).
   *
   * @param state the state
   * @return the builder
   * @since 0.1
   */
  public StatusSnapshot.Builder snapshot(PrinterState state) {
    return StatusSnapshot.builder(config.id(), state, ctx().clock().instant());
  }

  /**
   * Reports a snapshot.
   *
   * @param snapshot the builder to build and report
   * @since 0.1
   */
  public void publish(StatusSnapshot.Builder snapshot) {
    publish(snapshot.build());
  }

  /**
   * Reports a snapshot.
   *
   * @param snapshot the snapshot
   * @since 0.1
   */
  public void publish(StatusSnapshot snapshot) {
    if (!closed) {
      ctx().publish(snapshot);
    }
  }

  /**
   * Reports that the printer is unreachable.
   *
   * @param reason the reason
   * @since 0.1
   */
  public void connectionLost(String reason) {
    if (!closed) {
      ctx().connectionLost(reason);
    }
  }

  /**
   * Reports that the printer is unreachable, and why (as a real driver classifies it).
   *
   * @param kind what went wrong
   * @param detail the user-facing detail
   * @param retryIn when the driver would try again, or null
   * @since 0.2
   */
  public void connectionProblem(ConnectionProblem.Kind kind, String detail,
      @Nullable Duration retryIn) {
    if (!closed) {
      ctx().connectionProblem(kind, detail, retryIn);
    }
  }

  /**
   * Reports an answer the driver skipped as unreadable.
   *
   * @param kind the classification (the log-once key)
   * @param detail what was wrong
   * @since 0.2
   */
  public void badInput(String kind, String detail) {
    if (!closed) {
      ctx().badInput(kind, detail);
    }
  }

  private DriverContext ctx() {
    DriverContext c = context;
    if (c == null) {
      throw new IllegalStateException("fake printer " + config.id() + " was not started");
    }
    return c;
  }
}
