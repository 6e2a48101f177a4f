package dev.printernizer.jdbc;

import dev.printernizer.spi.JobStore;
import dev.printernizer.testkit.JobStoreCompatibilityKit;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The JobStoreCompatibilityKit on every supported database. */
class JdbcStoreCompatibilityTests {
  /** Shared plumbing: a store over a fresh database, dropped afterwards. */
  abstract static class OnDatabase extends JobStoreCompatibilityKit {
    private final Map<JobStore, Databases.Db> dbs = new IdentityHashMap<>();

    abstract Databases.Db database();

    @Override
    protected JobStore createStore() {
      Databases.Db db = database();
      JobStore s = JdbcJobStore.create(db.ds);
      dbs.put(s, db);
      return s;
    }

    @Override
    protected void destroyStore(JobStore store) {
      store.close();
      Databases.Db db = dbs.remove(store);
      if (db != null) {
        db.close();
      }
    }
  }

  @Nested
  class H2Embedded extends JobStoreCompatibilityKit {
    @TempDir
    Path dir;
    private int n;

    @Override
    protected JobStore createStore() {
      return JdbcJobStore.h2(dir.resolve("db" + (++n))); // the one-line embedded default
    }
  }

  @Nested
  class Sqlite extends OnDatabase {
    @TempDir
    Path dir;

    @Override
    Databases.Db database() {
      return Databases.sqlite(dir, 8);
    }
  }

  @Nested
  class PostgreSql extends OnDatabase {
    @Override
    Databases.Db database() {
      return Databases.postgres(10);
    }
  }

  @Nested
  class MariaDb extends OnDatabase {
    @Override
    Databases.Db database() {
      return Databases.mariadb(10);
    }
  }
}
