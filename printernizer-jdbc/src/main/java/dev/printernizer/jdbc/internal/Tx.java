package dev.printernizer.jdbc.internal;

import dev.printernizer.api.Job;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Transactions of the JDBC store: one connection, committed at the end or rolled back on any
 * failure; a deadlock or serialization failure runs the work again (up to three times, the work
 * starts from scratch each time). Every write keeps the statistics figures it changes (the
 * material rows and the running totals) in the same transaction: see {@link #derive}.
 */
public final class Tx {
  private static final int ATTEMPTS = 3;

  /** Work on one connection, in one transaction. */
  public interface Work<T> {
    /**
     * @param c the connection, in a transaction
     * @return the result
     * @throws SQLException on failure
     */
    T run(Connection c) throws SQLException;
  }

  private Tx() {}

  /**
   * Runs work in a transaction.
   *
   * @param ds the data source
   * @param work the work
   * @param failure turns a database error into the store's exception
   * @return the work's result
   */
  public static <T> T run(DataSource ds, Work<T> work,
      Function<SQLException, RuntimeException> failure) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = ds.getConnection()) {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        } finally {
          c.setAutoCommit(auto);
        }
      } catch (SQLException e) {
        if (attempt >= ATTEMPTS || !Dialect.isTransient(e)) {
          throw failure.apply(e);
        }
      }
    }
  }

  /**
   * Runs reading work in one transaction that sees one snapshot of the database: repeatable
   * read on PostgreSQL and MariaDB; SQLite's transactions are serializable already. Not for H2,
   * whose repeatable read still shows rows committed meanwhile and whose snapshot and
   * serializable levels made statistics a thousand times slower (see
   * {@link Rollups#fingerprint}).
   *
   * @param ds the data source
   * @param d its dialect (not H2)
   * @param work the work (reads only)
   * @param failure turns a database error into the store's exception
   * @return the work's result
   */
  public static <T> T snapshot(DataSource ds, Dialect d, Work<T> work,
      Function<SQLException, RuntimeException> failure) {
    if (d == Dialect.SQLITE) {
      return run(ds, work, failure);
    }
    if (d == Dialect.H2) {
      throw new IllegalArgumentException("H2 has no fast snapshot read");
    }
    return run(ds, c -> {
      int before = c.getTransactionIsolation();
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        return work.run(c);
      } finally {
        c.commit(); // ends the snapshot before the level may change again
        c.setTransactionIsolation(before);
      }
    }, failure);
  }

  /**
   * Reads a job, first taking its row's write lock (a no-op update), so nothing changes it
   * until the transaction ends.
   *
   * @param c the connection
   * @param jobId the job
   * @return the job, or empty if there is none
   * @throws SQLException on failure
   */
  public static Optional<Job> lockAndGet(Connection c, String jobId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE printernizer_jobs SET version ="
        + " version WHERE id = ?")) {
      ps.setString(1, jobId);
      if (ps.executeUpdate() == 0) {
        return Optional.empty();
      }
    }
    return get(c, jobId);
  }

  /**
   * @param c the connection
   * @param jobId the job
   * @return the job as this transaction sees it
   * @throws SQLException on failure
   */
  public static Optional<Job> get(Connection c, String jobId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.COLUMNS
        + " FROM printernizer_jobs WHERE id = ?")) {
      ps.setString(1, jobId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(Rows.job(rs)) : Optional.empty();
      }
    }
  }

  /**
   * Keeps what statistics read in step with a write: the material rows and used grams of a
   * closed job, and the running totals moved from the job as it was to the job as it is; and
   * writes the outbox entries of the change ({@link JdbcOutbox#write}).
   *
   * @param c the connection, in the write's transaction
   * @param d the dialect
   * @param before the job before the write, or null for a new job
   * @param after the job after the write, or null when it was deleted
   * @param outbox whether to write the change's outbox entries
   * @throws SQLException on failure
   */
  public static void derive(Connection c, Dialect d, @Nullable Job before, @Nullable Job after,
      boolean outbox) throws SQLException {
    if (after == null) {
      if (before != null) {
        MaterialRows.delete(c, before.id());
      }
    } else if (after.status().isClosed()) {
      MaterialRows.refresh(c, after);
    }
    Rollups.apply(c, d, before, after);
    if (outbox) {
      JdbcOutbox.write(c, dev.printernizer.outbox.OutboxRules.changes(before, after,
          java.time.Instant.ofEpochMilli(System.currentTimeMillis())));
    }
  }
}
