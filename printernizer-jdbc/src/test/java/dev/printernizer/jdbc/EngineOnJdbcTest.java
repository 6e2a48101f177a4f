package dev.printernizer.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.printernizer.Printernizer;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.spi.JobStore;
import dev.printernizer.testkit.fake.FakePrinter;
import dev.printernizer.testkit.fake.FakePrinterDriverProvider;
import dev.printernizer.testkit.fake.ForwardingJobStore;
import dev.printernizer.testkit.fake.ManualClock;
import dev.printernizer.testkit.fake.RecordingNotifier;
import dev.printernizer.testkit.model.PrinterWorldCheck;
import dev.printernizer.testkit.property.CheckResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine on a real SQL store: an outage mid-print, and the printer-world model on H2. */
class EngineOnJdbcTest {

  @Test
  void databaseOutageInTheMiddleOfAPrintLosesNothing() {
    try (Databases.Db db = Databases.h2Memory()) {
      SwitchableDataSource ds = new SwitchableDataSource(db.ds);
      JobStore store = JdbcJobStore.create(ds);
      ManualClock clock = new ManualClock();
      FakePrinterDriverProvider fakes = new FakePrinterDriverProvider();
      RecordingNotifier events = new RecordingNotifier();
      PrinterId id = PrinterId.of("p1");
      try (Printernizer p = Printernizer.builder().clock(clock).jobStore(store)
          .driverProvider(fakes).notifier(events).executor(Runnable::run)
          .notificationExecutor(Runnable::run).serviceDiscovery(false)
          .printer(PrinterConfig.builder(id, "fake").build()).build()) {
        p.start();
        FakePrinter x = fakes.printer(id);
        x.publish(x.snapshot(PrinterState.IDLE));
        ds.setDown(true); // the database goes away just before the print starts
        clock.advance(Duration.ofSeconds(5));
        Instant start = clock.instant();
        x.publish(x.snapshot(PrinterState.PRINTING).fileName("bracket.gcode").progress(0.0));
        for (int i = 1; i <= 6; i++) {
          clock.advance(Duration.ofSeconds(30));
          x.publish(x.snapshot(PrinterState.PRINTING).fileName("bracket.gcode")
              .progress((double) i));
        }
        assertEquals(0, p.failedTasks());
        ds.setDown(false); // back after three minutes; the print is still running
        clock.advance(Duration.ofSeconds(30));
        x.publish(x.snapshot(PrinterState.PRINTING).fileName("bracket.gcode").progress(7.0));
        clock.advance(Duration.ofMinutes(30));
        x.publish(x.snapshot(PrinterState.FINISHED).fileName("bracket.gcode"));
        List<Job> jobs = store.query(JobQuery.all());
        assertEquals(1, jobs.size(), jobs.toString());
        assertEquals(start, jobs.get(0).tracking().startTime().orElseThrow());
        assertEquals(JobStatus.COMPLETED, jobs.get(0).status());
        assertEquals(1, events.events(PrinternizerEvent.JobAutoCreated.class).size());
      }
    }
  }

  /** A JDBC store over a fresh in-memory H2 database that it drops on close. */
  static final class FreshH2Store extends ForwardingJobStore {
    private final Databases.Db db;

    private FreshH2Store(Databases.Db db) {
      super(JdbcJobStore.create(db.ds));
      this.db = db;
    }

    static FreshH2Store create() {
      return new FreshH2Store(Databases.h2Memory());
    }

    @Override
    public void close() {
      super.close();
      try (java.sql.Connection c = db.ds.getConnection();
          java.sql.Statement st = c.createStatement()) {
        st.execute("DROP ALL OBJECTS");
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
      db.close();
    }
  }

  @Test
  void printerWorldModelOnH2() {
    CheckResult r = PrinterWorldCheck.against(FreshH2Store::create)
        .sequences(Integer.getInteger("printernizer.model.jdbc.sequences", 300))
        .seed(20261128L).check();
    System.out.printf("printer-world model on H2: %d sequences, %d steps, %.1f s%n",
        r.cases(), r.steps(), r.nanos() / 1e9);
  }
}
