package dev.printernizer.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.printernizer.api.JobQuery;
import dev.printernizer.examples.server.ServerConfig;
import dev.printernizer.simulators.PrusaLinkSimulator;
import dev.printernizer.simulators.SpoolmanSimulator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's {@code notifications:}: a webhook that refuses once (a dead letter shown by
 * {@code /api/outbox} and retried by {@code POST /api/outbox/retry}) and Spoolman deducted once
 * for a finished print, visible in {@code /api/jobs/{id}/deliveries}.
 */
class OutboxApiTest {
  @TempDir
  Path dir;

  @Test
  void deadLettersAreShownAndRetriedAndSpoolmanIsDeductedOnce() throws Exception {
    List<String> hooks = new CopyOnWriteArrayList<>();
    AtomicInteger refuse = new AtomicInteger(1);
    HttpServer receiver = HttpServer.create(new InetSocketAddress(
        InetAddress.getLoopbackAddress(), 0), 10);
    receiver.createContext("/", ex -> {
      hooks.add(ex.getRequestHeaders().getFirst("X-Printernizer-Event"));
      int status = refuse.getAndDecrement() > 0 ? 404 : 204;
      ex.sendResponseHeaders(status, -1);
      ex.close();
    });
    receiver.start();
    try (SpoolmanSimulator spoolman = SpoolmanSimulator.start()) {
      int spool = spoolman.addSpool("PLA", 1000, Map.of());
      Path yaml = dir.resolve("config.yaml");
      Files.writeString(yaml, String.join("\n",
          "notifications:",
          "  - type: webhook",
          "    name: erp",
          "    url: http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
          "    secret_env: HOOK_SECRET",
          "    events: [job_auto_created]",
          "  - type: spoolman",
          "    url: " + spoolman.baseUrl(),
          "    spools: {keller-mk3: {0: " + spool + "}}",
          ""));
      ServerConfig config = ServerConfig.load(yaml, Map.of("HOOK_SECRET", "hmac-key"));
      try (ServerHarness h = new ServerHarness(dir.resolve("data"), "tok", config)) {
        PrusaLinkSimulator mk3 = h.printers.prusa.get(1); // 12.8 g PLA in its file
        mk3.startPrint("Benchy_0.4n_PLA.gcode");
        ServerHarness.await("the job with its print file", () -> h.jobCount() == 1
            && h.server.engine().jobs(JobQuery.all()).get(0).printFile().isPresent());
        mk3.finish();
        ServerHarness.await("Spoolman deducted", () -> spoolman.usedWeight(spool) > 0);
        assertEquals(12.8, spoolman.usedWeight(spool), 1e-9);

        JsonNode outbox = ServerHarness.json(h.get("/api/outbox"));
        assertTrue(outbox.path("durable").asBoolean(), outbox.toString());
        JsonNode dead = outbox.path("dead_letters");
        assertEquals(1, dead.size(), outbox.toString());
        assertEquals("erp", dead.get(0).path("destination").asText());
        assertEquals("job_auto_created", dead.get(0).path("event").asText());
        assertTrue(dead.get(0).path("last_error").asText().contains("HTTP 404"), dead.toString());

        String body = "{\"destination\":\"erp\",\"seq\":" + dead.get(0).path("seq").asLong()
            + "}";
        assertEquals(200, h.send("POST", "/api/outbox/retry", body, true).statusCode());
        ServerHarness.await("the retried webhook", () -> hooks.size() == 2);
        ServerHarness.await("no dead letters", () -> {
          try {
            return ServerHarness.json(h.get("/api/outbox")).path("dead_letters").isEmpty();
          } catch (Exception e) {
            return false;
          }
        });
        ServerHarness.assertError(h.send("POST", "/api/outbox/retry", "{\"destination\":\"erp\","
            + "\"seq\":\"x\"}", true), 400, "destination");
        ServerHarness.assertError(h.send("POST", "/api/outbox/retry", "{\"destination\":\"erp\","
            + "\"seq\":999999}", true), 404, "no undelivered entry");

        String id = h.server.engine().jobs(JobQuery.all()).get(0).id();
        JsonNode ds = ServerHarness.json(h.get("/api/jobs/" + id + "/deliveries"));
        JsonNode spooled = null;
        for (JsonNode d : ds) {
          if (d.path("event").asText().equals("filament_used")) {
            spooled = d;
          }
        }
        assertTrue(spooled != null, ds.toString());
        assertEquals("delivered", spooled.path("state").asText());
        assertEquals("slot0=spool" + spool + ":done", spooled.path("memo").asText());
        assertEquals(1, spoolman.uses().size(), "deducted once: " + spoolman.uses());
      }
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void aBadNotificationIsRefusedWithTheFileLineAndKey() throws Exception {
    Path yaml = dir.resolve("bad.yaml");
    Files.writeString(yaml, "notifications:\n  - type: webhook\n    url: https://x.example/h\n"
        + "    events: [job_exploded]\n");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> ServerConfig.load(yaml, Map.of()));
    assertTrue(e.getMessage().contains("notifications[0].events"), e.getMessage());
    assertTrue(e.getMessage().contains("job_exploded"), e.getMessage());
    assertTrue(e.getMessage().contains("line 4"), e.getMessage());

    Path ha = dir.resolve("ha.yaml");
    Files.writeString(ha, "notifications:\n  - type: homeassistant\n    url: mqtt://ha.local\n"
        + "    password_env: HA_PW\n");
    IllegalArgumentException missing = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> ServerConfig.load(ha, Map.of()));
    assertTrue(missing.getMessage().contains("notifications[0].password_env: the environment"
        + " variable HA_PW is not set"), missing.getMessage());
    ServerConfig ok = ServerConfig.load(ha, Map.of("HA_PW", "pw")); // checked, not connected
    assertTrue(ok.toString() != null);
    Files.writeString(ha, "notifications:\n  - type: homeassistant\n    url: mqtt://ha.local\n"
        + "    events: [job_completed, job_melted]\n");
    IllegalArgumentException event = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> ServerConfig.load(ha, Map.of()));
    assertTrue(event.getMessage().contains("notifications[0].events: unknown event 'job_melted'"),
        event.getMessage());
  }
}
