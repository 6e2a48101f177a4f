package dev.printernizer.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Test databases: H2 and SQLite embedded; PostgreSQL and MariaDB the servers on this machine.
 * Each call gives a fresh, empty database (schema); when a server is absent the test is skipped
 * with a message, except under {@code CI=true}, where it fails.
 */
final class Databases {
  static final String PG_URL = System.getProperty("printernizer.test.pg.url",
      "jdbc:postgresql://127.0.0.1:5432/test");
  static final String PG_USER = System.getProperty("printernizer.test.pg.user", "postgres");
  static final String MARIADB_URL = System.getProperty("printernizer.test.mariadb.url",
      "jdbc:mariadb://127.0.0.1:3306/");
  static final String MARIADB_USER = System.getProperty("printernizer.test.mariadb.user", "root");
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static final String RUN = Long.toString(ProcessHandle.current().pid(), 36);

  private Databases() {}

  /** A pooled data source with a drop action. */
  static final class Db implements AutoCloseable {
    final HikariDataSource ds;
    private final Runnable drop;

    Db(HikariDataSource ds, Runnable drop) {
      this.ds = ds;
      this.drop = drop;
    }

    @Override
    public void close() {
      ds.close();
      drop.run();
    }
  }

  static void requireServer(String name, String url, String user) {
    try (Connection c = DriverManager.getConnection(url, user, "")) {
      c.isValid(2);
    } catch (SQLException e) {
      String msg = name + " is not reachable at " + url + " (" + e.getMessage() + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(msg + ": under CI=true a missing database server is a failure;"
            + " .ci/run starts it");
      }
      Assumptions.abort(msg + ": skipped (start the server to run these tests)");
    }
  }

  static Db postgres(int poolSize) {
    requireServer("PostgreSQL", PG_URL, PG_USER);
    String schema = "pz_" + RUN + "_" + SEQ.incrementAndGet();
    exec(PG_URL, PG_USER, "CREATE SCHEMA " + schema);
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(PG_URL);
    cfg.setUsername(PG_USER);
    cfg.setSchema(schema);
    cfg.setMaximumPoolSize(poolSize);
    return new Db(new HikariDataSource(cfg),
        () -> exec(PG_URL, PG_USER, "DROP SCHEMA " + schema + " CASCADE"));
  }

  static Db mariadb(int poolSize) {
    requireServer("MariaDB", MARIADB_URL, MARIADB_USER);
    String db = "pz_" + RUN + "_" + SEQ.incrementAndGet();
    exec(MARIADB_URL, MARIADB_USER, "CREATE DATABASE " + db
        + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(MARIADB_URL + db);
    cfg.setUsername(MARIADB_USER);
    cfg.setMaximumPoolSize(poolSize);
    return new Db(new HikariDataSource(cfg),
        () -> exec(MARIADB_URL, MARIADB_USER, "DROP DATABASE " + db));
  }

  static Db sqlite(java.nio.file.Path dir, int poolSize) {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl("jdbc:sqlite:" + dir.resolve("jobs-" + SEQ.incrementAndGet() + ".db"));
    cfg.addDataSourceProperty("busy_timeout", "30000");
    cfg.addDataSourceProperty("journal_mode", "WAL");
    cfg.setConnectionInitSql("PRAGMA busy_timeout = 30000");
    cfg.setMaximumPoolSize(poolSize);
    return new Db(new HikariDataSource(cfg), () -> { });
  }

  static Db h2Memory() {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl("jdbc:h2:mem:pz" + SEQ.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
    cfg.setUsername("sa");
    cfg.setMaximumPoolSize(4);
    HikariDataSource ds = new HikariDataSource(cfg);
    return new Db(ds, () -> { });
  }

  static void exec(String url, String user, String sql) {
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
