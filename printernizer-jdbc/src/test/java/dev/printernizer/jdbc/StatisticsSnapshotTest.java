package dev.printernizer.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Tracking;
import dev.printernizer.statistics.JobStatistics;
import dev.printernizer.statistics.MaterialTotals;
import dev.printernizer.statistics.StatisticsQuery;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Statistics are several queries (running totals, jobs near the month starts, material rows);
 * another instance that commits a job between them must not make them disagree. The test slips
 * a committed job in after the first query of the statistics connection.
 */
class StatisticsSnapshotTest {
  @TempDir
  static Path dir;
  /** A zone whose months start off UTC's: the statistics read the jobs near the month starts. */
  private static final java.time.ZoneId BERLIN = java.time.ZoneId.of("Europe/Berlin");

  static Stream<String> databases() {
    return Stream.of("h2", "sqlite", "postgresql", "mariadb");
  }

  private static Databases.Db open(String kind) {
    switch (kind) {
      case "h2": return Databases.h2Memory();
      case "sqlite": return Databases.sqlite(dir, 2);
      case "postgresql": return Databases.postgres(4);
      default: return Databases.mariadb(4);
    }
  }

  private static Job closedJob(String id, Instant at) {
    return Job.builder(id, PrinterId.of("p1"), "Part " + id, at)
        .tracking(Tracking.of(JobStatus.COMPLETED, at, at.plus(Duration.ofHours(1)), 100, null,
            null, null, 0, Duration.ZERO, List.of(), null))
        .printFile(PrintFile.builder().filaments(List.of(new FilamentUse(0, "PLA", null, 10.0,
            null))).build())
        .build();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aJobCommittedBetweenTheQueriesIsSeenByAllOfThemOrByNone(String kind) throws Exception {
    try (Databases.Db db = open(kind)) {
      ExecutorService other = Executors.newSingleThreadExecutor();
      JdbcJobStore writer = JdbcJobStore.create(db.ds);
      Instant at = Instant.parse("2026-11-10T10:00:00Z");
      writer.insert(closedJob("j0", at));
      AtomicInteger slipped = new AtomicInteger();
      try {
        // the job slips in after the first, second, ... statement of the statistics
        for (int slipAt = 1; slipAt <= 8; slipAt++) {
          AtomicBoolean armed = new AtomicBoolean();
          AtomicInteger statements = new AtomicInteger();
          String id = "j" + slipAt;
          Runnable slipIn = () -> {
            try {
              other.submit(() -> writer.insert(closedJob(id, at.plusSeconds(7200)))).get();
              slipped.incrementAndGet();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          };
          JdbcJobStore reader = JdbcJobStore.create(watching(db.ds, armed, statements, slipIn,
              slipAt));
          armed.set(true);
          JobStatistics s = reader.statistics(StatisticsQuery.all(BERLIN));
          armed.set(false);
          MaterialTotals pla = s.byMaterial().get("PLA");
          assertEquals(s.total().jobs() * 10.0, s.total().filamentGrams(), 1e-9,
              "slipped in after statement " + slipAt);
          assertEquals(s.total().filamentGrams(), pla == null ? 0.0 : pla.grams(), 1e-9,
              "the totals and the materials saw the same jobs (slipped in after statement "
                  + slipAt + ")");
        }
        assertTrue(slipped.get() >= 2, "the statistics ran several statements, a job slipped"
            + " in after " + slipped + " of them");
        assertEquals(1 + slipped.get(), writer.statistics(StatisticsQuery.all(ZoneOffset.UTC))
            .total().jobs());
      } finally {
        other.shutdownNow();
      }
    }
  }

  /** Connections that run {@code slipIn} once, before statement number {@code slipAt}. */
  private static DataSource watching(DataSource ds, AtomicBoolean armed,
      AtomicInteger statements, Runnable slipIn, int slipAt) {
    AtomicBoolean done = new AtomicBoolean();
    return new SwitchableDataSource(ds) {
      @Override
      public Connection getConnection() throws SQLException {
        Connection c = super.getConnection();
        if (!armed.get()) {
          return c;
        }
        InvocationHandler h = (proxy, m, args) -> {
          boolean statement = m.getName().equals("prepareStatement")
              || m.getName().equals("createStatement");
          if (statement && statements.getAndIncrement() == slipAt
              && done.compareAndSet(false, true)) {
            slipIn.run(); // statement number slipAt is about to be prepared
          }
          try {
            return m.invoke(c, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class}, h);
      }
    };
  }
}
