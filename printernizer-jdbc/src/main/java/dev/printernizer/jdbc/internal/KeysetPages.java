package dev.printernizer.jdbc.internal;

import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The JDBC store's scan: pages of {@link #PAGE} jobs newest first, each page a short query that
 * continues after the last job seen ({@code (created_at, id)} below it, on the index
 * {@code printernizer_jobs_created}), so no page depends on an offset: a job that exists for the
 * whole scan is seen exactly once, and the cost of a page does not grow with how far the scan
 * is. No connection is held between pages. Not thread-safe.
 */
public final class KeysetPages implements Iterator<Job> {
  /** Jobs per page. */
  public static final int PAGE = 250;
  private final DataSource ds;
  private final JobQuery filter;
  private final Function<SQLException, RuntimeException> failure;
  private List<Job> page = List.of();
  private int index;
  private @Nullable Job lastSeen;
  private boolean last;

  /**
   * @param ds the data source
   * @param filter the filter (its page is ignored)
   * @param failure turns a database error into the store's exception
   */
  public KeysetPages(DataSource ds, JobQuery filter,
      Function<SQLException, RuntimeException> failure) {
    this.ds = ds;
    this.filter = filter;
    this.failure = failure;
  }

  @Override
  public boolean hasNext() {
    if (index < page.size()) {
      return true;
    }
    if (last) {
      return false;
    }
    page = read();
    index = 0;
    last = page.size() < PAGE;
    if (!page.isEmpty()) {
      lastSeen = page.get(page.size() - 1);
    }
    return !page.isEmpty();
  }

  @Override
  public Job next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return page.get(index++);
  }

  private List<Job> read() {
    List<Object> args = new ArrayList<>();
    List<String> conds = JobFilter.conditions(filter, args);
    Job after = lastSeen;
    if (after != null) {
      long at = after.createdAt().toEpochMilli();
      // the first condition bounds the index range, so a page starts where the last one ended
      // instead of walking past every job already read
      conds.add("created_at <= ? AND (created_at < ? OR id < ?)");
      args.add(at);
      args.add(at);
      args.add(after.id());
    }
    String sql = "SELECT " + Rows.COLUMNS + " FROM printernizer_jobs" + JobFilter.where(conds)
        + " ORDER BY created_at DESC, id DESC LIMIT " + PAGE;
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      JobParams.bind(ps, args.toArray());
      List<Job> out = new ArrayList<>(PAGE);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(Rows.job(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure.apply(e);
    }
  }
}
