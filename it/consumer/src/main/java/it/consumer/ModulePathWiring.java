package it.consumer;

import dev.printernizer.Printernizer;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterStatus;
import dev.printernizer.api.Secret;
import dev.printernizer.jdbc.JdbcJobStore;
import dev.printernizer.jdbc.JobStoreException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Wires core, the JDBC store on PostgreSQL and both drivers as the docs show. This build runs
 * {@link #main} on the module path (exec-maven-plugin, phase verify), where this module requires
 * core and jdbc only, so the drivers are there only if ServiceLoader binds them; WiringTest runs
 * {@link #wire} on the class path. Exits non-zero on any failure.
 */
public final class ModulePathWiring {
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

  private ModulePathWiring() {}

  /**
   * Runs the check on the module path.
   *
   * @param args none
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    check(ModulePathWiring.class.getModule().isNamed(), "not running as a named module");
    for (String m : List.of("dev.printernizer.driver.prusa", "dev.printernizer.driver.bambu")) {
      check(ModuleLayer.boot().findModule(m).isPresent(),
          m + " was not resolved as a service provider");
    }
    String wired;
    try {
      wired = wire("it_consumer_mp");
    } catch (SQLException e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432 is needed under CI", e);
      }
      System.out.println("module path: PostgreSQL on 127.0.0.1:5432 is not running, skipped ("
          + e.getMessage() + ")");
      return;
    }
    // H2 is optional in printernizer-jdbc and this application does not have it
    try {
      JdbcJobStore.h2(Files.createTempDirectory("it-consumer-h2")).close();
      check(false, "JdbcJobStore.h2 worked without H2 on the module path");
    } catch (JobStoreException e) {
      check(String.valueOf(e.getMessage()).contains("com.h2database"),
          "unclear error without H2: " + e.getMessage());
    }
    System.out.println("module path ok: " + wired + "; JdbcJobStore.h2 explains the missing H2");
  }

  /**
   * Creates the schema afresh and wires a Prusa and a Bambu printer over a store in it.
   *
   * @param schema a PostgreSQL schema name, dropped and created
   * @return what was wired
   * @throws SQLException when PostgreSQL is not reachable
   */
  public static String wire(String schema) throws SQLException {
    try (Connection c = DriverManager.getConnection(URL, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      s.execute("CREATE SCHEMA " + schema);
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(URL + "?currentSchema=" + schema);
    ds.setUser("postgres");
    try (JdbcJobStore store = JdbcJobStore.create(ds);
        Printernizer p = Printernizer.builder().jobStore(store) // drivers by ServiceLoader
            .printer(PrinterConfig.builder(PrinterId.of("mk4"), "prusa").host("192.0.2.1")
                .credential(Secret.of("pw")).build())
            .printer(PrinterConfig.builder(PrinterId.of("x1c"), "bambu").host("192.0.2.2")
                .serial("00M09A350100123").credential(Secret.of("12345678")).build())
            .build()) {
      check("POSTGRESQL".equals(store.databaseKind()), "store on " + store.databaseKind());
      List<PrinterStatus> printers = p.printers();
      check(printers.size() == 2, "printers: " + printers);
      return "store on " + store.databaseKind() + ", " + printers.size()
          + " printers (prusa and bambu drivers found by ServiceLoader)";
    }
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError("wiring: " + what);
    }
  }
}
