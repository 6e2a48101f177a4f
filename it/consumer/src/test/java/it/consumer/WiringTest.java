package it.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.printernizer.Printernizer;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Secret;
import dev.printernizer.jdbc.JdbcJobStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Core, the JDBC store on PostgreSQL and both drivers, wired as the docs show. */
class WiringTest {
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

  @Test
  void bothDriversAreFoundThroughServiceLoaderOverAPostgresqlStore() throws Exception {
    try (Connection c = DriverManager.getConnection(URL, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS it_consumer CASCADE");
      s.execute("CREATE SCHEMA it_consumer");
    } catch (SQLException e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("PostgreSQL on 127.0.0.1:5432 is needed under CI: " + e.getMessage());
      }
      Assumptions.abort("PostgreSQL on 127.0.0.1:5432 is not running: " + e.getMessage());
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(URL + "?currentSchema=it_consumer");
    ds.setUser("postgres");
    try (JdbcJobStore store = JdbcJobStore.create(ds);
        Printernizer p = Printernizer.builder().jobStore(store) // drivers by ServiceLoader
            .printer(PrinterConfig.builder(PrinterId.of("mk4"), "prusa").host("192.0.2.1")
                .credential(Secret.of("pw")).build())
            .printer(PrinterConfig.builder(PrinterId.of("x1c"), "bambu").host("192.0.2.2")
                .serial("00M09A350100123").credential(Secret.of("12345678")).build())
            .build()) {
      assertEquals("POSTGRESQL", store.databaseKind());
      assertEquals(2, p.printers().size());
    }
  }
}
