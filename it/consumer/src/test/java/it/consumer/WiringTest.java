package it.consumer;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.SQLException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Core, the JDBC store on PostgreSQL and both drivers, wired on the class path. */
class WiringTest {
  @Test
  void bothDriversAreFoundThroughServiceLoaderOverAPostgresqlStore() {
    String wired = null;
    try {
      wired = ModulePathWiring.wire("it_consumer");
    } catch (SQLException e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("PostgreSQL on 127.0.0.1:5432 is needed under CI: " + e.getMessage());
      }
      Assumptions.abort("PostgreSQL on 127.0.0.1:5432 is not running: " + e.getMessage());
    }
    assertTrue(wired.contains("2 printers"), wired);
  }
}
