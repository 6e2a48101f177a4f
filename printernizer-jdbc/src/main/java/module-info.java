/**
 * The SQL job store of Printernizer: {@link dev.printernizer.jdbc.JdbcJobStore} on H2 (embedded
 * default), SQLite, PostgreSQL or MariaDB/MySQL.
 */
@SuppressWarnings("requires-automatic") // H2 ships an Automatic-Module-Name, no descriptor
module dev.printernizer.jdbc {
  requires transitive dev.printernizer.core;
  requires transitive java.sql;
  requires static com.h2database; // optional: only JdbcJobStore.h2(...) needs it
  requires org.slf4j;

  exports dev.printernizer.jdbc;
}
