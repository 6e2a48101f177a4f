package dev.printernizer.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.printernizer.api.Detection;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.Tracking;
import dev.printernizer.jdbc.JdbcJobStore;
import dev.printernizer.spi.JobStore;
import dev.printernizer.store.InMemoryJobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/** The stores the benchmarks run against, each fresh and empty, with a cleanup. */
final class Stores {

  static final String PG_URL = System.getProperty("printernizer.bench.pg.url",
      "jdbc:postgresql://127.0.0.1:5432/test");
  static final String PG_USER = System.getProperty("printernizer.bench.pg.user", "postgres");

  private Stores() {}

  /** A store and what removes it. */
  record Handle(JobStore store, AutoCloseable cleanup) implements AutoCloseable {
    @Override
    public void close() {
      store.close();
      try {
        cleanup.close();
      } catch (Exception e) {
        throw new IllegalStateException("cleanup failed: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Opens a fresh store.
   *
   * @param kind memory, h2 or postgres
   */
  static Handle open(String kind) {
    switch (kind) {
      case "memory":
        return new Handle(new InMemoryJobStore(), () -> { });
      case "h2":
        try {
          Path dir = Files.createTempDirectory("printernizer-bench-h2");
          return new Handle(JdbcJobStore.h2(dir), () -> deleteTree(dir));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      case "postgres":
        return postgres();
      default:
        throw new IllegalArgumentException("unknown store '" + kind
            + "': use memory, h2 or postgres");
    }
  }

  /** @return null when PostgreSQL answers, else why not */
  static String postgresProblem() {
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
      return c.isValid(2) ? null : "connection not valid";
    } catch (SQLException e) {
      return "PostgreSQL is not reachable at " + PG_URL + " (" + e.getMessage() + ")";
    }
  }

  private static Handle postgres() {
    String problem = postgresProblem();
    if (problem != null) {
      throw new IllegalStateException(problem);
    }
    String schema = "pz_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    exec("CREATE SCHEMA " + schema);
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(PG_URL);
    cfg.setUsername(PG_USER);
    cfg.setSchema(schema);
    cfg.setMaximumPoolSize(4);
    HikariDataSource ds = new HikariDataSource(cfg);
    return new Handle(JdbcJobStore.create(ds), () -> {
      ds.close();
      exec("DROP SCHEMA " + schema + " CASCADE");
    });
  }

  private static void exec(String sql) {
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL: " + sql + ": " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The run key of the i-th seeded job. */
  static String seededKey(int i) {
    return "seed:" + i + "|part-" + (i % 997) + ".gcode";
  }

  /** The printer of the i-th seeded job (history spread over 10 printers). */
  static PrinterId seededPrinter(int i) {
    return PrinterId.of("p" + (i % 10));
  }

  /**
   * Fills a store with a closed job history.
   *
   * @param store the store
   * @param jobs how many jobs
   */
  static void seed(JobStore store, int jobs) {
    Instant base = Instant.parse("2024-01-01T00:00:00Z");
    for (int i = 0; i < jobs; i++) {
      Instant start = base.plusSeconds(60L * i);
      Job job = Job.builder(UUID.randomUUID().toString(), seededPrinter(i), "job " + i, start)
          .fileName("part-" + (i % 997) + ".gcode").autoCreated(true)
          .run(new RunLink(seededKey(i), null, Detection.LIVE, start, null))
          .tracking(Tracking.started(JobStatus.RUNNING, start)
              .closed(JobStatus.COMPLETED, start.plus(Duration.ofMinutes(45)), null))
          .build();
      store.createIfAbsent(job);
    }
  }
}
