package dev.printernizer.testkit.example;

import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.spi.DriverContext;
import dev.printernizer.spi.PrinterDriver;
import dev.printernizer.spi.PrinterDriverProvider;
import dev.printernizer.time.EngineClock;
import java.io.IOException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A complete, small polling driver (the example of docs/testkit.md): polls on the engine's clock,
 * runs the blocking read on the context's executor, reports connection loss once, and skips bad
 * input with one log line.
 */
public final class TextPrinterDriver implements PrinterDriver {
  private static final Logger LOG = LoggerFactory.getLogger(TextPrinterDriver.class);
  private static final Duration POLL = Duration.ofMillis(50);

  private final PrinterConfig config;
  private final TextPrinter printer;
  private volatile @Nullable DriverContext ctx;
  private volatile EngineClock.@Nullable Cancellable next;
  private volatile boolean closed;
  private boolean lost;

  TextPrinterDriver(PrinterConfig config, TextPrinter printer) {
    this.config = config;
    this.printer = printer;
  }

  /** The provider; the simulator stands in for the network address. */
  public static final class Provider implements PrinterDriverProvider {
    private final TextPrinter printer;

    /** @param printer the toy printer to reach */
    public Provider(TextPrinter printer) {
      this.printer = printer;
    }

    @Override
    public String type() {
      return "text";
    }

    @Override
    public PrinterDriver create(PrinterConfig config) {
      return new TextPrinterDriver(config, printer);
    }
  }

  @Override
  public void start(DriverContext context) {
    this.ctx = context;
    schedule(Duration.ZERO);
  }

  /** The engine's context, given to {@link #start}. */
  private DriverContext ctx() {
    DriverContext c = ctx;
    if (c == null) {
      throw new IllegalStateException("not started");
    }
    return c;
  }

  private void schedule(Duration delay) {
    if (!closed) {
      next = ctx().clock().schedule(delay, () -> ctx().executor().execute(this::poll));
    }
  }

  private synchronized void poll() {
    if (closed) {
      return;
    }
    try {
      String line = printer.read();
      StatusSnapshot s = parse(line);
      if (s != null && !closed) {
        lost = false;
        ctx().publish(s);
      }
    } catch (IOException e) {
      if (!lost) {
        lost = true;
        ctx().connectionLost(e.toString()); // getMessage() may be null
      }
    } finally {
      schedule(POLL);
    }
  }

  private @Nullable StatusSnapshot parse(String line) {
    String[] f = line.split("\\|", -1);
    try {
      PrinterState state = PrinterState.valueOf(f[0]);
      double progress = Math.max(0, Math.min(100, Double.parseDouble(f[2])));
      return StatusSnapshot.builder(config.id(), state, ctx().clock().instant())
          .fileName(f[1]).progress(progress).build();
    } catch (RuntimeException e) {
      LOG.warn("printer {}: skipped an unreadable status ({})", config.id(), e.toString());
      return null;
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    EngineClock.Cancellable n = next;
    if (n != null) {
      n.cancel();
    }
  }

  @Override
  public String toString() {
    return "TextPrinterDriver{" + config.id() + "}";
  }
}
