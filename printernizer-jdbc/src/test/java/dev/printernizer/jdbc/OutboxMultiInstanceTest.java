package dev.printernizer.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.Printernizer;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.outbox.OutboxEntry;
import dev.printernizer.testkit.fake.FakePrinterDriverProvider;
import dev.printernizer.testkit.fake.ManualClock;
import dev.printernizer.testkit.outbox.RecordingDestination;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Three engines on one database deliver the outbox to one receiver: every entry exactly once and
 * in the order written, while their pollers run concurrently, and after one instance dies
 * without a word (its lease runs out, another takes over).
 */
class OutboxMultiInstanceTest {
  private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
  private static final int PRINTERS = 4;

  private static final class Instance {
    final ManualClock clock = new ManualClock(T0, 0);
    final FakePrinterDriverProvider fakes = new FakePrinterDriverProvider();
    final Printernizer engine;
    volatile boolean alive = true;

    Instance(JdbcJobStore store, RecordingDestination receiver) {
      Printernizer.Builder b = Printernizer.builder().clock(clock).jobStore(store)
          .driverProvider(fakes).executor(Runnable::run).notificationExecutor(Runnable::run)
          .serviceDiscovery(false).destination(receiver);
      for (int p = 0; p < PRINTERS; p++) {
        b.printer(PrinterConfig.builder(PrinterId.of("farm-" + p), "fake").build());
      }
      engine = b.build();
      engine.start();
    }

    void show(int printer, PrinterState state, String file, double progress) {
      fakes.printer(PrinterId.of("farm-" + printer)).publish(StatusSnapshot.builder(
          PrinterId.of("farm-" + printer), state, clock.instant()).fileName(file)
          .progress(progress).build());
    }
  }

  private void runAgainst(Supplier<Databases.Db> database) throws Exception {
    try (Databases.Db db = database.get()) {
      RecordingDestination receiver = new RecordingDestination("hook");
      List<Instance> instances = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        instances.add(new Instance(JdbcJobStore.create(db.ds), receiver));
      }
      ExecutorService pool = Executors.newFixedThreadPool(instances.size());
      CyclicBarrier step = new CyclicBarrier(instances.size());
      try {
        for (int round = 0; round < 6; round++) {
          String file = "part-" + round + ".3mf";
          for (PrinterState s : List.of(PrinterState.IDLE, PrinterState.PRINTING,
              PrinterState.PAUSED, PrinterState.PRINTING, PrinterState.FINISHED)) {
            receiver.down(true); // entries pile up, then the instances' pollers compete
            for (Instance in : instances) {
              if (in.alive) {
                for (int p = 0; p < PRINTERS; p++) {
                  in.show(p, s, s == PrinterState.IDLE ? null : file, 50);
                }
              }
            }
            receiver.down(false);
            // the instances' timers (polls, lease renewals, retries) run concurrently
            List<Future<?>> ticks = new ArrayList<>();
            for (Instance in : instances) {
              ticks.add(pool.submit(() -> {
                for (int k = 0; k < 10; k++) {
                  step.await(30, TimeUnit.SECONDS);
                  if (in.alive) {
                    in.clock.advance(Duration.ofSeconds(1));
                  }
                }
                return null;
              }));
            }
            for (Future<?> f : ticks) {
              f.get(2, TimeUnit.MINUTES);
            }
          }
          if (round == 2) {
            instances.get(0).alive = false; // dies without closing: its lease must run out
          }
        }
        for (int k = 0; k < 60; k++) { // a minute for the last deliveries and the dead lease
          for (Instance in : instances) {
            if (in.alive) {
              in.clock.advance(Duration.ofSeconds(1));
            }
          }
        }
      } finally {
        pool.shutdownNow();
        for (Instance in : instances) {
          if (in.alive) {
            in.engine.close();
          }
        }
      }
      List<OutboxEntry> got = receiver.received();
      Set<String> keys = new HashSet<>();
      for (OutboxEntry e : got) {
        assertTrue(keys.add(e.key()), "delivered twice: " + e.key());
      }
      for (int i = 1; i < got.size(); i++) {
        assertTrue(got.get(i).seq() > got.get(i - 1).seq(), "out of order at " + i + ": "
            + got.get(i - 1).key() + " then " + got.get(i).key());
      }
      try (Connection c = db.ds.getConnection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT (SELECT COUNT(*) FROM printernizer_outbox),"
              + " (SELECT COUNT(*) FROM printernizer_jobs)")) {
        assertTrue(rs.next());
        assertEquals(PRINTERS * 6, rs.getInt(2), "one job per print");
        // per job: created, paused, resumed, completed
        assertEquals(PRINTERS * 6 * 4, rs.getInt(1), "entries in the outbox");
        assertEquals(rs.getInt(1), got.size(), "every entry delivered");
      }
    }
  }

  @Test
  void threeInstancesOnPostgreSqlDeliverEachEntryOnce() throws Exception {
    runAgainst(() -> Databases.postgres(12));
  }

  @Test
  void threeInstancesOnMariaDbDeliverEachEntryOnce() throws Exception {
    runAgainst(() -> Databases.mariadb(12));
  }
}
