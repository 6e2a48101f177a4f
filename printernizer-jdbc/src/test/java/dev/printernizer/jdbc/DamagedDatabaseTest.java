package dev.printernizer.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.PrinterId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 file: a damaged, truncated or schema-less file is refused with a message that
 * names it and says what to do, and is left exactly as it was; a read-only directory or file is
 * refused when the store opens, not at the first write.
 */
class DamagedDatabaseTest {
  private static final Instant T0 = Instant.parse("2026-05-04T10:15:30.123Z");

  @TempDir
  Path dir;

  private Path file() {
    return dir.toAbsolutePath().resolve("printernizer.mv.db");
  }

  /** A store with three jobs, closed. */
  private void storeWithJobs() {
    try (JdbcJobStore store = JdbcJobStore.h2(dir)) {
      for (int i = 0; i < 3; i++) {
        store.insert(Job.builder(UUID.randomUUID().toString(), PrinterId.of("p1"), "job " + i,
            T0.plusSeconds(i)).fileName("part" + i + ".gcode").build());
      }
    }
  }

  private static void truncate(Path f, long size) throws IOException {
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
      ch.truncate(size);
    }
  }

  private void exec(String... sql) throws SQLException {
    String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("printernizer");
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  /** Opening must fail naming the file and the way out, and must not touch the file. */
  private JobStoreException assertRefusedUntouched() throws IOException {
    byte[] before = Files.readAllBytes(file());
    JobStoreException e = assertThrows(JobStoreException.class, () -> JdbcJobStore.h2(dir));
    String m = e.getMessage();
    assertTrue(m.contains(file().toString()), "names the file: " + m);
    assertTrue(m.contains("backup") && m.contains("move"), "says what to do: " + m);
    assertArrayEquals(before, Files.readAllBytes(file()), "the file was changed: " + m);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file()), files.map(Path::toAbsolutePath).toList(),
          "nothing left behind");
    }
    return e;
  }

  /** Opens the store while {@code path} is read-only; the open must fail. */
  private JobStoreException refusedWhileReadOnly(Path path) throws IOException {
    ReadOnlyPaths ro = ReadOnlyPaths.make(path);
    try {
      return assertThrows(JobStoreException.class, () -> JdbcJobStore.h2(dir).close());
    } finally {
      ro.close();
    }
  }

  @Test
  void aFileTruncatedToHalfIsRefusedAndLeftAsItWas() throws IOException {
    storeWithJobs();
    truncate(file(), Files.size(file()) / 2);
    assertRefusedUntouched();
  }

  @Test
  void aFileTruncatedToAFewBytesIsRefused() throws IOException {
    storeWithJobs();
    truncate(file(), 16);
    JobStoreException e = assertRefusedUntouched();
    assertTrue(e.getMessage().contains("damaged"), e.getMessage());
  }

  @Test
  void aFileWithAZeroedHeaderIsRefused() throws IOException {
    storeWithJobs();
    try (FileChannel ch = FileChannel.open(file(), StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(8192), 0);
    }
    assertRefusedUntouched();
  }

  @Test
  void anEmptyFileIsRefused() throws IOException {
    storeWithJobs();
    truncate(file(), 0);
    assertRefusedUntouched();
  }

  @Test
  void aFileWhoseJobTableWasDroppedIsRefused() throws Exception {
    storeWithJobs();
    exec("DROP TABLE printernizer_jobs");
    JobStoreException e = assertRefusedUntouched();
    assertTrue(e.getMessage().contains("printernizer_jobs"), e.getMessage());
  }

  @Test
  void aFileWithoutAnyPrinternizerTableIsRefused() throws Exception {
    storeWithJobs();
    exec("DROP TABLE printernizer_jobs", "DROP TABLE printernizer_schema");
    assertRefusedUntouched();
  }

  @Test
  void anAbsentFileStillGivesAFreshStoreAndAHealthyOneOpensAgain() {
    assertFalse(Files.exists(file()));
    storeWithJobs();
    try (JdbcJobStore store = JdbcJobStore.h2(dir)) {
      assertEquals(3, store.count(JobQuery.all()));
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file()), files.map(Path::toAbsolutePath)
          .filter(p -> !p.getFileName().toString().equals("printernizer.trace.db")).toList(),
          "no check copies or probes left behind (H2's own trace file aside)");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aFileShutDownAbruptlyWithAnOpenTransactionOpensWithItsCommittedJobs() throws Exception {
    storeWithJobs();
    String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("printernizer");
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      st.execute("DELETE FROM printernizer_jobs");
      st.execute("SHUTDOWN IMMEDIATELY"); // like a kill -9: no rollback, no clean close
    } catch (SQLException expected) {
      // the connection is gone after the shutdown
    }
    try (JdbcJobStore store = JdbcJobStore.h2(dir)) {
      assertEquals(3, store.count(JobQuery.all()), "the uncommitted delete is rolled back");
    }
  }

  @Test
  void aReadOnlyEmptyDirectoryIsRefusedAtOpen() throws IOException {
    JobStoreException e = refusedWhileReadOnly(dir);
    assertTrue(e.getMessage().contains("data directory " + dir.toAbsolutePath())
        && e.getMessage().contains("not writable"), e.getMessage());
  }

  @Test
  void aReadOnlyDirectoryWithADatabaseIsRefusedAtOpen() throws IOException {
    storeWithJobs();
    JobStoreException e = refusedWhileReadOnly(dir);
    assertTrue(e.getMessage().contains("data directory " + dir.toAbsolutePath())
        && e.getMessage().contains("not writable"), e.getMessage());
  }

  @Test
  void aReadOnlyDatabaseFileIsRefusedAtOpen() throws IOException {
    storeWithJobs();
    JobStoreException e = refusedWhileReadOnly(file());
    assertTrue(e.getMessage().contains(file().toString())
        && e.getMessage().contains("not writable"), e.getMessage());
  }
}
