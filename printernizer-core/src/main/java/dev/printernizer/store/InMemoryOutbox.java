package dev.printernizer.store;

import dev.printernizer.api.Job;
import dev.printernizer.outbox.Delivery;
import dev.printernizer.outbox.Outbox;
import dev.printernizer.outbox.OutboxBacklog;
import dev.printernizer.outbox.OutboxEntry;
import dev.printernizer.outbox.OutboxEvent;
import dev.printernizer.outbox.OutboxRules;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The outbox of the {@link InMemoryJobStore}: entries and deliveries in maps guarded by the
 * store's lock, so an entry is written atomically with the job change that caused it. Nothing
 * survives the JVM.
 */
final class InMemoryOutbox implements Outbox {
  private final Object lock;
  private final InstantSource clock;
  private final Map<String, Set<OutboxEvent>> destinations = new LinkedHashMap<>();
  private final Map<String, Lease> leases = new HashMap<>();
  private final TreeMap<Long, OutboxEntry> entries = new TreeMap<>();
  private final Set<String> keys = new HashSet<>();
  /** destination -> seq -> delivery. */
  private final Map<String, TreeMap<Long, Delivery>> deliveries = new HashMap<>();
  private final Map<String, Instant> deliveredAt = new HashMap<>();
  private long nextSeq = 1;

  private record Lease(String owner, Instant until) {}

  InMemoryOutbox(Object lock, InstantSource clock) {
    this.lock = lock;
    this.clock = clock;
  }

  /** Writes the entries of a job change; the caller holds the lock. */
  void onChange(@Nullable Job before, @Nullable Job after) {
    for (OutboxEntry e : OutboxRules.changes(before, after, clock.instant())) {
      write(e);
    }
  }

  private boolean write(OutboxEntry draft) {
    if (!keys.add(draft.key())) {
      return false;
    }
    OutboxEntry e = draft.withSeq(nextSeq++);
    entries.put(e.seq(), e);
    destinations.forEach((name, events) -> {
      if (events.contains(e.event())) {
        deliveries.computeIfAbsent(name, n -> new TreeMap<>()).put(e.seq(),
            new Delivery(name, e, Delivery.State.PENDING, 0, e.at(), null, null));
      }
    });
    return true;
  }

  @Override
  public void register(String destination, Set<OutboxEvent> events) {
    checkName(destination);
    synchronized (lock) {
      destinations.put(destination, events.isEmpty() ? Set.of() : EnumSet.copyOf(events));
    }
  }

  @Override
  public boolean append(OutboxEntry entry) {
    Objects.requireNonNull(entry, "entry");
    synchronized (lock) {
      return write(entry);
    }
  }

  @Override
  public boolean lease(String destination, String owner, Instant now, Duration length) {
    synchronized (lock) {
      Lease l = leases.get(destination);
      if (l != null && !l.owner().equals(owner) && !l.until().isBefore(now)) {
        return false;
      }
      leases.put(destination, new Lease(owner, now.plus(length)));
      return true;
    }
  }

  @Override
  public void release(String destination, String owner) {
    synchronized (lock) {
      Lease l = leases.get(destination);
      if (l != null && l.owner().equals(owner)) {
        leases.remove(destination);
      }
    }
  }

  @Override
  public List<Delivery> due(String destination, int limit) {
    synchronized (lock) {
      List<Delivery> out = new ArrayList<>();
      for (Delivery d : deliveries.getOrDefault(destination, new TreeMap<>()).values()) {
        if (out.size() >= limit) {
          break;
        }
        if (d.state() == Delivery.State.PENDING) {
          out.add(d);
        }
      }
      return out;
    }
  }

  @Override
  public boolean delivered(String destination, long seq, Instant at) {
    synchronized (lock) {
      Delivery d = find(destination, seq);
      if (d == null || d.state() != Delivery.State.PENDING) {
        return false;
      }
      replace(new Delivery(destination, d.entry(), Delivery.State.DELIVERED, d.attempts(),
          d.nextAttempt(), d.lastError(), d.memo()));
      deliveredAt.put(destination + '\u0000' + seq, at);
      return true;
    }
  }

