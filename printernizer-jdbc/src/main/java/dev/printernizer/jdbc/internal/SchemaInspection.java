package dev.printernizer.jdbc.internal;

import dev.printernizer.jdbc.JobStoreException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a database holds of the Printernizer schema, read before anything is changed: whether
 * the jobs table and the migration record exist, and which versions the record holds. Tells a
 * new, empty database apart from one that lost part of its schema.
 */
public final class SchemaInspection {
  static final String JOBS = "printernizer_jobs";
  static final String SCHEMA = "printernizer_schema";

  private final boolean jobsTable;
  private final boolean schemaTable;
  private final NavigableMap<Integer, String> versions;

  private SchemaInspection(boolean jobsTable, boolean schemaTable,
      NavigableMap<Integer, String> versions) {
    this.jobsTable = jobsTable;
    this.schemaTable = schemaTable;
    this.versions = versions;
  }

  /**
   * Reads the schema state; changes nothing.
   *
   * @param c an open connection
   * @return what the database holds
   * @throws SQLException when the database cannot be read
   */
  public static SchemaInspection of(Connection c) throws SQLException {
    boolean schema = tableExists(c, SCHEMA);
    TreeMap<Integer, String> versions = new TreeMap<>();
    if (schema) {
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT version, checksum FROM " + SCHEMA)) {
        while (rs.next()) {
          versions.put(rs.getInt(1), rs.getString(2));
        }
      }
    }
    return new SchemaInspection(tableExists(c, JOBS), schema, versions);
  }

  /** @return the recorded versions and their checksums, in order */
  public Map<Integer, String> versions() {
    return Collections.unmodifiableMap(versions);
  }

  /** @return the newest recorded version, 0 when none */
  public int newestVersion() {
    return versions.isEmpty() ? 0 : versions.lastKey();
  }

  /**
   * Refuses a schema this version cannot use, before anything is changed: one written by a
   * newer version, or a damaged one (see {@link #damage(boolean)}).
   *
   * @param where the store, for the message
   * @param latest the newest version this build knows
   * @throws JobStoreException when the schema cannot be used
   */
  public void requireUsable(StoreLocation where, int latest) {
    int newest = newestVersion();
    if (newest > latest) {
      throw new JobStoreException(where.name() + " holds job store schema version " + newest
          + ", written by a newer Printernizer; this version knows up to " + latest
          + ". Nothing was changed. Upgrade Printernizer, or point it at another database.");
    }
    Optional<String> damage = damage(where.mustHoldSchema());
    if (damage.isPresent()) {
      throw new JobStoreException(where.name() + " holds a damaged Printernizer job store: "
          + damage.get() + ". Nothing was changed. " + where.advice());
    }
  }

  /**
   * @param mustHoldSchema whether the database is known to have existed before (then holding no
   *     Printernizer table at all is damage too)
   * @return what is wrong, or empty when the schema is whole, or absent from a new database (an
   *     empty migration record without a jobs table is a first start that was interrupted)
   */
  Optional<String> damage(boolean mustHoldSchema) {
    if (!versions.isEmpty() && !jobsTable) {
      return Optional.of("schema versions " + versions.keySet() + " are recorded in " + SCHEMA
          + " but the table " + JOBS + " is missing");
    }
    if (jobsTable && !schemaTable) {
      return Optional.of("the table " + JOBS + " exists but the migration record " + SCHEMA
          + " is missing");
    }
    if (jobsTable && versions.isEmpty()) {
      return Optional.of("the table " + JOBS + " exists but no schema version is recorded in "
          + SCHEMA);
    }
    if (!versions.isEmpty() && versions.size() != newestVersion()) {
      return Optional.of("the versions recorded in " + SCHEMA + " are " + versions.keySet()
          + " instead of 1 to " + newestVersion() + " without gaps");
    }
    if (mustHoldSchema && !jobsTable) {
      return Optional.of("it existed before this start but holds none of the Printernizer"
          + " tables (" + JOBS + ", " + SCHEMA + "), so it was probably truncated or overwritten");
    }
    return Optional.empty();
  }

  /**
   * Looks the table up in the connection's own catalog and schema through the metadata, so that
   * a missing table is told apart from one that cannot be read. Databases fold unquoted names to
   * lower (PostgreSQL) or upper case (H2); both spellings are tried.
   */
  private static boolean tableExists(Connection c, String name) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    String catalog = c.getCatalog();
    String schema = currentSchema(c);
    for (String candidate : new String[] {name, name.toUpperCase(Locale.ROOT)}) {
      try (ResultSet rs = md.getTables(catalog, schema, candidate, null)) {
        while (rs.next()) {
          if (name.equalsIgnoreCase(rs.getString("TABLE_NAME"))) {
            return true; // '_' in the pattern matches any character: compare the name itself
          }
        }
      }
    }
    return false;
  }

  private static @Nullable String currentSchema(Connection c) {
    try {
      return c.getSchema();
    } catch (SQLException e) {
      return null; // a driver without schemas: the catalog alone narrows the lookup
    }
  }
}
