package dev.printernizer.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.Job;
import dev.printernizer.api.JobStatus;
import dev.printernizer.jdbc.internal.Dialect;
import dev.printernizer.jdbc.internal.Migrator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Schema creation from empty, upgrade from version 1, refusal of newer or altered schemas. */
class MigrationTest {
  @TempDir
  static Path dir;

  static Stream<String> databases() {
    return Stream.of("h2", "sqlite", "postgresql", "mariadb");
  }

  private static Databases.Db open(String kind) {
    switch (kind) {
      case "h2": return Databases.h2Memory();
      case "sqlite": return Databases.sqlite(dir, 2);
      case "postgresql": return Databases.postgres(2);
      default: return Databases.mariadb(2);
    }
  }

  private static List<Integer> versions(Databases.Db db) throws SQLException {
    List<Integer> v = new ArrayList<>();
    try (Connection c = db.ds.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT version FROM printernizer_schema ORDER BY version")) {
      while (rs.next()) {
        v.add(rs.getInt(1));
      }
    }
    return v;
  }

  private static void exec(Databases.Db db, String sql) throws SQLException {
    try (Connection c = db.ds.getConnection(); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void fromEmpty(String kind) throws SQLException {
    try (Databases.Db db = open(kind)) {
      JdbcJobStore store = JdbcJobStore.create(db.ds);
      assertEquals(List.of(1, 2, 3, 4, 5, 6), versions(db));
      JdbcJobStore.create(db.ds); // a second start changes nothing
      assertEquals(List.of(1, 2, 3, 4, 5, 6), versions(db));
      assertEquals(kind.toUpperCase(java.util.Locale.ROOT), store.databaseKind());
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void fromVersionOneKeepingRows(String kind) throws SQLException {
    try (Databases.Db db = open(kind)) {
      Dialect d;
      try (Connection c = db.ds.getConnection()) {
        d = Dialect.of(c);
      }
      Migrator.migrate(db.ds, d, 1);
      assertEquals(List.of(1), versions(db));
      exec(db, "INSERT INTO printernizer_jobs (id, printer_id, name, file_name, normalized_file,"
          + " auto_created, created_at, status, progress, pause_count, paused_ms, business,"
          + " version) VALUES ('old-1', 'p1', 'Old job', 'old.gcode', 'old', false,"
          + " 1700000000000, 'PLANNED', 0, 0, 0, false, 1)");
      JdbcJobStore store = JdbcJobStore.create(db.ds);
      assertEquals(List.of(1, 2, 3, 4, 5, 6), versions(db));
      Job old = store.get("old-1").orElseThrow();
      assertEquals("Old job", old.name());
      assertEquals(JobStatus.PLANNED, old.status());
      assertTrue(old.printFile().isEmpty(), "a job from before schema 3 has no print file");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void fromVersionThreeDerivingTheStatisticsOfClosedJobs(String kind) throws SQLException {
    try (Databases.Db db = open(kind)) {
      Dialect d;
      try (Connection c = db.ds.getConnection()) {
        d = Dialect.of(c);
      }
      Migrator.migrate(db.ds, d, 3);
      exec(db, "INSERT INTO printernizer_jobs (id, printer_id, name, file_name, normalized_file,"
          + " auto_created, created_at, status, start_time, end_time, progress, pause_count,"
          + " paused_ms, business, version, file_known, file_filaments) VALUES ('old-2', 'p1',"
          + " 'Old print', 'old.gcode', 'old', false, 1700000000000, 'FAILED', 1700000000000,"
          + " 1700003600000, 25, 0, 0, false, 1, true, '0|PLA||40|\n1|petg||8|')");
      JdbcJobStore store = JdbcJobStore.create(db.ds);
      dev.printernizer.statistics.JobStatistics s = store.statistics(
          dev.printernizer.statistics.StatisticsQuery.all(java.time.ZoneOffset.UTC));
      assertEquals(12.0, s.total().filamentGrams(), 1e-9, "25% of 48 g, derived at the upgrade");
      assertEquals(2.0, s.byMaterial().get("PETG").grams(), 1e-9);
      assertEquals(java.time.Duration.ofHours(1), s.total().printingTime());
      assertTrue(store.delete("old-2"));
      assertTrue(store.statistics(dev.printernizer.statistics.StatisticsQuery.all(
          java.time.ZoneOffset.UTC)).byMaterial().isEmpty(), "its material rows went with it");
    }
  }

  /**
   * Two instances that upgrade one history to version 4 at the same time: the statistics data
   * is derived once (before, both filled the totals, or one failed on the other's rows).
   */
  @ParameterizedTest
  @MethodSource("databases")
  void twoInstancesUpgradingTogetherCountEveryJobOnce(String kind) throws Exception {
    try (Databases.Db db = open(kind)) {
      Dialect d;
      try (Connection c = db.ds.getConnection()) {
        d = Dialect.of(c);
      }
      Migrator.migrate(db.ds, d, 3);
      int jobs = 3000;
      try (Connection c = db.ds.getConnection()) {
        c.setAutoCommit(false);
        try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO printernizer_jobs"
            + " (id, printer_id, name, file_name, normalized_file, auto_created, created_at,"
            + " status, start_time, end_time, progress, pause_count, paused_ms, business,"
            + " version, file_known, file_filaments) VALUES (?, 'p1', 'Old print', 'old.gcode',"
            + " 'old', false, ?, 'COMPLETED', ?, ?, 100, 0, 0, false, 1, true, '0|PLA||2|')")) {
          for (int i = 0; i < jobs; i++) {
            long at = 1_700_000_000_000L + i * 60_000L;
            ps.setString(1, String.format("old-%05d", i));
            ps.setLong(2, at);
            ps.setLong(3, at);
            ps.setLong(4, at + 30_000L);
            ps.addBatch();
          }
          ps.executeBatch();
        }
        c.commit();
      }
      java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
      java.util.concurrent.ExecutorService two = java.util.concurrent.Executors
          .newFixedThreadPool(2);
      try {
        List<java.util.concurrent.Future<JdbcJobStore>> started = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          started.add(two.submit(() -> {
            together.await();
            return JdbcJobStore.create(db.ds);
          }));
        }
        for (java.util.concurrent.Future<JdbcJobStore> f : started) {
          JdbcJobStore store = f.get(); // neither fails
          dev.printernizer.statistics.JobStatistics s = store.statistics(
              dev.printernizer.statistics.StatisticsQuery.all(java.time.ZoneOffset.UTC));
          assertEquals(jobs, s.total().jobs(), "each job counted once");
          assertEquals(2.0 * jobs, s.total().filamentGrams(), 1e-6);
          assertEquals(2.0 * jobs, s.byMaterial().get("PLA").grams(), 1e-6);
        }
      } finally {
        two.shutdownNow();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void newerSchemaIsRefusedUntouched(String kind) throws SQLException {
    try (Databases.Db db = open(kind)) {
      JdbcJobStore.create(db.ds);
      exec(db, "INSERT INTO printernizer_schema (version, description, checksum, applied_at)"
          + " VALUES (99, 'V99__future.sql', 'x', 0)");
      JobStoreException e = assertThrows(JobStoreException.class,
          () -> JdbcJobStore.create(db.ds));
      assertTrue(e.getMessage().contains("version 99") && e.getMessage().contains("newer"),
          e.getMessage());
      assertEquals(List.of(1, 2, 3, 4, 5, 6, 99), versions(db));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void alteredMigrationIsRefused(String kind) throws SQLException {
    try (Databases.Db db = open(kind)) {
      JdbcJobStore.create(db.ds);
      exec(db, "UPDATE printernizer_schema SET checksum = 'edited' WHERE version = 1");
      JobStoreException e = assertThrows(JobStoreException.class,
          () -> JdbcJobStore.create(db.ds));
      assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }
  }

  @org.junit.jupiter.api.Test
  void unreachableDatabaseGivesAClearError() {
    SwitchableDataSource ds = new SwitchableDataSource(null);
    ds.setDown(true);
    Supplier<JdbcJobStore> create = () -> JdbcJobStore.create(ds);
    JobStoreException e = assertThrows(JobStoreException.class, create::get);
    assertTrue(e.getMessage().startsWith("cannot reach the job store database"), e.getMessage());
  }
}