  @Override
  public void failed(String destination, long seq, int attempts, Instant nextAttempt,
      String error, boolean dead) {
    synchronized (lock) {
      Delivery d = find(destination, seq);
      if (d != null && d.state() == Delivery.State.PENDING) {
        replace(new Delivery(destination, d.entry(), dead ? Delivery.State.DEAD
            : Delivery.State.PENDING, attempts, nextAttempt, error, d.memo()));
      }
    }
  }

  @Override
  public void remember(String destination, long seq, String memo) {
    synchronized (lock) {
      Delivery d = find(destination, seq);
      if (d != null) {
        replace(new Delivery(destination, d.entry(), d.state(), d.attempts(), d.nextAttempt(),
            d.lastError(), Delivery.cut(memo)));
      }
    }
  }

  @Override
  public List<Delivery> deadLetters(int limit) {
    synchronized (lock) {
      List<Delivery> out = new ArrayList<>();
      for (TreeMap<Long, Delivery> m : deliveries.values()) {
        for (Delivery d : m.values()) {
          if (d.state() == Delivery.State.DEAD) {
            out.add(d);
          }
        }
      }
      out.sort((a, b) -> Long.compare(b.entry().seq(), a.entry().seq()));
      return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }
  }

  @Override
  public boolean retryNow(String destination, long seq, Instant now) {
    synchronized (lock) {
      Delivery d = find(destination, seq);
      if (d == null || d.state() == Delivery.State.DELIVERED) {
        return false;
      }
      replace(new Delivery(destination, d.entry(), Delivery.State.PENDING, 0, now,
          d.lastError(), d.memo()));
      return true;
    }
  }

  @Override
  public List<OutboxBacklog> backlog() {
    synchronized (lock) {
      List<OutboxBacklog> out = new ArrayList<>();
      for (String name : destinations.keySet()) {
        long pending = 0;
        long dead = 0;
        for (Delivery d : deliveries.getOrDefault(name, new TreeMap<>()).values()) {
          pending += d.state() == Delivery.State.PENDING ? 1 : 0;
          dead += d.state() == Delivery.State.DEAD ? 1 : 0;
        }
        Lease l = leases.get(name);
        out.add(new OutboxBacklog(name, pending, dead, l == null ? null : l.owner()));
      }
      return out;
    }
  }

  @Override
  public List<Delivery> deliveriesOf(String jobId) {
    synchronized (lock) {
      List<Delivery> out = new ArrayList<>();
      for (TreeMap<Long, Delivery> m : deliveries.values()) {
        for (Delivery d : m.values()) {
          if (jobId.equals(d.entry().jobId())) {
            out.add(d);
          }
        }
      }
      out.sort((a, b) -> a.entry().seq() != b.entry().seq()
          ? Long.compare(a.entry().seq(), b.entry().seq())
          : a.destination().compareTo(b.destination()));
      return out;
    }
  }

  @Override
  public int prune(Instant before) {
    synchronized (lock) {
      int n = 0;
      for (TreeMap<Long, Delivery> m : deliveries.values()) {
        var it = m.values().iterator();
        while (it.hasNext()) {
          Delivery d = it.next();
          String k = d.destination() + '\u0000' + d.entry().seq();
          Instant at = deliveredAt.get(k);
          if (d.state() == Delivery.State.DELIVERED && at != null && at.isBefore(before)) {
            it.remove();
            deliveredAt.remove(k);
            n++;
          }
        }
      }
      Set<Long> referenced = new HashSet<>();
      deliveries.values().forEach(m -> referenced.addAll(m.keySet()));
      entries.entrySet().removeIf(e -> {
        boolean gone = !referenced.contains(e.getKey()) && e.getValue().at().isBefore(before);
        if (gone && e.getValue().event() != OutboxEvent.FILAMENT_USED) {
          keys.remove(e.getValue().key()); // versioned keys never recur; filament keys could
        }
        return gone;
      });
      return n;
    }
  }

  private @Nullable Delivery find(String destination, long seq) {
    TreeMap<Long, Delivery> m = deliveries.get(destination);
    return m == null ? null : m.get(seq);
  }

  private void replace(Delivery d) {
    deliveries.computeIfAbsent(d.destination(), n -> new TreeMap<>()).put(d.entry().seq(), d);
  }

  static void checkName(String destination) {
    if (destination.isEmpty() || destination.length() > 128) {
      throw new IllegalArgumentException("a destination name has 1-128 characters");
    }
  }
}
