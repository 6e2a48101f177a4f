package dev.printernizer.jdbc.internal;

import dev.printernizer.api.Job;
import dev.printernizer.statistics.StatisticsCollector;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What statistics add up for each job, kept beside it: {@code used_grams} on the job row and one
 * row of {@code printernizer_job_materials} per material a closed job used, both derived with
 * {@link StatisticsCollector#materials(Job)}. Written in the transaction of the write that
 * changes them; {@link #backfill} derives them for closed jobs that have none yet (rows from
 * before schema version 4, or an import interrupted between its two steps).
 */
public final class MaterialRows {
  /** The table. */
  public static final String TABLE = "printernizer_job_materials";
  private static final int BATCH = 500;

  private MaterialRows() {}

  /**
   * Replaces a job's derived rows; call inside the transaction of the write.
   *
   * @param c the connection
   * @param job the job as stored now
   * @throws SQLException on failure
   */
  public static void refresh(Connection c, Job job) throws SQLException {
    delete(c, job.id());
    Map<String, StatisticsCollector.MaterialUse> used = StatisticsCollector.materials(job);
    if (!used.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE
          + " (job_id, material, grams, cost_amount) VALUES (?, ?, ?, ?)")) {
        for (Map.Entry<String, StatisticsCollector.MaterialUse> e : used.entrySet()) {
          ps.setString(1, job.id());
          ps.setString(2, e.getKey());
          ps.setDouble(3, e.getValue().grams());
          BigDecimal amount = e.getValue().amount();
          if (amount == null) {
            ps.setNull(4, Types.DECIMAL);
          } else {
            ps.setBigDecimal(4, amount);
          }
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE printernizer_jobs SET used_grams = ? WHERE id = ?")) {
      if (job.status().isClosed()) {
        ps.setDouble(1, StatisticsCollector.usedGrams(job));
      } else {
        ps.setNull(1, Types.DOUBLE);
      }
      ps.setString(2, job.id());
      ps.executeUpdate();
    }
  }

  /**
   * Deletes a job's material rows.
   *
   * @param c the connection
   * @param jobId the job
   * @throws SQLException on failure
   */
  public static void delete(Connection c, String jobId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE
        + " WHERE job_id = ?")) {
      ps.setString(1, jobId);
      ps.executeUpdate();
    }
  }

  /**
   * Derives the rows of every closed job that has none yet, a batch per transaction.
   *
   * @param ds the data source
   * @return how many jobs were derived
   * @throws SQLException on failure
   */
  public static int backfill(DataSource ds) throws SQLException {
    int done = 0;
    while (true) {
      List<Job> batch = new ArrayList<>();
      try (Connection c = ds.getConnection()) {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.COLUMNS
            + " FROM printernizer_jobs WHERE used_grams IS NULL AND status IN ('COMPLETED',"
            + " 'FAILED', 'CANCELLED', 'INTERRUPTED') ORDER BY id LIMIT " + BATCH);
            ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            batch.add(Rows.job(rs));
          }
        }
        if (batch.isEmpty()) {
          return done;
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
          for (Job j : batch) {
            refresh(c, j);
          }
          c.commit();
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        } finally {
          c.setAutoCommit(auto);
        }
      }
      done += batch.size();
      if (batch.size() < BATCH) {
        return done;
      }
    }
  }
}
