package dev.printernizer.spring.boot;

import dev.printernizer.Printernizer;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinternizerEvent;
import org.springframework.context.ApplicationEvent;

/**
 * An engine event ({@link PrinternizerEvent}: job auto-created, adopted, status changed, closed,
 * printer state changed, ...) republished in the application context. Listen with
 * {@code @EventListener} on this type and look at {@link #event()}.
 *
 * <p><b>Threading.</b> Published on the engine's notification lane (never a printer lane), one
 * event at a time and in the engine's order; a listener that blocks delays later events (and
 * once {@code Notifier.DEFAULT_QUEUE_CAPACITY} wait, the oldest is dropped with a warning), so
 * hand slow work to your own executor. A listener that throws is logged by the engine and the next
 * event is still delivered. Turn it off with {@code printernizer.events.publish=false}.
 *
 * @since 0.4
 */
public final class PrinternizerApplicationEvent extends ApplicationEvent {
  private static final long serialVersionUID = 1L;

  private final transient PrinternizerEvent event;

  /**
   * @param source the engine
   * @param event the engine's event
   */
  public PrinternizerApplicationEvent(Printernizer source, PrinternizerEvent event) {
    super(source);
    this.event = event;
  }

  /** @return the engine's event (match on its type, e.g. {@code JobAutoCreated}) */
  public PrinternizerEvent event() {
    return event;
  }

  /** @return the printer the event is about */
  public PrinterId printerId() {
    return event.printerId();
  }

  @Override
  public String toString() {
    return "PrinternizerApplicationEvent{" + event + "}";
  }
}
