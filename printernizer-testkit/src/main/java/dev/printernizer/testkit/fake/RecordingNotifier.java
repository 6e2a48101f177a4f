package dev.printernizer.testkit.fake;

import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.spi.Notifier;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Notifier} that keeps every event, for assertions. Thread-safe.
 *
 * @since 0.1
 */
public final class RecordingNotifier implements Notifier {
  private final List<PrinternizerEvent> events = new ArrayList<>();

  /**
   * An empty recorder.
   * @since 0.1
   */
  public RecordingNotifier() {}

  @Override
  public synchronized void onEvent(PrinternizerEvent event) {
    events.add(event);
  }

  /**
   * @return every event so far, in order
   * @since 0.1
   */
  public synchronized List<PrinternizerEvent> events() {
    return List.copyOf(events);
  }

  /**
   * @param type an event type
   * @param <T> the type
   * @return the events of that type, in order
   * @since 0.1
   */
  public synchronized <T extends PrinternizerEvent> List<T> events(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (PrinternizerEvent e : events) {
      if (type.isInstance(e)) {
        out.add(type.cast(e));
      }
    }
    return out;
  }

  /**
   * Forgets every event.
   * @since 0.1
   */
  public synchronized void clear() {
    events.clear();
  }
}
