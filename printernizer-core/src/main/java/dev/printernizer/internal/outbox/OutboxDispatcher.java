package dev.printernizer.internal.outbox;

import dev.printernizer.api.Job;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.outbox.Deliveries;
import dev.printernizer.outbox.Delivery;
import dev.printernizer.outbox.Destination;
import dev.printernizer.outbox.OutboxBacklog;
import dev.printernizer.outbox.Outbox;
import dev.printernizer.outbox.OutboxEntry;
import dev.printernizer.outbox.RetryPolicy;
import dev.printernizer.time.EngineClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox to the destinations: one {@link DestinationWorker} per destination on the
 * notification executor (never a printer lane), woken after every engine event, when a retry
 * falls due, and by a poll that finds entries other instances wrote or leases that ran out.
 *
 * <p>With a store that has no outbox, the engine's events are appended to an outbox in memory
 * here instead (delivery with retries, but not in the transaction of the change and not across
 * a restart).
 */
public final class OutboxDispatcher implements AutoCloseable, Deliveries {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
  /** How long an instance holds a destination without renewing. */
  public static final Duration LEASE = Duration.ofSeconds(30);
  /** How often a worker looks for entries it was not told about. */
  public static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration PRUNE_EVERY = Duration.ofHours(1);

  private final Outbox outbox;
  private final boolean durable;
  private final EngineClock clock;
  private final RetryPolicy policy;
  private final Duration retention;
  private final String owner = UUID.randomUUID().toString();
  private final Function<String, Optional<Job>> jobs;
  private final Function<PrinterId, String> printerNames;
  private final DoubleSupplier random;
  private final List<DestinationWorker> workers = new ArrayList<>();
  private final List<Destination> destinationList;
  private volatile boolean closed;
  private volatile EngineClock.Cancellable pruneTimer = () -> { };

  /**
   * @param storeOutbox the job store's outbox, or empty to keep one in memory
   * @param destinations where entries go (names unique)
   * @param policy retries
   * @param retention how long delivered entries are kept
   * @param clock the engine clock
   * @param executor runs deliveries (not the printer lanes)
   * @param jobs reads a job by id (the store)
   * @param printerNames a printer's display name
   */
  public OutboxDispatcher(Optional<Outbox> storeOutbox, List<Destination> destinations,
      RetryPolicy policy, Duration retention, EngineClock clock, Executor executor,
      Function<String, Optional<Job>> jobs, Function<PrinterId, String> printerNames) {
    this.durable = storeOutbox.isPresent();
    this.outbox = storeOutbox.orElseGet(() ->
        new dev.printernizer.store.InMemoryJobStore(clock).outbox().orElseThrow());
    this.policy = policy;
    this.retention = retention;
    this.clock = clock;
    this.jobs = jobs;
    this.printerNames = printerNames;
    this.random = () -> ThreadLocalRandom.current().nextDouble();
    Set<String> names = new HashSet<>();
    for (Destination dest : destinations) {
      String n = dest.name();
      if (n.isEmpty() || n.length() > 128) {
        throw new IllegalArgumentException("a destination name has 1-128 characters: " + dest);
      }
      if (!names.add(n)) {
        throw new IllegalArgumentException("two destinations are named '" + n + "'");
      }
      workers.add(new DestinationWorker(dest, this, executor));
    }
    this.destinationList = List.copyOf(destinations);
  }

  /** Registers the destinations with the outbox and starts delivering. */
  public void start() {
    if (!durable && !workers.isEmpty()) {
      LOG.warn("the job store keeps no outbox: destinations get events from memory, with"
          + " retries but lost on a restart (use a store with an outbox: JdbcJobStore,"
          + " InMemoryJobStore)");
    }
    for (Destination dest : destinationList) {
      Set<dev.printernizer.outbox.OutboxEvent> events = dest.events();
      outbox.register(dest.name(), events.isEmpty()
          ? EnumSet.noneOf(dev.printernizer.outbox.OutboxEvent.class) : EnumSet.copyOf(events));
    }
    poke();
    if (!workers.isEmpty()) {
      schedulePrune();
    }
  }

  /** Wakes every worker: the engine produced an event (new entries are likely). */
  public void poke() {
    for (DestinationWorker w : workers) {
      w.poke();
    }
  }

  /**
   * After an engine event: with a store that has no outbox, turns it into an entry here;
   * then wakes the workers.
   *
   * @param event the event
   */
  public void onEvent(PrinternizerEvent event) {
    if (workers.isEmpty()) {
      return;
    }
    if (!durable) {
      for (OutboxEntry e : EventEntries.of(event)) {
        outbox.append(e);
      }
    }
    poke();
  }

  /**
   * Writes an entry of a printer alone (offline mid-print, a connection problem); a failure is
   * logged, not thrown (the printer's tracking goes on).
   *
   * @param entry the entry
   */
  public void append(OutboxEntry entry) {
    if (workers.isEmpty()) {
      return;
    }
    try {
      outbox.append(entry);
      poke();
    } catch (RuntimeException e) {
      LOG.warn("{}: could not write {} to the outbox: {}", entry.printerId(), entry.event()
          .wireName(), e.toString());
    }
  }

  /** @return whether destinations are configured */
  public boolean active() {
    return !workers.isEmpty();
  }

  /** @return the outbox (the store's, or the one in memory) */
  public Outbox outbox() {
    return outbox;
  }

  @Override
  public boolean durable() {
    return durable;
  }

  @Override
  public List<OutboxBacklog> backlog() {
    return outbox.backlog();
  }

  @Override
  public List<Delivery> deadLetters(int limit) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be 1-1000, was " + limit);
    }
    return outbox.deadLetters(limit);
  }

  @Override
  public List<Delivery> ofJob(String jobId) {
    return outbox.deliveriesOf(jobId);
  }

  @Override
  public boolean retry(String destination, long seq) {
    boolean found = outbox.retryNow(destination, seq, now());
    if (found) {
      for (DestinationWorker w : workers) {
        if (w.name().equals(destination)) {
          w.poke();
        }
      }
    }
    return found;
  }

  /** @return this instance's lease owner id */
  public String owner() {
    return owner;
  }

  @Override
  public List<String> destinations() {
    List<String> out = new ArrayList<>();
    for (DestinationWorker w : workers) {
      out.add(w.name());
    }
    return out;
  }

  private void schedulePrune() {
    if (closed) {
      return;
    }
    pruneTimer = clock.schedule(PRUNE_EVERY, () -> {
      try {
        int n = outbox.prune(now().minus(retention));
        if (n > 0) {
          LOG.debug("outbox: pruned {} delivered entries", n);
        }
      } catch (RuntimeException e) {
        LOG.debug("outbox: pruning failed", e);
      }
      schedulePrune();
    });
  }

  Instant now() {
    return clock.instant();
  }

  EngineClock clock() {
    return clock;
  }

  RetryPolicy policy() {
    return policy;
  }

  Duration leaseLength() {
    return LEASE;
  }

  Duration pollInterval() {
    return POLL;
  }

  DoubleSupplier random() {
    return random;
  }

  Function<String, Optional<Job>> jobs() {
    return jobs;
  }

  Function<PrinterId, String> printerNames() {
    return printerNames;
  }

  /** Stops delivering and gives up this instance's leases, so another takes over at once. */
  @Override
  public void close() {
    closed = true;
    pruneTimer.cancel();
    for (DestinationWorker w : workers) {
      w.close();
      if (w.holding()) {
        try {
          outbox.release(w.name(), owner);
        } catch (RuntimeException e) {
          LOG.debug("outbox: releasing {} failed", w.name(), e);
        }
      }
    }
  }
}
