package dev.printernizer.jdbc.internal;

import dev.printernizer.jdbc.JobStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned, checksummed schema migrations: each {@code V<n>__<name>.sql} resource is applied
 * once, in order, recorded with its SHA-256 in {@code printernizer_schema}. A database written by
 * a newer version, whose recorded checksum differs, or that holds only part of the schema (a
 * table without the other, tables without a recorded version, versions without tables) is
 * refused before anything is changed: a damaged history is never recreated as an empty one.
 */
public final class Migrator {
  private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
  private static final Object JVM_LOCK = new Object();
  private static final String BASE = "/dev/printernizer/jdbc/migrations/";

  /** The migrations this version knows, in order. */
  public static final List<String> MIGRATIONS =
      List.of("V1__jobs.sql", "V2__metadata_and_indexes.sql", "V3__print_file.sql",
          "V4__accounting.sql", "V5__thumbnails.sql", "V6__outbox.sql");

  private Migrator() {}

  /** @return the schema version this library writes */
  public static int latestVersion() {
    return MIGRATIONS.size();
  }

  /**
   * Brings the schema of a host's data source to {@code target}.
   *
   * @param ds the data source
   * @param dialect its dialect
   * @param target the version to reach (normally {@link #latestVersion()})
   */
  public static void migrate(DataSource ds, Dialect dialect, int target) {
    migrate(ds, dialect, target, StoreLocation.dataSource());
  }

  /**
   * Brings the schema to {@code target}, after refusing, before anything is changed, a schema
   * written by a newer version or a damaged one (see {@link SchemaInspection}).
   *
   * @param ds the data source
   * @param dialect its dialect
   * @param target the version to reach (normally {@link #latestVersion()})
   * @param where the store, for messages, and whether it must already hold a schema
   * @throws JobStoreException when the schema cannot be used or migrating fails
   */
  public static void migrate(DataSource ds, Dialect dialect, int target, StoreLocation where) {
    migrate(ds, dialect, target, where, () -> { });
  }

  /** Work that follows a migration under the same lock (deriving data the new schema keeps). */
  public interface Followup {
    /**
     * @throws SQLException on failure
     */
    void run() throws SQLException;
  }

  /**
   * As {@link #migrate(DataSource, Dialect, int, StoreLocation)}, then runs {@code followup}
   * while still holding the schema lock: another instance that starts meanwhile waits until both
   * are done, so derived data (the statistics totals) is filled exactly once.
   *
   * @param ds the data source
   * @param dialect its dialect
   * @param target the version to reach
   * @param where the store, for messages
   * @param followup what to do under the lock after migrating
   * @throws JobStoreException when migrating or the followup fails
   */
  public static void migrate(DataSource ds, Dialect dialect, int target, StoreLocation where,
      Followup followup) {
    synchronized (JVM_LOCK) {
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(true);
        dialect.lockSchema(c);
        try {
          migrateLocked(c, dialect, target, where);
          followup.run();
        } finally {
          dialect.unlockSchema(c);
        }
      } catch (SQLException e) {
        throw new JobStoreException("migrating the job store schema failed: " + e.getMessage(), e);
      }
    }
  }

  private static void migrateLocked(Connection c, Dialect dialect, int target,
      StoreLocation where) throws SQLException {
    SchemaInspection found = SchemaInspection.of(c);
    found.requireUsable(where, latestVersion());
    Map<Integer, String> applied = found.versions();
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS printernizer_schema (version INTEGER NOT NULL"
          + " PRIMARY KEY, description VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL,"
          + " applied_at BIGINT NOT NULL)");
    }
    for (int v = 1; v <= target; v++) {
      String file = MIGRATIONS.get(v - 1);
      String template = read(file);
      String checksum = sha256(template);
      String recorded = applied.get(v);
      if (recorded != null) {
        if (!recorded.equals(checksum)) {
          throw new JobStoreException("job store schema version " + v + " (" + file
              + ") was recorded with checksum " + recorded + " but this build has " + checksum
              + "; the schema was changed by hand or by a different build. Nothing was changed.");
        }
        continue;
      }
      LOG.info("Printernizer job store: applying schema version {} ({})", v, file);
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false); // transactional where the database allows DDL in transactions
      try {
        for (String stmt : statements(dialect.render(template))) {
          try (Statement st = c.createStatement()) {
            st.execute(stmt);
          }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO printernizer_schema"
            + " (version, description, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
          ps.setInt(1, v);
          ps.setString(2, file);
          ps.setString(3, checksum);
          ps.setLong(4, System.currentTimeMillis());
          ps.executeUpdate();
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    }
  }

  /**
   * @param sql a script
   * @return its statements (split at semicolons ending a line; comments dropped)
   */
  static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : sql.split("\n", -1)) {
      String t = line.strip();
      if (t.startsWith("--") || t.isEmpty()) {
        continue;
      }
      cur.append(line).append('\n');
      if (t.endsWith(";")) {
        String s = cur.toString().strip();
        out.add(s.substring(0, s.length() - 1));
        cur.setLength(0);
      }
    }
    if (!cur.toString().isBlank()) {
      out.add(cur.toString().strip());
    }
    return out;
  }

  private static String read(String file) {
    try (InputStream in = Migrator.class.getResourceAsStream(BASE + file)) {
      if (in == null) {
        throw new IllegalStateException("migration resource missing: " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration " + file, e);
    }
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
