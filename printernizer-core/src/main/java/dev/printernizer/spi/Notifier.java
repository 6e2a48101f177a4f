package dev.printernizer.spi;

import dev.printernizer.api.PrinternizerEvent;

/**
 * Receives engine events: job auto-created, adopted, status changed, closed, printer state
 * changed.
 *
 * <p>Each notifier gets events one at a time, in the order the engine produced them, on a
 * delivery thread of its own (never the engine's). A notifier that throws is logged and keeps
 * receiving; a slow notifier delays only itself (its queue is bounded at
 * {@link #DEFAULT_QUEUE_CAPACITY} events, beyond which the oldest are dropped with a warning).
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Notifier {
  /**
   * Events a notifier may have queued before old ones are dropped.
   * @since 0.1
   */
  int DEFAULT_QUEUE_CAPACITY = 10_000;

  /**
   * Handles one event.
   *
   * @param event the event
   * @since 0.1
   */
  void onEvent(PrinternizerEvent event);
}
