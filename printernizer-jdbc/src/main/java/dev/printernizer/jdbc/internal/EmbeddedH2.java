package dev.printernizer.jdbc.internal;

import dev.printernizer.jdbc.JobStoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.h2.api.ErrorCode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks before the embedded H2 file is opened for writing, so that a damaged file is
 * refused and left exactly as it was, instead of being opened as an empty database (which H2
 * does with a truncated file, rewriting it), and a read-only location is refused at once instead
 * of at the first write.
 *
 * <p>An existing file is first opened read-only and its schema inspected. When H2 cannot open it
 * read-only (a database never closed cleanly, which H2 must write to open, or a damaged file), a
 * copy next to it is opened and inspected instead: a damaged copy is deleted and the file
 * refused untouched; a sound one, recovered by H2, takes the file's place.
 */
public final class EmbeddedH2 {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedH2.class);
  /** The file H2 keeps the database in, inside the data directory. */
  public static final String FILE_NAME = "printernizer.mv.db";
  private static final String SUFFIX = ".mv.db";
  private static final String CHECK_SETTINGS = ";DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0";

  private EmbeddedH2() {}

  /**
   * What to open after the checks passed.
   *
   * @param url the JDBC URL of the database
   * @param location the file, for messages, and whether it existed before
   */
  public record Opening(String url, StoreLocation location) {}

  /**
   * H2's own small connection pool (16 connections) and how to close it.
   *
   * @param dataSource the pool
   * @param closer disposes of it
   */
  public record Pool(javax.sql.DataSource dataSource, AutoCloseable closer) {
    /** Disposes of the pool. */
    public void close() {
      try {
        closer.close();
      } catch (Exception e) {
        LOG.debug("closing the H2 pool", e);
      }
    }
  }

  /**
   * Fails clearly when H2, an optional dependency of printernizer-jdbc, is not on the class path.
   *
   * @throws JobStoreException naming the artifact to add
   */
  public static void requireAvailable() {
    try {
      Class.forName("org.h2.Driver", false, EmbeddedH2.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new JobStoreException("JdbcJobStore.h2(...) needs the H2 database on the class path:"
          + " add the dependency com.h2database:h2 (an optional dependency of printernizer-jdbc,"
          + " so that users of PostgreSQL or MariaDB do not carry it), or use"
          + " JdbcJobStore.create(dataSource) with your database", e);
    }
  }

  /**
   * H2's page cache lives in this JVM's heap and is 64 MiB by default, which in a small heap
   * (a server started with -Xmx128m on a small board) leaves the collector little else to do:
   * a 32nd of the heap, between 1 and 64 MiB. Measured (docs/benchmarks.md): exporting a
   * million jobs in 64 MiB of heap took 26 s with an 8 MiB cache and 18 s with 2 MiB, as every
   * page read through the cache is copied by the collector; the engine's own lookups need few
   * pages.
   *
   * @param maxHeap the JVM's maximum heap in bytes
   * @return the cache size in KiB
   */
  static long cacheKb(long maxHeap) {
    return Math.max(1024, Math.min(65536, maxHeap / 32 / 1024));
  }

  /**
   * @param url the H2 URL from {@link #prepare}
   * @return H2's pool over it, with a page cache of {@link #cacheKb} of this JVM's heap
   */
  public static Pool pool(String url) {
    return pool(url, Runtime.getRuntime().maxMemory());
  }

  static Pool pool(String url, long maxHeap) {
    org.h2.jdbcx.JdbcConnectionPool pool = org.h2.jdbcx.JdbcConnectionPool.create(url
        + ";CACHE_SIZE=" + cacheKb(maxHeap), "sa", "");
    pool.setMaxConnections(16);
    return new Pool(pool, pool::dispose);
  }

  /**
   * Creates the data directory if missing and checks it, and the database file if present.
   *
   * @param directory the data directory
   * @return what to open
   * @throws JobStoreException naming the directory or file, when the directory cannot be created
   *     or written, or the file cannot be written, read, or holds a damaged schema
   */
  public static Opening prepare(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new JobStoreException("cannot create the data directory " + dir + ": "
          + describe(e) + ". Create it, or choose another data directory.", e);
    }
    requireWritableDirectory(dir);
    Path file = dir.resolve(FILE_NAME);
    boolean existed = Files.exists(file);
    StoreLocation where = StoreLocation.h2File(file, existed);
    if (existed) {
      requireWritableFile(file, where);
      inspectExisting(file, where);
    }
    return new Opening("jdbc:h2:file:" + base(file) + ";DB_CLOSE_ON_EXIT=FALSE", where);
  }

  private static void requireWritableDirectory(Path dir) {
    try {
      Files.delete(Files.createTempFile(dir, ".printernizer-write-check-", ".tmp"));
    } catch (IOException e) {
      throw new JobStoreException("the data directory " + dir + " is not writable ("
          + describe(e) + "); Printernizer keeps its job history there. Make it writable for"
          + " the user running Printernizer, or choose another data directory.", e);
    }
  }

  private static void requireWritableFile(Path file, StoreLocation where) {
    if (!Files.isRegularFile(file)) {
      throw new JobStoreException(where.name() + " is not a regular file. " + where.advice());
    }
    try {
      FileChannel.open(file, StandardOpenOption.WRITE).close(); // opens only; writes nothing
    } catch (IOException e) {
      throw new JobStoreException(where.name() + " is not writable (" + describe(e)
          + "). Nothing was changed. Make it writable for the user running Printernizer.", e);
    }
  }

  private static void inspectExisting(Path file, StoreLocation where) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new JobStoreException("cannot read " + where.name() + ": " + describe(e), e);
    }
    if (size == 0) {
      throw new JobStoreException(where.name() + " is empty (0 bytes): the job history it held"
          + " is lost. Nothing was changed. " + where.advice());
    }
    try (Connection c = connect(base(file) + ";ACCESS_MODE_DATA=r")) {
      SchemaInspection.of(c).requireUsable(where, Migrator.latestVersion());
      return;
    } catch (SQLException e) {
      if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
        throw new JobStoreException(where.name() + " is in use by another process (one process"
            + " at a time may open it), or still locked in this one by an earlier failed open"
            + " (then restart it). Nothing was changed.", e);
      }
      // H2 could not open it read-only: it must write to open it (to finish an unclean
      // shutdown of a database never closed cleanly), or it is damaged. A copy tells which.
    }
    openOnCopy(file, where);
  }

  /**
   * Opens a copy for writing and inspects it. A damaged copy is deleted and the file refused,
   * untouched. A sound copy, which H2 has now recovered as it would have recovered the file,
   * replaces the file: H2 keeps the file locked in this JVM after a failed read-only open, so the
   * file itself could not be opened again, while the copy in its place can. Package-private for
   * tests: the states that make H2 refuse a read-only open cannot be produced on demand.
   */
  static void openOnCopy(Path file, StoreLocation where) {
    Path copy = null;
    try {
      copy = Files.createTempFile(file.getParent(), "printernizer-check-", SUFFIX);
      Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.COPY_ATTRIBUTES);
      try (Connection c = connect(base(copy))) {
        SchemaInspection.of(c).requireUsable(where, Migrator.latestVersion());
      }
      try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(copy, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      copy = null;
      LOG.info("Printernizer job store: {} was not closed cleanly; H2 recovered it on a copy,"
          + " which was checked and took its place", file);
    } catch (SQLException e) {
      String h2 = firstLine(e.getMessage()).replace(base(copy), base(file));
      throw new JobStoreException(where.name() + " cannot be read: it looks damaged (H2: " + h2
          + "). Nothing was changed. " + where.advice(), e);
    } catch (IOException e) {
      throw new JobStoreException("cannot check " + where.name() + " before opening it: working"
          + " on a copy next to it failed (" + describe(e) + "). Nothing was changed.", e);
    } finally {
      if (copy != null) {
        deleteQuietly(copy);
        deleteQuietly(Path.of(base(copy) + ".trace.db"));
      }
    }
  }

  private static Connection connect(String baseAndSettings) throws SQLException {
    Properties user = new Properties();
    user.setProperty("user", "sa");
    user.setProperty("password", "");
    return new org.h2.Driver().connect("jdbc:h2:file:" + baseAndSettings + CHECK_SETTINGS, user);
  }

  /** @return the path H2 wants in its URL: the file without {@code .mv.db} */
  private static String base(Path file) {
    String s = file.toString();
    return s.substring(0, s.length() - SUFFIX.length());
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // a leftover check copy is harmless; it is never opened again
    }
  }

  private static String firstLine(@Nullable String s) {
    if (s == null) {
      return "no message";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String describe(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
      return ((FileSystemException) e).getReason();
    }
    return e.toString();
  }
}
