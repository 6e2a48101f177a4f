package dev.printernizer.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: the command line's refusals are one line and exit code 2, never a stack trace: a port
 * in use, a database that cannot be reached (without its password).
 */
class ServerMainTest {
  @TempDir
  Path dir;

  private String run(List<String> args, java.util.Map<String, String> env) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp",
        System.getProperty("java.class.path"), "dev.printernizer.examples.server.ReferenceServer"));
    cmd.addAll(args);
    Path log = dir.resolve("out.log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(log.toFile()).directory(dir.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the server ends");
    String out = Files.readString(log);
    assertEquals(2, p.exitValue(), out);
    assertFalse(out.contains("\tat "), "no stack trace: " + out);
    return out;
  }

  @Test
  void aPortInUseIsOneLineSayingHowToChooseAnother() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      String out = run(List.of("--port", String.valueOf(taken.getLocalPort()), "--data",
          dir.resolve("data").toString()), java.util.Map.of());
      assertTrue(out.contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
          && out.contains("--port N"), out);
    }
  }

  @Test
  void anUnreachableDatabaseIsOneLineWithoutThePassword() throws Exception {
    Path cfg = dir.resolve("config.yaml");
    Files.writeString(cfg, "database:\n  directory: '" + dir.resolve("data") + "'\n"
        + "  url: jdbc:postgresql://127.0.0.1:1/farm\n  user: farm\n  password_env: DB_PW\n");
    String out = run(List.of("--config", cfg.toString()), java.util.Map.of("DB_PW",
        "db-secret-42"));
    assertTrue(out.contains("cannot connect to jdbc:postgresql://127.0.0.1:1/farm as farm"), out);
    assertFalse(out.contains("db-secret-42"), out);
  }
}
