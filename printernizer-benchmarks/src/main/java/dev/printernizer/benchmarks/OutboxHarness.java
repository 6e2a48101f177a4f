package dev.printernizer.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.printernizer.Printernizer;
import dev.printernizer.api.Detection;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.Tracking;
import dev.printernizer.jdbc.JdbcJobStore;
import dev.printernizer.notifiers.webhook.WebhookDestination;
import dev.printernizer.outbox.OutboxBacklog;
import dev.printernizer.outbox.OutboxEvent;
import dev.printernizer.spi.JobStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the outbox costs and delivers: job creation latency with the outbox off and on (three
 * destinations registered, so each creation writes its entry and three deliveries in its
 * transaction), and the dispatcher's throughput from a backlog in PostgreSQL to a webhook
 * receiver on loopback.
 */
final class OutboxHarness {
  static final int PRINTERS = 50;
  private static final Set<OutboxEvent> HOOK_EVENTS = EnumSet.of(OutboxEvent.JOB_AUTO_CREATED,
      OutboxEvent.JOB_COMPLETED);

  private OutboxHarness() {}

  record Creation(String store, boolean outbox, int samples, double p50Ms, double p99Ms,
      double maxMs) {}

  /** Entries delivered before the steady rate is timed (the JIT warms up meanwhile). */
  static final int WARM_UP_ENTRIES = 2_000;

  record Dispatch(String store, int entries, double seconds, double steadySeconds,
      long requests) {
    double perSecond() {
      return entries / seconds;
    }

    /** @return entries per second after the first {@link #WARM_UP_ENTRIES} */
    double steadyPerSecond() {
      return (entries - WARM_UP_ENTRIES) / steadySeconds;
    }
  }

  private static Job job(int i, Instant at) {
    return Job.builder(UUID.randomUUID().toString(), PrinterId.of("bench-" + (i % PRINTERS)),
        "job " + i, at).fileName("part-" + (i % 97) + ".3mf").autoCreated(true)
        .run(new RunLink("bench:" + i, null, Detection.LIVE, at, null))
        .tracking(Tracking.started(JobStatus.RUNNING, at)).build();
  }

  /** Creates {@code n} jobs (each closed after it is timed) and answers the creation times. */
  static Creation creation(String kind, boolean outbox, int warmup, int n) {
    System.setProperty(JdbcJobStore.OUTBOX_PROPERTY, String.valueOf(outbox));
    try (Stores.Handle h = Stores.open(kind)) {
      JobStore store = h.store();
      if (outbox) {
        for (String d : new String[] {"webhook", "ntfy", "spoolman"}) {
          store.outbox().orElseThrow().register(d, EnumSet.allOf(OutboxEvent.class));
        }
      }
      Instant t0 = Instant.parse("2026-06-01T08:00:00Z");
      long[] nanos = new long[n];
      for (int i = 0; i < warmup + n; i++) {
        Job j = job(i, t0.plusMillis(i));
        long start = System.nanoTime();
        Job stored = store.createIfAbsent(j).requireJob();
        long took = System.nanoTime() - start;
        if (i >= warmup) {
          nanos[i - warmup] = took;
        }
        store.updateTracking(stored.id(), stored.tracking().closed(JobStatus.COMPLETED,
            t0.plusMillis(i + 1), null));
      }
      Arrays.sort(nanos);
      return new Creation(kind, outbox, n, nanos[n / 2] / 1e6, nanos[(int) (n * 0.99)] / 1e6,
          nanos[n - 1] / 1e6);
    } finally {
      System.clearProperty(JdbcJobStore.OUTBOX_PROPERTY);
    }
  }

  /**
   * Writes {@code jobs} created-and-completed jobs (two entries each) with a webhook destination
   * registered, then starts an engine with that webhook and times until nothing is pending.
   */
  static Dispatch dispatch(String kind, int jobs) throws Exception {
    // the JDK server's default waits for Nagle's algorithm; a real receiver answers at once
    System.setProperty("sun.net.httpserver.nodelay", "true");
    AtomicLong requests = new AtomicLong();
    HttpServer receiver = HttpServer.create(new InetSocketAddress(
        InetAddress.getLoopbackAddress(), 0), 64);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    receiver.setExecutor(threads);
    receiver.createContext("/", ex -> {
      ex.getRequestBody().readAllBytes();
      requests.incrementAndGet();
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    receiver.start();
    try (Stores.Handle h = Stores.open(kind)) {
      JobStore store = h.store();
      store.outbox().orElseThrow().register("webhook", HOOK_EVENTS);
      Instant t0 = Instant.parse("2026-06-01T08:00:00Z");
      for (int i = 0; i < jobs; i++) {
        Job stored = store.createIfAbsent(job(i, t0.plusMillis(i))).requireJob();
        store.updateTracking(stored.id(), stored.tracking().closed(JobStatus.COMPLETED,
            t0.plusMillis(i + 1), null));
      }
      WebhookDestination hook = WebhookDestination.builder("webhook", URI.create(
          "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")).events(HOOK_EVENTS)
          .build();
      long start = System.nanoTime();
      long warm = 0;
      try (Printernizer engine = Printernizer.builder().jobStore(store).destination(hook)
          .serviceDiscovery(false).build()) {
        engine.start();
        // watched at the receiver (a backlog query every few ms would compete for the CPU)
        while (requests.get() < jobs * 2L || pending(engine) > 0) {
          Thread.sleep(requests.get() < jobs * 2L ? 2 : 20);
          if (warm == 0 && requests.get() >= WARM_UP_ENTRIES) {
            warm = System.nanoTime();
          }
          if (System.nanoTime() - start > 600_000_000_000L) {
            throw new IllegalStateException("the backlog was not delivered in 10 minutes");
          }
        }
      }
      long end = System.nanoTime();
      return new Dispatch(kind, jobs * 2, (end - start) / 1e9, (end - warm) / 1e9,
          requests.get());
    } finally {
      receiver.stop(0);
      threads.shutdownNow();
    }
  }

  private static long pending(Printernizer engine) {
    long n = 0;
    for (OutboxBacklog b : engine.deliveries().backlog()) {
      n += b.pending();
    }
    return n;
  }
}
