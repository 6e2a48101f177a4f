package dev.printernizer.jdbc;

import dev.printernizer.api.BusinessFields;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobCost;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.Thumbnail;
import dev.printernizer.api.Tracking;
import dev.printernizer.jdbc.internal.Dialect;
import dev.printernizer.jdbc.internal.EmbeddedH2;
import dev.printernizer.jdbc.internal.CostColumns;
import dev.printernizer.jdbc.internal.JdbcOutbox;
import dev.printernizer.jdbc.internal.JobFilter;
import dev.printernizer.jdbc.internal.JobParams;
import dev.printernizer.jdbc.internal.KeysetPages;
import dev.printernizer.jdbc.internal.MaterialRows;
import dev.printernizer.jdbc.internal.Migrator;
import dev.printernizer.jdbc.internal.PrintFileColumns;
import dev.printernizer.jdbc.internal.Rows;
import dev.printernizer.jdbc.internal.StatisticsSql;
import dev.printernizer.jdbc.internal.StoreLocation;
import dev.printernizer.jdbc.internal.Thumbnails;
import dev.printernizer.jdbc.internal.Tx;
import dev.printernizer.jdbc.internal.Rollups;
import dev.printernizer.spi.JobStore;
import dev.printernizer.spi.StoreResult;
import dev.printernizer.statistics.JobStatistics;
import dev.printernizer.statistics.StatisticsQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link JobStore} in a SQL database: H2 (embedded default), SQLite, PostgreSQL or
 * MariaDB/MySQL, over a {@link DataSource} the host application provides (and pools, usually
 * with HikariCP).
 *
 * <pre>{@code
 * JobStore store = JdbcJobStore.h2(Path.of("data"));          // embedded, one line
 * JobStore store = JdbcJobStore.create(hikariDataSource);     // any supported database
 * }</pre>
 *
 * <p><b>Exactly once in the database.</b> The table has a unique constraint on
 * {@code (printer_id, run_key)} and one on {@code open_printer}, a column that holds the printer
 * id while a job is open and NULL otherwise. Creation is a single insert that the database
 * refuses (PostgreSQL and SQLite: {@code ON CONFLICT DO NOTHING}; H2 and MariaDB: a uniqueness
 * violation) when the run already has a job or the printer already has an open job, so several
 * engine instances sharing the database can never create two jobs for one run. Adoption is one
 * conditional update under the same constraints.
 *
 * <p><b>Fields.</b> Tracking updates write only tracking columns (and never touch a closed job),
 * business updates only business columns; every change raises {@code version}. Instants are
 * epoch milliseconds (UTC) in BIGINT columns on every dialect; the auto-creation metadata is also
 * kept as JSON ({@code JSONB} on PostgreSQL, {@code JSON} on MariaDB/MySQL). Every query binds
 * its parameters.
 *
 * <p><b>Schema.</b> Created and migrated on {@link #create(DataSource)} with versioned,
 * checksummed migrations recorded in {@code printernizer_schema}; a database written by a newer
 * version, or holding only part of the schema (one table without the other, tables without a
 * recorded version, versions without tables), is refused before anything is changed.
 *
 * <p>Thread-safe; every call takes a connection from the data source for its duration. Failures
 * throw {@link JobStoreException}, which the engine treats as transient.
 *
 * @since 0.1
 */
public final class JdbcJobStore implements JobStore {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(
      JdbcJobStore.class);
  private static final String TABLE = "printernizer_jobs";
  private static final String CLOSED = "('COMPLETED', 'FAILED', 'CANCELLED', 'INTERRUPTED')";
  /**
   * The system property that turns the outbox off for stores created afterwards
   * ({@code -Dprinternizer.jdbc.outbox=false}): no entries are written and {@link #outbox()} is
   * empty, so destinations get events from memory. For hosts that configure no destinations
   * and want the fewest writes, and to measure what the outbox costs.
   *
   * @since 0.4
   */
  public static final String OUTBOX_PROPERTY = "printernizer.jdbc.outbox";

  private final DataSource ds;
  private final Dialect dialect;
  private final @Nullable AutoCloseable owned;
  private final String insert;
  private final @Nullable JdbcOutbox outbox;

  private JdbcJobStore(DataSource ds, Dialect dialect, @Nullable AutoCloseable owned) {
    this.ds = ds;
    this.dialect = dialect;
    this.owned = owned;
    this.insert = dialect.insertIfAbsent(JobParams.insertSql(dialect.jsonParameter()));
    this.outbox = Boolean.parseBoolean(System.getProperty(OUTBOX_PROPERTY, "true"))
        ? new JdbcOutbox(ds) : null;
  }

  /**
   * A store over a data source; creates or migrates the schema first.
   *
   * @param dataSource the host's (pooled) data source; the host closes it
   * @return the store
   * @throws JobStoreException if the database is unreachable, unsupported, or has a schema this
   *     version cannot use
   * @since 0.1
   */
  public static JdbcJobStore create(DataSource dataSource) {
    return create(dataSource, Migrator.latestVersion(), null, StoreLocation.dataSource());
  }

  static JdbcJobStore create(DataSource dataSource, int schemaVersion,
      @Nullable AutoCloseable owned,
      StoreLocation where) {
    Objects.requireNonNull(dataSource, "dataSource");
    Dialect d;
    try (Connection c = dataSource.getConnection()) {
      d = Dialect.of(c);
    } catch (SQLException e) {
      throw new JobStoreException("cannot reach " + where.name() + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new JobStoreException(e.getMessage(), e);
    }
    // the statistics data of a history from before version 4 is derived under the schema lock:
    // two instances upgrading together would otherwise both fill the totals (double counts)
    Migrator.migrate(dataSource, d, schemaVersion, where, schemaVersion < 4 ? () -> { } : () -> {
      int n = MaterialRows.backfill(dataSource);
      if (n > 0) {
        LOG.info("Printernizer job store: derived the statistics figures of {} closed jobs", n);
      }
      long counted = Rollups.rebuildIfEmpty(dataSource, d);
      if (counted > 0) {
        LOG.info("Printernizer job store: filled the statistics totals from {} jobs", counted);
      }
    });
    return new JdbcJobStore(dataSource, d, owned);
  }

  /**
   * The embedded default: an H2 database file {@code printernizer.mv.db} in {@code directory}
   * (created if missing), with H2's own small connection pool, closed with the store.
   *
   * <p>A missing file starts a new, empty history. An existing file that H2 cannot read, that is
   * empty, or that lost part of its schema is refused with a message naming it and is left as it
   * was, never replaced by an empty database; a directory or file that cannot be written is
   * refused here too, not at the first write.
   *
   * @param directory where the database lives
   * @return the store
   * @throws JobStoreException if H2 ({@code com.h2database:h2}, an optional dependency of this
   *     module) is not on the class path, the directory cannot be created or written, the file
   *     cannot be written or read or holds a damaged schema, or the database is locked by another
   *     process
   * @since 0.1
   */
  public static JdbcJobStore h2(Path directory) {
    Objects.requireNonNull(directory, "directory");
    EmbeddedH2.requireAvailable(); // H2 is an optional dependency
    EmbeddedH2.Opening opening = EmbeddedH2.prepare(directory);
    EmbeddedH2.Pool pool = EmbeddedH2.pool(opening.url());
    try {
      return create(pool.dataSource(), Migrator.latestVersion(), pool::close, opening.location());
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * @return the database this store talks to: H2, SQLITE, POSTGRESQL or MARIADB
   * @since 0.1
   */
  public String databaseKind() {
    return dialect.name();
  }

  // ------------------------------------------------------------------- writes

  @Override
  public StoreResult createIfAbsent(Job job) {
    Objects.requireNonNull(job, "job");
    RunLink run = job.run().orElseThrow(
        () -> new IllegalArgumentException("createIfAbsent needs a job with a run link"));
    if (job.status() == JobStatus.PLANNED) {
      throw new IllegalArgumentException("createIfAbsent needs a started job, not planned");
    }
    Job stored = job.toBuilder().version(1).build();
    for (int attempt = 0; attempt < 5; attempt++) {
      boolean inserted;
      try (Connection c = ds.getConnection()) {
        inserted = insertDerived(c, insert, stored);
      } catch (SQLException e) {
        if (Dialect.isTransient(e) && attempt < 4) {
          continue; // deadlock or serialization failure under contention: try again
        }
        if (!Dialect.isUniqueViolation(e)) {
          throw failure("creating a job", e);
        }
        inserted = false;
      }
      if (inserted) {
        return StoreResult.created(stored);
      }
      Optional<Job> existing = findByRunKey(job.printerId(), run.runKey());
      if (existing.isPresent()) {
        return StoreResult.existing(existing.get());
      }
      Optional<Job> open = job.status().isOpen() ? findOpenJob(job.printerId()) : Optional.empty();
      if (open.isPresent()) {
        return StoreResult.openConflict(open.get());
      }
      if (get(job.id()).isPresent()) {
        throw new IllegalArgumentException("job id " + job.id() + " is already taken");
      }
      // the conflicting row was closed or deleted in between: try again
    }
    throw new JobStoreException("creating a job kept conflicting with rows that vanished");
  }

  @Override
  public Job insert(Job job) {
    Objects.requireNonNull(job, "job");
    if (job.run().isPresent()) {
      throw new IllegalArgumentException("insert takes manual jobs without a run link");
    }
    Job stored = job.toBuilder().version(1).build();
    try (Connection c = ds.getConnection()) {
      insertDerived(c, JobParams.insertSql(dialect.jsonParameter()), stored);
    } catch (SQLException e) {
      if (Dialect.isUniqueViolation(e)) {
        throw new IllegalArgumentException("job id " + job.id() + " is already taken", e);
      }
      throw failure("inserting a job", e);
    }
    return stored;
  }

  /**
   * Inserts a job and its statistics figures in one transaction.
   *
   * @return whether the row was inserted (false: an insert-if-absent found a conflict)
   */
  private boolean insertDerived(Connection c, String sql, Job stored) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      boolean inserted;
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        JobParams.bindInsert(ps, stored);
        inserted = ps.executeUpdate() == 1;
      }
      if (inserted) { // counted as stored (milliseconds, the columns' scale), as later writes
        // subtract it
        Tx.derive(c, dialect, null, Tx.get(c, stored.id()).orElseThrow(), outbox != null);
      }
      c.commit();
      return inserted;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  @Override
  public StoreResult adopt(String jobId, RunLink link, Tracking tracking) {
    Objects.requireNonNull(link, "link");
    if (!tracking.status().isOpen()) {
      throw new IllegalArgumentException("adoption opens a job; tracking must be running/paused");
    }
    Optional<Job> current = get(jobId);
    if (current.isEmpty()) {
      return StoreResult.rejected();
    }
    Job adopted = current.get().toBuilder().run(link).tracking(tracking).build();
    String sql = "UPDATE " + TABLE + " SET run_key = ?, printer_job_id = ?, detection = ?,"
        + " discovery_time = ?, printer_start_time = ?, " + JobParams.trackingAssignments()
        + ", auto_metadata = " + dialect.jsonParameter() + ", version = version + 1"
        + " WHERE id = ? AND run_key IS NULL AND status = 'PLANNED'";
    boolean[] done = {false};
    try {
      Optional<Job> after = change("adopting job " + jobId, jobId, (c, before) -> {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          int i = 1;
          ps.setString(i++, link.runKey());
          JobParams.setString(ps, i++, link.printerJobId());
          ps.setString(i++, link.detection().name());
          ps.setLong(i++, link.discoveryTime().toEpochMilli());
          JobParams.setLong(ps, i++, Rows.millis(link.printerStartTime()));
          i = JobParams.bindTracking(ps, i, before.printerId(), tracking);
          ps.setString(i++, adopted.customerInfoJson());
          ps.setString(i, jobId);
          done[0] = ps.executeUpdate() == 1;
          return done[0];
        }
      });
      return done[0] ? StoreResult.adopted(after.orElseThrow()) : StoreResult.rejected();
    } catch (JobStoreException e) {
      if (!(e.getCause() instanceof SQLException)
          || !Dialect.isUniqueViolation((SQLException) e.getCause())) {
        throw e;
      }
    }
    Optional<Job> existing = findByRunKey(current.get().printerId(), link.runKey());
    if (existing.isPresent()) {
      return StoreResult.existing(existing.get());
    }
    Optional<Job> open = findOpenJob(current.get().printerId());
    return open.map(StoreResult::openConflict).orElseGet(StoreResult::rejected);
  }

  @Override
  public Optional<Job> updateTracking(String jobId, Tracking tracking) {
    Objects.requireNonNull(tracking, "tracking");
    Optional<Job> current = get(jobId);
    if (current.isEmpty()) {
      return current;
    }
    Job job = current.get();
    if (job.status().isClosed() || job.tracking().equals(tracking)) {
      return current;
    }
    if (tracking.status().isOpen() && job.run().isEmpty()) {
      throw new IllegalArgumentException("a job without a run link cannot be opened");
    }
    if (tracking.status() == JobStatus.PLANNED && job.status() != JobStatus.PLANNED) {
      throw new IllegalArgumentException("a started job cannot go back to planned");
    }
    String sql = "UPDATE " + TABLE + " SET " + JobParams.trackingAssignments()
        + ", version = version + 1 WHERE id = ? AND status NOT IN " + CLOSED;
    try {
      return change("updating job " + jobId, jobId, (c, before) -> {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          int i = JobParams.bindTracking(ps, 1, job.printerId(), tracking);
          ps.setString(i, jobId);
          return ps.executeUpdate() == 1;
        }
      });
    } catch (JobStoreException e) {
      if (e.getCause() instanceof SQLException
          && Dialect.isUniqueViolation((SQLException) e.getCause())) {
        throw new IllegalStateException("printer " + job.printerId()
            + " already has another open job", e.getCause());
      }
      throw e;
    }
  }

  @Override
  public Optional<Job> updateBusiness(String jobId, BusinessFields b) {
    Objects.requireNonNull(b, "business");
    String sql = "UPDATE " + TABLE + " SET customer = ?, business = ?, material_cost = ?,"
        + " notes = ?, version = version + 1 WHERE id = ?";
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      JobParams.setString(ps, 1, b.customer());
      ps.setBoolean(2, b.business());
      if (b.materialCost() == null) {
        ps.setNull(3, Types.DECIMAL);
      } else {
        ps.setBigDecimal(3, b.materialCost());
      }
      JobParams.setString(ps, 4, b.notes());
      ps.setString(5, jobId);
      if (ps.executeUpdate() == 0) {
        return Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("updating job " + jobId, e);
    }
    return get(jobId);
  }

  @Override
  public Optional<Job> updatePrintFile(String jobId, PrintFile printFile) {
    Objects.requireNonNull(printFile, "printFile");
    return updateColumns("the print file", jobId, PrintFileColumns.ASSIGNMENTS,
        ps -> PrintFileColumns.bind(ps, 1, printFile));
  }

  @Override
  public Optional<Job> updateCost(String jobId, JobCost cost) {
    Objects.requireNonNull(cost, "cost");
    return updateColumns("the cost", jobId, CostColumns.ASSIGNMENTS,
        ps -> CostColumns.bind(ps, 1, cost));
  }

  @Override
  public boolean updateThumbnail(String jobId, Thumbnail thumbnail) {
    Objects.requireNonNull(thumbnail, "thumbnail");
    return Tx.run(ds, c -> {
      if (Tx.lockAndGet(c, jobId).isEmpty()) {
        return false;
      }
      Thumbnails.put(c, jobId, thumbnail);
      return true;
    }, e -> failure("storing the thumbnail of job " + jobId, e));
  }

  @Override
  public Optional<Thumbnail> thumbnail(String jobId) {
    return Tx.run(ds, c -> Thumbnails.get(c, jobId),
        e -> failure("reading the thumbnail of job " + jobId, e));
  }

  /** Binds the assignments of an UPDATE from index 1 and answers the next index. */
  private interface Binder {
    int bind(PreparedStatement ps) throws SQLException;
  }

  /** Sets one group of columns (raising the version). */
  private Optional<Job> updateColumns(String what, String jobId, String assignments,
      Binder binder) {
    String sql = "UPDATE " + TABLE + " SET " + assignments + ", version = version + 1"
        + " WHERE id = ?";
    return change("updating " + what + " of job " + jobId, jobId, (c, before) -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(binder.bind(ps), jobId);
        return ps.executeUpdate() == 1;
      }
    });
  }

  /** A write to a job's row, given the row as it was; answers whether it wrote. */
  private interface Change {
    boolean apply(Connection c, Job before) throws SQLException;
  }

  /**
   * One write in one transaction: the job's row is locked and read, changed, read again, and
   * the statistics figures are moved from the job as it was to the job as it is.
   *
   * @return the job afterwards (as it was when nothing was written); empty if it does not exist
   */
  private Optional<Job> change(String what, String jobId, Change change) {
    return Tx.run(ds, c -> {
      Optional<Job> before = Tx.lockAndGet(c, jobId);
      if (before.isEmpty() || !change.apply(c, before.get())) {
        return before;
      }
      Optional<Job> after = Tx.get(c, jobId);
      Tx.derive(c, dialect, before.get(), after.orElse(null), outbox != null);
      return after;
    }, e -> failure(what, e));
  }

  /**
   * The outbox in the database: entries are written in the transaction of the job change that
   * causes them; a destination's lease is a conditional update, so instances sharing a
   * PostgreSQL or MariaDB database deliver each entry once (H2 and SQLite serve one process).
   * Empty when {@link #OUTBOX_PROPERTY} was {@code false} at creation.
   */
  @Override
  public Optional<dev.printernizer.outbox.Outbox> outbox() {
    return Optional.ofNullable(outbox);
  }

  @Override
  public boolean delete(String jobId) {
    return Tx.run(ds, c -> {
      Optional<Job> before = Tx.lockAndGet(c, jobId);
      if (before.isEmpty()) {
        return false;
      }
      Tx.derive(c, dialect, before.get(), null, outbox != null);
      Thumbnails.delete(c, jobId);
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE id = ?")) {
        ps.setString(1, jobId);
        return ps.executeUpdate() > 0;
      }
    }, e -> failure("deleting job " + jobId, e));
  }

  // ------------------------------------------------------------------- reads

  @Override
  public Optional<Job> get(String jobId) {
    return one("SELECT " + Rows.COLUMNS + " FROM " + TABLE + " WHERE id = ?", jobId);
  }

  @Override
  public Optional<Job> findOpenJob(PrinterId printer) {
    return one("SELECT " + Rows.COLUMNS + " FROM " + TABLE + " WHERE open_printer = ?",
        printer.value());
  }

  @Override
  public Optional<Job> findByRunKey(PrinterId printer, String runKey) {
    return one("SELECT " + Rows.COLUMNS + " FROM " + TABLE
        + " WHERE printer_id = ? AND run_key = ?", printer.value(), runKey);
  }

  @Override
  public List<Job> findAdoptionCandidates(PrinterId printer, String normalizedFile, Instant from,
      Instant to) {
    return list("SELECT " + Rows.COLUMNS + " FROM " + TABLE + " WHERE printer_id = ?"
        + " AND created_at >= ? AND created_at <= ? AND run_key IS NULL AND status = 'PLANNED'"
        + " AND normalized_file = ? ORDER BY created_at, id",
        printer.value(), from.toEpochMilli(), to.toEpochMilli(), normalizedFile);
  }

  @Override
  public List<Job> query(JobQuery q) {
    List<Object> args = new ArrayList<>();
    String where = where(q, args);
    args.add(q.limit());
    args.add(q.offset());
    return list("SELECT " + Rows.COLUMNS + " FROM " + TABLE + where
        + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?", args.toArray());
  }

  @Override
  public long count(JobQuery q) {
    List<Object> args = new ArrayList<>();
    String sql = "SELECT COUNT(*) FROM " + TABLE + where(q, args);
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      JobParams.bind(ps, args.toArray());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw failure("counting jobs", e);
    }
  }

  private static String where(JobQuery q, List<Object> args) {
    return JobFilter.where(JobFilter.conditions(q, args));
  }

  /**
   * Keyset paging: each page continues after the last job seen, so a job that exists for the
   * whole scan is seen once, and page cost does not grow with the position.
   */
  @Override
  public Iterator<Job> scan(JobQuery filter) {
    Objects.requireNonNull(filter, "filter");
    return new KeysetPages(ds, filter, e -> failure("reading jobs", e));
  }

  /**
   * Statistics in a few aggregate queries (the running totals, the jobs near a zone's month
   * starts, the material rows), read in one repeatable-read transaction so all of them see the
   * same jobs, also while other instances write; on H2 at read committed between two
   * fingerprints of the totals, again when a write came in between ({@link Rollups#fingerprint}).
   */
  @Override
  public JobStatistics statistics(StatisticsQuery query) {
    Objects.requireNonNull(query, "query");
    if (dialect != Dialect.H2) {
      return Tx.snapshot(ds, dialect, c -> StatisticsSql.compute(c, query),
          e -> failure("computing statistics", e));
    }
    for (int attempt = 1; ; attempt++) {
      Optional<JobStatistics> s = Tx.run(ds, c -> {
        List<Long> before = Rollups.fingerprint(c);
        JobStatistics computed = StatisticsSql.compute(c, query);
        return before.equals(Rollups.fingerprint(c)) ? Optional.of(computed)
            : Optional.<JobStatistics>empty();
      }, e -> failure("computing statistics", e));
      if (s.isPresent()) {
        return s.get();
      }
      if (attempt >= 20) {
        throw new JobStoreException("computing statistics: the jobs kept changing while they"
            + " were read (20 attempts)");
      }
    }
  }

  // ------------------------------------------------------------------- plumbing

  private Optional<Job> one(String sql, Object... args) {
    List<Job> l = list(sql, args);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  private List<Job> list(String sql, Object... args) {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      JobParams.bind(ps, args);
      List<Job> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(Rows.job(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("reading jobs", e);
    }
  }

  private static JobStoreException failure(String what, SQLException e) {
    return new JobStoreException("job store: " + what + " failed: " + e.getMessage(), e);
  }

  /** Disposes the embedded pool when this store made it; a host's data source stays open. */
  @Override
  public void close() {
    if (owned != null) {
      try {
        owned.close();
      } catch (Exception e) {
        throw new JobStoreException("closing the embedded database failed: " + e, e);
      }
    }
  }

  @Override
  public String toString() {
    return "JdbcJobStore{" + dialect + "}";
  }
}
