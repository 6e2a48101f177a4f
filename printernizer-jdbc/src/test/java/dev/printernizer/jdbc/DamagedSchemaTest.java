package dev.printernizer.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.Job;
import dev.printernizer.api.PrinterId;
import dev.printernizer.jdbc.internal.Migrator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any data source: a database holding part of the Printernizer schema (one table without the
 * other, or tables without a recorded version) is refused, not "repaired" into an empty history.
 */
class DamagedSchemaTest {
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

  private static void exec(Databases.Db db, String sql) throws SQLException {
    try (Connection c = db.ds.getConnection(); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static long count(Databases.Db db, String table) throws SQLException {
    try (Connection c = db.ds.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static boolean exists(Databases.Db db, String table) {
    try {
      count(db, table);
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private static void storeWithAJob(Databases.Db db) {
    JdbcJobStore.create(db.ds).insert(Job.builder("j-1", PrinterId.of("p1"), "a job",
        Instant.parse("2026-05-04T10:15:30.123Z")).fileName("a.gcode").build());
  }

  private static JobStoreException refused(Databases.Db db) {
    JobStoreException e = assertThrows(JobStoreException.class, () -> JdbcJobStore.create(db.ds));
    String m = e.getMessage();
    assertTrue(m.contains("damaged") && m.contains("Nothing was changed")
        && m.contains("backup"), m);
    return e;
  }

  @ParameterizedTest
  @MethodSource("databases")
  void jobTableDroppedButVersionsRecordedIsRefused(String kind) throws SQLException {
    try (Databases.Db db = open(kind)) {
      storeWithAJob(db);
      exec(db, "DROP TABLE printernizer_jobs");
      JobStoreException e = refused(db);
      assertTrue(e.getMessage().contains("printernizer_jobs is missing"), e.getMessage());
      assertFalse(exists(db, "printernizer_jobs"), "the table must not be recreated");
      assertEquals(Migrator.latestVersion(), count(db, "printernizer_schema"));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void migrationTableDroppedWhileJobsRemainIsRefused(String kind) throws SQLException {
    try (Databases.Db db = open(kind)) {
      storeWithAJob(db);
      exec(db, "DROP TABLE printernizer_schema");
      JobStoreException e = refused(db);
      assertTrue(e.getMessage().contains("printernizer_schema is missing"), e.getMessage());
      assertFalse(exists(db, "printernizer_schema"), "the table must not be recreated");
      assertEquals(1, count(db, "printernizer_jobs"));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void jobsWithoutAnyRecordedVersionAreRefused(String kind) throws SQLException {
    try (Databases.Db db = open(kind)) {
      storeWithAJob(db);
      exec(db, "DELETE FROM printernizer_schema");
      JobStoreException e = refused(db);
      assertTrue(e.getMessage().contains("no schema version is recorded"), e.getMessage());
      assertEquals(0, count(db, "printernizer_schema"));
      assertEquals(1, count(db, "printernizer_jobs"));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aGapInTheRecordedVersionsIsRefused(String kind) throws SQLException {
    try (Databases.Db db = open(kind)) {
      storeWithAJob(db);
      exec(db, "DELETE FROM printernizer_schema WHERE version = 1");
      JobStoreException e = refused(db);
      assertTrue(e.getMessage().contains("[2, 3, 4, 5, 6]"), e.getMessage());
      assertEquals(Migrator.latestVersion() - 1, count(db, "printernizer_schema"));
    }
  }
}
