package dev.printernizer.internal.engine;

import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.spi.Notifier;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to notifiers: each notifier has its own bounded lane, so a slow or failing
 * notifier delays or drops only its own events and never the engine's work.
 */
final class NotifierHub {
  private static final Logger LOG = LoggerFactory.getLogger(NotifierHub.class);

  private final Executor executor;
  private final CopyOnWriteArrayList<Entry> entries = new CopyOnWriteArrayList<>();

  NotifierHub(Executor executor) {
    this.executor = executor;
  }

  AutoCloseable add(Notifier notifier) {
    Entry e = new Entry(notifier, executor);
    entries.add(e);
    return () -> entries.remove(e);
  }

  void emit(PrinternizerEvent event) {
    for (Entry e : entries) {
      e.lane.execute(() -> e.deliver(event));
    }
  }

  private static final class Entry {
    private final Notifier notifier;
    private final SerialLane lane;
    private final AtomicLong failures = new AtomicLong();

    Entry(Notifier notifier, Executor executor) {
      this.notifier = notifier;
      String name = notifier.getClass().getName();
      this.lane = new SerialLane("notifier " + name, executor, Notifier.DEFAULT_QUEUE_CAPACITY,
          left -> LOG.warn("notifier {} is too slow: dropped its oldest event ({} queued)", name,
              left), new AtomicLong());
    }

    void deliver(PrinternizerEvent event) {
      try {
        notifier.onEvent(event);
      } catch (RuntimeException e) {
        long n = failures.incrementAndGet();
        if (n == 1 || Long.bitCount(n) == 1) {
          LOG.warn("notifier {} failed on {} (failure #{}); it keeps receiving events",
              notifier.getClass().getName(), event.type(), n, e);
        }
      }
    }
  }
}
