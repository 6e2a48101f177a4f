package dev.printernizer.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.Printernizer;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.spi.JobStore;
import dev.printernizer.testkit.fake.FakePrinterDriverProvider;
import dev.printernizer.testkit.fake.ManualClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * P18: three engine instances share one database and watch the same printers; they are fed the
 * same printer event streams concurrently (each a little later than the previous, with its own
 * observation times), one of them restarts twice. Exactly one job per run, checked in the
 * database.
 */
class MultiInstanceTest {
  private static final int INSTANCES = 3;
  private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

  /** One scripted report: at a time, a printer shows a state. */
  private record Event(int printer, long atMillis, PrinterState state, String file, String jobId,
      double progress) {
  }

  /** The script and the runs it contains. */
  private static final class Script {
    final List<Event> events = new ArrayList<>();
    final Map<Integer, List<JobStatus>> outcomes = new HashMap<>();
  }

  /** 4 printers (2 with job ids, 2 without), 6 runs each, reprints of the same file included. */
  private static Script script() {
    Script s = new Script();
    SplittableRandom rnd = new SplittableRandom(18);
    String[] files = {"cube.gcode.3mf", "gear.3mf", "cube.gcode.3mf"};
    for (int p = 0; p < 4; p++) {
      long t = 1000L * p;
      List<JobStatus> outcomes = new ArrayList<>();
      int jobCounter = 500;
      s.events.add(new Event(p, t, PrinterState.IDLE, null, null, 0));
      for (int run = 0; run < 6; run++) {
        String file = files[run % files.length];
        String id = p < 2 ? String.valueOf(++jobCounter) : null;
        t += 60_000;
        for (int k = 0; k <= 5; k++) {
          s.events.add(new Event(p, t, k == 3 ? PrinterState.PAUSED : PrinterState.PRINTING,
              file, id, k * 15.0));
          t += 30_000 + rnd.nextInt(30_000);
        }
        PrinterState end = new PrinterState[] {PrinterState.FINISHED, PrinterState.FAILED,
            PrinterState.CANCELLED}[run % 3];
        s.events.add(new Event(p, t, end, file, id, 80));
        outcomes.add(end == PrinterState.FINISHED ? JobStatus.COMPLETED
            : end == PrinterState.FAILED ? JobStatus.FAILED : JobStatus.CANCELLED);
        t += 20_000;
        s.events.add(new Event(p, t, PrinterState.IDLE, null, null, 0));
      }
      s.outcomes.put(p, outcomes);
    }
    s.events.sort((a, b) -> Long.compare(a.atMillis, b.atMillis));
    return s;
  }

  /** One engine instance replaying the script with its own clock and observation offset. */
  private static final class Instance {
    final int index;
    final JobStore store;
    final ManualClock clock;
    final AtomicInteger autoCreated;
    Printernizer engine;
    FakePrinterDriverProvider fakes;

    Instance(int index, JobStore store, AtomicInteger autoCreated) {
      this.index = index;
      this.store = store;
      this.autoCreated = autoCreated;
      this.clock = new ManualClock(T0, index * 1_000_000_000L);
    }

    void start() {
      fakes = new FakePrinterDriverProvider();
      Printernizer.Builder b = Printernizer.builder().clock(clock).jobStore(store)
          .driverProvider(fakes).executor(Runnable::run).notificationExecutor(Runnable::run)
          .serviceDiscovery(false).notifier(e -> {
            if (e instanceof PrinternizerEvent.JobAutoCreated) {
              autoCreated.incrementAndGet();
            }
          });
      for (int p = 0; p < 4; p++) {
        b.printer(PrinterConfig.builder(PrinterId.of("farm-" + p), "fake").build());
      }
      engine = b.build();
      engine.start();
    }

    void deliver(Event e) {
      // each instance sees the report a little later than the one before it
      Instant at = T0.plusMillis(e.atMillis + 137L * index);
      clock.setWallTime(at.isBefore(clock.instant()) ? clock.instant() : at);
      StatusSnapshot.Builder s = StatusSnapshot.builder(PrinterId.of("farm-" + e.printer),
          e.state, clock.instant()).fileName(e.file).printerJobId(e.jobId)
          .progress(e.progress);
      fakes.printer(PrinterId.of("farm-" + e.printer)).publish(s.build());
    }
  }

  private void runAgainst(Supplier<Databases.Db> database) throws Exception {
    Script script = script();
    try (Databases.Db db = database.get()) {
      JdbcJobStore store = JdbcJobStore.create(db.ds);
      AtomicInteger autoCreated = new AtomicInteger();
      List<Instance> instances = new ArrayList<>();
      for (int i = 0; i < INSTANCES; i++) {
        Instance in = new Instance(i, store, autoCreated);
        in.start();
        instances.add(in);
      }
      int n = script.events.size();
      CyclicBarrier barrier = new CyclicBarrier(INSTANCES);
      ExecutorService pool = Executors.newFixedThreadPool(INSTANCES);
      try {
        List<Future<Long>> done = new ArrayList<>();
        for (Instance in : instances) {
          done.add(pool.submit(() -> {
            for (int k = 0; k < n; k++) {
              if (k % 4 == 0) {
                barrier.await(60, TimeUnit.SECONDS); // keep the instances close together
              }
              if (in.index == 2 && (k == n / 3 || k == 2 * n / 3)) {
                in.engine.close(); // a restart of one instance in the middle of prints
                in.start();
              }
              in.deliver(script.events.get(k));
            }
            return in.engine.failedTasks();
          }));
        }
        for (Future<Long> f : done) {
          assertEquals(0L, f.get(5, TimeUnit.MINUTES), "engine tasks failed");
        }
      } finally {
        pool.shutdownNow();
        instances.forEach(in -> in.engine.close());
      }
      for (int p = 0; p < 4; p++) {
        List<Job> jobs = new ArrayList<>(store.query(JobQuery.all()
            .withPrinter(PrinterId.of("farm-" + p)).withPage(0, 1000)));
        jobs.sort((a, b) -> a.tracking().startTime().orElseThrow()
            .compareTo(b.tracking().startTime().orElseThrow()));
        List<JobStatus> statuses = jobs.stream().map(Job::status).toList();
        assertEquals(script.outcomes.get(p), statuses, "printer farm-" + p + ": " + jobs);
      }
      assertEquals(24, autoCreated.get(), "one job_auto_created per job, across instances");
      try (Connection c = db.ds.getConnection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT (SELECT COUNT(*) FROM printernizer_jobs),"
              + " (SELECT COUNT(*) FROM (SELECT DISTINCT printer_id, run_key"
              + " FROM printernizer_jobs) d)")) {
        assertTrue(rs.next());
        assertEquals(24, rs.getInt(1), "jobs in the database");
        assertEquals(24, rs.getInt(2), "distinct runs in the database");
      }
    }
  }

  @Test
  void threeInstancesOnPostgreSql() throws Exception {
    runAgainst(() -> Databases.postgres(12));
  }

  @Test
  void threeInstancesOnMariaDb() throws Exception {
    runAgainst(() -> Databases.mariadb(12));
  }

  @Test
  void threeInstancesOnH2() throws Exception {
    runAgainst(Databases::h2Memory);
  }

}
