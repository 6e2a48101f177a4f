package dev.printernizer.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.PrinterId;
import dev.printernizer.jdbc.JdbcJobStore;
import dev.printernizer.jdbc.JobStoreException;
import dev.printernizer.jdbc.internal.EmbeddedH2.Pool;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path taken when H2 cannot open an existing file read-only: the check on a copy. H2 refuses
 * the read-only open for a database that was never closed cleanly, a state that cannot be
 * produced on demand, so these tests call the copy check directly.
 */
class EmbeddedH2Test {
  @TempDir
  Path dir;

  private Path file() {
    return dir.toAbsolutePath().resolve(EmbeddedH2.FILE_NAME);
  }

  private void storeWithJobs(int n) {
    try (JdbcJobStore store = JdbcJobStore.h2(dir)) {
      for (int i = 0; i < n; i++) {
        store.insert(Job.builder(UUID.randomUUID().toString(), PrinterId.of("p1"), "job " + i,
            Instant.parse("2026-05-04T10:15:30.123Z")).fileName("a.gcode").build());
      }
    }
  }

  /** @return the file's identity (device and inode on Unix) */
  private Object fileKey() throws IOException {
    Object key = Files.readAttributes(file(), BasicFileAttributes.class).fileKey();
    Assumptions.assumeTrue(key != null, "this file system gives files no identity");
    return key;
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(Path::toAbsolutePath).toList();
    }
  }

  @Test
  void thePageCacheIsA32ndOfTheHeapBetween1And64MiB() throws Exception {
    assertEquals(2048, EmbeddedH2.cacheKb(64L << 20));
    assertEquals(1024, EmbeddedH2.cacheKb(16L << 20));
    assertEquals(16384, EmbeddedH2.cacheKb(512L << 20));
    assertEquals(65536, EmbeddedH2.cacheKb(8L << 30));
    Pool pool = EmbeddedH2.pool("jdbc:h2:mem:cache-" + UUID.randomUUID(), 64L << 20);
    try (java.sql.Connection c = pool.dataSource().getConnection();
        java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT SETTING_VALUE FROM"
            + " INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'CACHE_SIZE'")) {
      assertTrue(rs.next(), "H2 reports its cache size");
      assertEquals(2048, Long.parseLong(rs.getString(1)),
          "the cache of a 64 MiB heap in KiB, as H2 reports it (its own default is 65536)");
    } finally {
      pool.closer().close();
    }
  }

  @Test
  void aSoundCopyTakesTheFilesPlaceAndTheStoreOpensWithItsJobs() throws IOException {
    storeWithJobs(3);
    Object before = fileKey();
    EmbeddedH2.openOnCopy(file(), StoreLocation.h2File(file(), true));
    assertNotEquals(before, fileKey(), "the copy took the file's place");
    assertEquals(List.of(file()), files(), "no copy left behind");
    try (JdbcJobStore store = JdbcJobStore.h2(dir)) {
      assertEquals(3, store.count(JobQuery.all()));
    }
  }

  @Test
  void aDamagedCopyIsDeletedAndTheFileRefusedUntouched() throws IOException {
    storeWithJobs(3);
    try (FileChannel ch = FileChannel.open(file(), StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() / 2);
    }
    byte[] before = Files.readAllBytes(file());
    JobStoreException e = assertThrows(JobStoreException.class,
        () -> EmbeddedH2.openOnCopy(file(), StoreLocation.h2File(file(), true)));
    assertTrue(e.getMessage().startsWith("the H2 database file " + file()), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file()));
    assertEquals(List.of(file()), files(), "no copy left behind");
  }

  @Test
  void anUnreadableCopyIsReportedWithTheOriginalPathNotTheCopys() throws IOException {
    storeWithJobs(1);
    try (FileChannel ch = FileChannel.open(file(), StandardOpenOption.WRITE)) {
      ch.truncate(16);
    }
    JobStoreException e = assertThrows(JobStoreException.class,
        () -> EmbeddedH2.openOnCopy(file(), StoreLocation.h2File(file(), true)));
    assertTrue(e.getMessage().contains("cannot be read: it looks damaged (H2: "), e.getMessage());
    assertFalse(e.getMessage().contains("printernizer-check-"), e.getMessage());
    assertEquals(List.of(file()), files(), "no copy left behind");
  }
}
