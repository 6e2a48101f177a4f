package dev.printernizer.examples.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.printernizer.jdbc.JdbcJobStore;
import dev.printernizer.jdbc.JobStoreException;
import java.io.IOException;
import java.nio.file.Files;
import org.jspecify.annotations.Nullable;

/**
 * The server's job store and what it owns: the embedded H2 in the data directory (locked to one
 * process), or a HikariCP pool on a database server. Opened before anything else starts, so a
 * database that cannot be reached stops the server with one line saying which and why.
 */
final class ServerStore implements AutoCloseable {
  final JdbcJobStore jobs;
  private final @Nullable HikariDataSource pool;
  private final String where;

  private ServerStore(JdbcJobStore jobs, @Nullable HikariDataSource pool, String where) {
    this.jobs = jobs;
    this.pool = pool;
    this.where = where;
  }

  /**
   * @param config the server's configuration
   * @return the open store
   * @throws IOException if the data directory cannot be made
   * @throws JobStoreException if the database cannot be opened or reached
   */
  static ServerStore open(ServerConfig config) throws IOException {
    Files.createDirectories(config.dataDir);
    DatabaseConfig db = config.database;
    String url = db.url;
    if (url == null) {
      return new ServerStore(JdbcJobStore.h2(config.dataDir), null,
          config.dataDir.toAbsolutePath().toString());
    }
    HikariConfig cfg = new HikariConfig();
    cfg.setPoolName("printernizer");
    cfg.setJdbcUrl(url);
    if (db.user != null) {
      cfg.setUsername(db.user);
    }
    if (db.password != null) {
      cfg.setPassword(db.password.reveal());
    }
    cfg.setMaximumPoolSize(db.poolSize);
    cfg.setConnectionTimeout(10_000);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(cfg);
    } catch (RuntimeException e) { // HikariCP's PoolInitializationException and the driver's
      throw new JobStoreException("cannot connect to " + db.describe() + ": "
          + rootMessage(e), e);
    }
    try {
      return new ServerStore(JdbcJobStore.create(pool), pool, db.describe());
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }

  /** @return where the history is, for messages (never a password) */
  String where() {
    return where;
  }

  @Override
  public void close() {
    try {
      jobs.close();
    } finally {
      if (pool != null) {
        pool.close();
      }
    }
  }
}
