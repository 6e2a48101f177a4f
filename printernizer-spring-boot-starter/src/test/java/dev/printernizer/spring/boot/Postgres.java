package dev.printernizer.spring.boot;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh schema on the machine's PostgreSQL for one test; skipped with a message when the server
 * is absent, a failure under {@code CI=true}.
 */
final class Postgres implements AutoCloseable {
  static final String URL = System.getProperty("printernizer.test.pg.url",
      "jdbc:postgresql://127.0.0.1:5432/test");
  static final String USER = System.getProperty("printernizer.test.pg.user", "postgres");
  private static final AtomicInteger SEQ = new AtomicInteger();

  final String schema;

  private Postgres(String schema) {
    this.schema = schema;
  }

  static Postgres schema() {
    try (Connection c = DriverManager.getConnection(URL, USER, "")) {
      c.isValid(2);
    } catch (SQLException e) {
      String msg = "PostgreSQL is not reachable at " + URL + " (" + e.getMessage() + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(msg + ": under CI=true a missing database server is a failure;"
            + " .ci/run starts it");
      }
      Assumptions.abort(msg + ": skipped (start the server to run these tests)");
    }
    String s = "pz_spring_" + Long.toString(ProcessHandle.current().pid(), 36) + "_"
        + SEQ.incrementAndGet();
    exec("CREATE SCHEMA " + s);
    return new Postgres(s);
  }

  String url() {
    return URL + "?currentSchema=" + schema;
  }

  long count(String sql) {
    try (Connection c = DriverManager.getConnection(url(), USER, "");
        Statement st = c.createStatement();
        var rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    exec("DROP SCHEMA " + schema + " CASCADE");
  }

  private static void exec(String sql) {
    try (Connection c = DriverManager.getConnection(URL, USER, "");
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
