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
  record Handle(JobStore store, AutoCloseable cleanup, String kind, String jdbcUrl, String user)
      implements AutoCloseable {
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
        return new Handle(new InMemoryJobStore(), () -> { }, kind, null, null);
      case "h2":
        try {
          Path dir = Files.createTempDirectory("printernizer-bench-h2");
          // the URL JdbcJobStore.h2 opens: a second connection in this JVM shares the database
          String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("printernizer")
              + ";DB_CLOSE_ON_EXIT=FALSE";
          return new Handle(JdbcJobStore.h2(dir), () -> deleteTree(dir), kind, url, "sa");
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
    HikariDataSource ds;
    JdbcJobStore store;
    try {
      ds = new HikariDataSource(cfg);
    } catch (RuntimeException e) {
      exec("DROP SCHEMA " + schema + " CASCADE");
      throw e;
    }
    try {
      store = JdbcJobStore.create(ds);
    } catch (RuntimeException e) {
      ds.close();
      exec("DROP SCHEMA " + schema + " CASCADE");
      throw e;
    }
    return new Handle(store, () -> {
      ds.close();
      exec("DROP SCHEMA " + schema + " CASCADE");
    }, "postgres", PG_URL + "?currentSchema=" + schema, PG_USER);
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

  /** Jobs written through {@code createIfAbsent} before an SQL store is filled in bulk. */
  static final int THROUGH_THE_STORE = 1_000;

  /**
   * Fills a store with a closed job history of {@code jobs} jobs. The first
   * {@value #THROUGH_THE_STORE} go through {@link JobStore#createIfAbsent}; an SQL store is then
   * filled up by copying the first job's row with one {@code INSERT ... SELECT} per 100,000 rows
   * (only the seeding is faster that way: a million inserts one by one would take most of an hour
   * per trial), and its statistics are refreshed, as autovacuum would do on a live database.
   *
   * @param h the store
   * @param jobs how many jobs
   */
  static void seed(Handle h, int jobs) {
    if (h.jdbcUrl() == null || jobs <= THROUGH_THE_STORE) {
      seed(h.store(), 0, jobs);
      return;
    }
    seed(h.store(), 0, THROUGH_THE_STORE);
    String range = h.kind().equals("postgres") ? "generate_series(?, ?) AS g(x)"
        : "SYSTEM_RANGE(?, ?) AS g";
    String sql = "INSERT INTO printernizer_jobs (id, printer_id, name, file_name,"
        + " normalized_file, auto_created, created_at, run_key, printer_job_id, detection,"
        + " discovery_time, printer_start_time, status, open_printer, start_time, end_time,"
        + " progress, remaining_ms, layer_num, total_layers, pause_count, paused_ms, gaps,"
        + " close_reason, customer, business, material_cost, notes, version, auto_metadata)"
        + " SELECT 'seed-' || g.x, 'p' || MOD(g.x, 10), 'job ' || g.x,"
        + " 'part-' || MOD(g.x, 997) || '.gcode',"
        + " REPLACE(t.normalized_file, 'part-0', 'part-' || MOD(g.x, 997)), t.auto_created,"
        + " t.created_at + 60000 * g.x, 'seed:' || g.x || '|part-' || MOD(g.x, 997) || '.gcode',"
        + " t.printer_job_id, t.detection, t.discovery_time + 60000 * g.x,"
        + " t.printer_start_time + 60000 * g.x, t.status, NULL, t.start_time + 60000 * g.x,"
        + " t.end_time + 60000 * g.x, t.progress, t.remaining_ms, t.layer_num, t.total_layers,"
        + " t.pause_count, t.paused_ms, t.gaps, t.close_reason, t.customer, t.business,"
        + " t.material_cost, t.notes, t.version, t.auto_metadata"
        + " FROM printernizer_jobs t, " + range
        + " WHERE t.printer_id = 'p0' AND t.run_key = ?";
    try (Connection c = DriverManager.getConnection(h.jdbcUrl(), h.user(), "")) {
      c.setAutoCommit(true);
      for (long from = THROUGH_THE_STORE; from < jobs; from += 100_000) {
        try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setLong(1, from);
          ps.setLong(2, Math.min(jobs, from + 100_000) - 1);
          ps.setString(3, seededKey(0));
          int n = ps.executeUpdate();
          if (n != Math.min(jobs, from + 100_000) - from) {
            throw new IllegalStateException("bulk seeding copied " + n + " rows from " + from);
          }
        }
      }
      try (Statement st = c.createStatement()) {
        st.execute(h.kind().equals("postgres") ? "ANALYZE printernizer_jobs" : "ANALYZE");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("bulk seeding of " + h.kind() + " failed: "
          + e.getMessage(), e);
    }
    long count = h.store().count(dev.printernizer.api.JobQuery.all());
    if (count != jobs) {
      throw new IllegalStateException("seeded " + count + " jobs, wanted " + jobs);
    }
  }

  private static void seed(JobStore store, int from, int to) {
    Instant base = Instant.parse("2024-01-01T00:00:00Z");
    for (int i = from; i < to; i++) {      Instant start = base.plusSeconds(60L * i);
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
