package dev.printernizer.testkit.example;

import dev.printernizer.simulators.SimulatedPrinter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A toy printer whose "protocol" is one status line, {@code STATE|file|progress}: the smallest
 * simulator that lets the driver kit exercise a real polling driver. Shipped as the example of
 * docs/testkit.md, with {@link TextPrinterDriver}. Thread-safe.
 *
 * @since 0.2
 */
public final class TextPrinter implements SimulatedPrinter {
  private volatile String line = "IDLE||0";
  private volatile boolean reachable = true;
  private final AtomicInteger garbage = new AtomicInteger();

  /** A printer that is idle and reachable. */
  public TextPrinter() {}

  /**
   * @return the current status line, as the driver would read it over the network
   * @throws java.io.IOException while the printer is unreachable
   */
  public String read() throws java.io.IOException {
    if (!reachable) {
      throw new java.io.IOException("connection refused");
    }
    if (garbage.getAndUpdate(g -> Math.max(0, g - 1)) > 0) {
      return "\u0000{not a status";
    }
    return line;
  }

  @Override
  public void printing(String file, double progress) {
    line = "PRINTING|" + file + "|" + progress;
  }

  @Override
  public void finished(String file) {
    line = "FINISHED|" + file + "|100";
  }

  @Override
  public void idle() {
    line = "IDLE||0";
  }

  @Override
  public void setReachable(boolean reachable) {
    this.reachable = reachable;
  }

  @Override
  public void sendGarbage() {
    garbage.set(3);
  }

  @Override
  public void close() {
    reachable = false;
  }
}
