package dev.printernizer.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What differs between the supported databases. */
public enum Dialect {
  /** H2 2.x (embedded default). */
  H2(Map.of("BOOL", "BOOLEAN", "DOUBLE", "DOUBLE PRECISION", "TEXT", "CHARACTER LARGE OBJECT",
      "JSON", "CHARACTER LARGE OBJECT", "TABLE_OPTIONS", "", "BLOB", "BINARY LARGE OBJECT"),
      false, "?"),
  /** SQLite 3.24 or newer. */
  SQLITE(Map.of("BOOL", "BOOLEAN", "DOUBLE", "REAL", "TEXT", "TEXT", "JSON", "TEXT",
      "TABLE_OPTIONS", "", "BLOB", "BLOB"), true, "?"),
  /** PostgreSQL 11 or newer. */
  POSTGRESQL(Map.of("BOOL", "BOOLEAN", "DOUBLE", "DOUBLE PRECISION", "TEXT", "TEXT",
      "JSON", "JSONB", "TABLE_OPTIONS", "", "BLOB", "BYTEA"), true, "CAST(? AS JSONB)"),
  /** MariaDB 10.5+ and MySQL 8+. */
  MARIADB(Map.of("BOOL", "BOOLEAN", "DOUBLE", "DOUBLE", "TEXT", "MEDIUMTEXT", "JSON", "JSON",
      "TABLE_OPTIONS", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
      "BLOB", "MEDIUMBLOB"), false, "?");

  @SuppressWarnings("ImmutableEnumChecker") // Map.of: unmodifiable
  private final Map<String, String> types;
  private final boolean onConflictDoNothing;
  private final String jsonParameter;

  Dialect(Map<String, String> types, boolean onConflictDoNothing, String jsonParameter) {
    this.types = types;
    this.onConflictDoNothing = onConflictDoNothing;
    this.jsonParameter = jsonParameter;
  }

  /**
   * @param connection an open connection
   * @return the dialect of its database
   * @throws SQLException on failure
   * @throws IllegalArgumentException for an unsupported database
   */
  public static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("h2")) {
      return H2;
    }
    if (product.contains("sqlite")) {
      return SQLITE;
    }
    if (product.contains("postgres")) {
      return POSTGRESQL;
    }
    if (product.contains("mariadb") || product.contains("mysql")) {
      return MARIADB;
    }
    throw new IllegalArgumentException("unsupported database '"
        + connection.getMetaData().getDatabaseProductName()
        + "': use H2, SQLite, PostgreSQL or MariaDB/MySQL");
  }

  /**
   * Fills the type placeholders of a migration.
   *
   * @param template SQL with ${NAME} placeholders
   * @return dialect SQL
   */
  public String render(String template) {
    String out = template;
    for (Map.Entry<String, String> e : types.entrySet()) {
      out = out.replace("${" + e.getKey() + "}", e.getValue());
    }
    return out;
  }

  /**
   * @param insert a plain INSERT statement
   * @return an insert that does nothing on a uniqueness conflict, or the statement itself when
   *     the dialect reports conflicts as exceptions
   */
  public String insertIfAbsent(String insert) {
    return onConflictDoNothing ? insert + " ON CONFLICT DO NOTHING" : insert;
  }

  /** @return the placeholder to bind a JSON text parameter */
  public String jsonParameter() {
    return jsonParameter;
  }

  /** How long MariaDB waits for another instance's schema lock. */
  static final int SCHEMA_LOCK_SECONDS = 900;

  /**
   * Takes the cross-process schema lock where the database has one (advisory/named locks); H2
   * and SQLite rely on the in-JVM lock of the migrator.
   *
   * @param c the connection
   * @throws SQLException on failure, or when MariaDB's lock was not had within
   *     {@link #SCHEMA_LOCK_SECONDS}
   */
  public void lockSchema(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      if (this == POSTGRESQL) {
        st.execute("SELECT pg_advisory_lock(7234011)");
      } else if (this == MARIADB) {
        // GET_LOCK answers 0 when it timed out: then the lock is not held, and going on would
        // migrate (or fill the totals) next to the instance that holds it
        try (java.sql.ResultSet rs = st.executeQuery(
            "SELECT GET_LOCK('printernizer_schema', " + SCHEMA_LOCK_SECONDS + ")")) {
          if (!rs.next() || rs.getInt(1) != 1) {
            throw new SQLException("another instance has held the job store's schema lock for "
                + SCHEMA_LOCK_SECONDS + " s (migrating or filling the statistics totals);"
                + " try again when it has started");
          }
        }
      }
    }
  }

  /**
   * Releases the schema lock.
   *
   * @param c the connection
   * @throws SQLException on failure
   */
  public void unlockSchema(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      if (this == POSTGRESQL) {
        st.execute("SELECT pg_advisory_unlock(7234011)");
      } else if (this == MARIADB) {
        st.execute("SELECT RELEASE_LOCK('printernizer_schema')");
      }
    }
  }

  /**
   * @param e an exception
   * @return whether it is a deadlock or serialization failure worth one more try
   */
  public static boolean isTransient(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        SQLException s = (SQLException) t;
        String state = s.getSQLState();
        if (state != null && state.startsWith("40")) {
          return true;
        }
        if (s.getErrorCode() == 1213 || s.getErrorCode() == 5 || s.getErrorCode() == 6) {
          return true; // MariaDB deadlock; SQLite BUSY / LOCKED
        }
      }
    }
    return false;
  }

  /**
   * @param e an exception
   * @return whether it reports a uniqueness (integrity) violation
   */
  public static boolean isUniqueViolation(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        SQLException s = (SQLException) t;
        String state = s.getSQLState();
        if (state != null && state.startsWith("23")) {
          return true;
        }
        if (s.getErrorCode() == 19 || s.getErrorCode() == 2067 || s.getErrorCode() == 1555) {
          return true; // SQLite SQLITE_CONSTRAINT(_UNIQUE, _PRIMARYKEY)
        }
        if (s.getErrorCode() == 1062) {
          return true; // MySQL/MariaDB ER_DUP_ENTRY
        }
      }
    }
    return false;
  }
}
