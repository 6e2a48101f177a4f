package dev.printernizer.jdbc.internal;

import dev.printernizer.api.Thumbnail;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The pictures of jobs' prints (schema version 5): one row per job in their own table, written
 * in the transaction that locked the job, deleted with it.
 */
public final class Thumbnails {
  /** The table. */
  public static final String TABLE = "printernizer_thumbnails";

  private Thumbnails() {}

  /**
   * Replaces a job's picture; call with the job's row locked.
   *
   * @param c the connection
   * @param jobId the job
   * @param t the picture
   * @throws SQLException on failure
   */
  public static void put(Connection c, String jobId, Thumbnail t) throws SQLException {
    delete(c, jobId);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE
        + " (job_id, png, width, height) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, jobId);
      ps.setBytes(2, t.png());
      ps.setInt(3, t.width());
      ps.setInt(4, t.height());
      ps.executeUpdate();
    }
  }

  /**
   * @param c the connection
   * @param jobId the job
   * @return its picture, if it has one
   * @throws SQLException on failure
   */
  public static Optional<Thumbnail> get(Connection c, String jobId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT png FROM " + TABLE
        + " WHERE job_id = ?")) {
      ps.setString(1, jobId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        byte[] png = rs.getBytes(1);
        try {
          return Optional.of(Thumbnail.ofPng(png));
        } catch (IllegalArgumentException e) {
          throw new SQLException("the stored thumbnail of job " + jobId + " is damaged: "
              + e.getMessage(), e);
        }
      }
    }
  }

  /**
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
}
