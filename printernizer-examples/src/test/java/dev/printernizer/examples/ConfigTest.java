package dev.printernizer.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.examples.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config.yaml: valid files load; every error names the key and its line. */
class ConfigTest {
  @TempDir
  Path dir;

  private ServerConfig load(String yaml, Map<String, String> env) throws Exception {
    Path f = dir.resolve("config.yaml");
    Files.writeString(f, yaml);
    return ServerConfig.load(f, env);
  }

  private String error(String yaml, Map<String, String> env) {
    return assertThrows(IllegalArgumentException.class, () -> load(yaml, env)).getMessage();
  }

  @Test
  void aCompleteFileLoads() throws Exception {
    ServerConfig c = load("server:\n  port: 9090\n  token_env: PZ_TOKEN\n"
        + "database:\n  directory: /tmp/pz\n"
        + "job_creation_auto_create: true\nmonitoring_interval: 15s\n"
        + "printers:\n"
        + "  - id: x1c\n    name: Werkstatt X1C\n    type: bambu\n    host: 192.168.1.20\n"
        + "    serial: 00M09A350100123\n    access_code_env: X1C_CODE\n"
        + "  - id: mk4\n    type: prusa\n    host: 192.168.1.31\n    password_env: MK4_PW\n",
        Map.of("PZ_TOKEN", "t", "X1C_CODE", "12345678", "MK4_PW", "pw"));
    assertFalse(c.toString().contains("12345678"));
  }

  @Test
  void errorsNameTheLineAndTheKey() {
    String e = error("server:\n  port: abc\n", Map.of());
    assertTrue(e.contains("line 2") && e.contains("server.port"), e);
    e = error("printers:\n  - id: x1c\n    type: bambu\n    access_code_env: MISSING_VAR\n",
        Map.of());
    assertTrue(e.contains("line 4") && e.contains("printers[0].access_code_env")
        && e.contains("MISSING_VAR"), e);
    e = error("monitoring_interval: soon\n", Map.of());
    assertTrue(e.contains("line 1") && e.contains("monitoring_interval"), e);
    e = error("printres:\n  - id: x\n", Map.of());
    assertTrue(e.contains("line 1") && e.contains("printres") && e.contains("unknown key"), e);
    e = error("printers:\n  - id: ok\n    type: prusa\n  - id: bad id\n    type: prusa\n",
        Map.of());
    assertTrue(e.contains("printers[1]") && e.contains("line 4"), e);
    e = error("server:\n  token: \"\"\n", Map.of());
    assertTrue(e.contains("line 2") && e.contains("server.token") && e.contains("empty"), e);
    e = error("server:\n  token_for_reads: maybe\n", Map.of());
    assertTrue(e.contains("line 2") && e.contains("server.token_for_reads"), e);
    e = error("server: [1, 2\n", Map.of());
    assertTrue(e.contains("not valid YAML"), e);
  }

  @Test
  void pricesAndPowerAreCheckedWhereTheyAreWritten() throws Exception {
    load("costs:\n  cost_currency: CHF\n  cost_filament_price_per_kg: 24.99\n"
        + "  cost_filament_price_per_kg.PETG: 30\n  cost_energy_price_per_kwh: 0.31\n"
        + "printers:\n  - id: mk4\n    type: prusa\n    power_watts: 80\n", Map.of());
    String e = error("costs:\n  cost_currency: CHF\n  cost_energy_price_per_kwh: -0.3\n",
        Map.of());
    assertTrue(e.contains("costs.cost_energy_price_per_kwh") && e.contains("line 3"), e);
    e = error("costs:\n  cost_filament_prize_per_kg: 20\n", Map.of());
    assertTrue(e.contains("did you mean") && e.contains("cost_filament_price_per_kg"), e);
    e = error("costs: 20\n", Map.of());
    assertTrue(e.contains("costs") && e.contains("mapping"), e);
    e = error("costs:\n  cost_wear_per_hour: [1]\n", Map.of());
    assertTrue(e.contains("costs.cost_wear_per_hour") && e.contains("must be a value"), e);
    e = error("printers:\n  - id: mk4\n    type: prusa\n    power_watts: lots\n", Map.of());
    assertTrue(e.contains("printers[0].power_watts") && e.contains("line 4"), e);
    e = error("printers:\n  - id: mk4\n    type: prusa\n    power_watts: 0\n", Map.of());
    assertTrue(e.contains("printers[0].power_watts") && e.contains("line 4"), e);
  }

  @Test
  void databaseSettingsAreCheckedWhereTheyAreWritten() throws Exception {
    String m = error("database:\n  url: jdbc:oracle:thin:@db:1521/x\n", Map.of());
    assertTrue(m.contains("line 2: database.url: 'jdbc:oracle:thin:@db:1521/x' is not a"
        + " supported JDBC URL"), m);
    m = error("database:\n  user: farm\n  password_env: DB_PW\n", Map.of("DB_PW", "s3cret"));
    assertTrue(m.contains("database.user: needs database.url"), m);
    m = error("database:\n  url: jdbc:postgresql://db/farm\n  password_env: DB_PW\n", Map.of());
    assertTrue(m.contains("line 3: database.password_env: environment variable DB_PW is not set"),
        m);
    m = error("database:\n  url: jdbc:postgresql://db/farm\n  pool_size: 0\n", Map.of());
    assertTrue(m.contains("database.pool_size: must be a whole number 1-100"), m);
    m = error("database:\n  uri: jdbc:postgresql://db/farm\n", Map.of());
    assertTrue(m.contains("database.uri: unknown key"), m);
  }

  @Test
  void anUnreachableDatabaseStopsTheStartSayingWhichWithoutThePassword() throws Exception {
    ServerConfig c = load("server:\n  port: 0\ndatabase:\n  directory: '" + dir.resolve("d")
        + "'\n  url: 'jdbc:postgresql://127.0.0.1:1/farm?password=inline-pw'\n"
        + "  user: farm\n  password_env: DB_PW\n", Map.of("DB_PW", "env-pw-123"));
    dev.printernizer.jdbc.JobStoreException e = assertThrows(
        dev.printernizer.jdbc.JobStoreException.class,
        () -> dev.printernizer.examples.server.ReferenceServer.start(c).close());
    String m = e.getMessage();
    assertTrue(m.startsWith("cannot connect to jdbc:postgresql://127.0.0.1:1/farm?password=***"
        + " as farm: "), m);
    assertFalse(m.contains("inline-pw") || m.contains("env-pw-123"), m);
  }
}
