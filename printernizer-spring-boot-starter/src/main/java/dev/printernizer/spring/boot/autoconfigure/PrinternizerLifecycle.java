package dev.printernizer.spring.boot.autoconfigure;

import dev.printernizer.Printernizer;
import dev.printernizer.spi.Notifier;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Binds the engine to the context: started after every other bean is ready (the last phase),
 * closed first when the context stops, so the drivers and the outbox dispatcher are done before
 * the DataSource closes. The application's {@code Notifier} beans are registered just before the
 * engine starts (when every bean exists), except those that depend on the engine bean: they
 * register themselves, as {@code PrinternizerMetrics} does when it is bound. Stopping is final: the engine cannot be started again (a context that is
 * stopped and started again logs a warning and stays stopped). A context that fails to refresh
 * closes the engine when its beans are destroyed.
 *
 * <p>Thread-safe.
 *
 * @since 0.4
 */
public final class PrinternizerLifecycle implements SmartLifecycle, DisposableBean {
  private static final Logger LOG = LoggerFactory.getLogger(PrinternizerLifecycle.class);

  private final Printernizer engine;
  private final Supplier<List<Notifier>> notifiers;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** @param engine the engine this lifecycle starts and closes */
  public PrinternizerLifecycle(Printernizer engine) {
    this(engine, List::of);
  }

  /**
   * @param engine the engine this lifecycle starts and closes
   * @param notifiers the notifiers registered with the engine just before it starts
   */
  public PrinternizerLifecycle(Printernizer engine, Supplier<List<Notifier>> notifiers) {
    this.engine = engine;
    this.notifiers = notifiers;
  }

  @Override
  public void start() {
    if (closed.get()) {
      LOG.warn("Printernizer: the engine was stopped with its context and cannot start again");
      return;
    }
    if (running.compareAndSet(false, true)) {
      for (Notifier n : notifiers.get()) {
        var unused = engine.addNotifier(n);
      }
      engine.start();
    }
  }

  @Override
  public void stop() {
    running.set(false);
    close();
  }

  @Override
  public boolean isRunning() {
    return running.get();
  }

  @Override
  public void destroy() {
    running.set(false);
    close();
  }

  private void close() {
    if (closed.compareAndSet(false, true)) {
      engine.close();
    }
  }
}
