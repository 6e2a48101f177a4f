package dev.printernizer.testkit.outbox;

import dev.printernizer.outbox.DeliveryContext;
import dev.printernizer.outbox.Destination;
import dev.printernizer.outbox.OutboxEntry;
import dev.printernizer.outbox.OutboxEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A destination for tests: records every entry it receives (repeats included) and the keys it
 * applied once (as a receiver that deduplicates by idempotency key does); {@link #down(boolean)}
 * makes every delivery fail like a refused connection. Thread-safe.
 */
public final class RecordingDestination implements Destination {
  private final String name;
  private final Set<OutboxEvent> events;
  private final List<OutboxEntry> received = new ArrayList<>();
  private final Set<String> applied = new LinkedHashSet<>();
  private int refused;
  private volatile boolean down;

  /**
   * @param name the destination's name
   * @param events the events it subscribes to (all when none are given)
   */
  public RecordingDestination(String name, OutboxEvent... events) {
    this.name = name;
    this.events = events.length == 0 ? EnumSet.allOf(OutboxEvent.class)
        : EnumSet.of(events[0], events);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<OutboxEvent> events() {
    return events;
  }

  @Override
  public void deliver(DeliveryContext delivery) throws IOException {
    synchronized (this) {
      if (down) {
        refused++;
        throw new IOException("connection refused (test receiver is down)");
      }
      received.add(delivery.entry());
      applied.add(delivery.entry().key());
    }
  }

  /** @param down whether deliveries fail */
  public void down(boolean down) {
    this.down = down;
  }

  /** @return every entry received, in order, repeats included */
  public synchronized List<OutboxEntry> received() {
    return List.copyOf(received);
  }

  /** @return the keys applied, each once, in the order first received */
  public synchronized List<String> applied() {
    return List.copyOf(applied);
  }

  /** @return deliveries refused while down */
  public synchronized int refused() {
    return refused;
  }
}
