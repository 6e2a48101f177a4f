package dev.printernizer.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.printernizer.api.PrinterId;
import dev.printernizer.simulators.PrusaLinkSimulator;
import dev.printernizer.time.EngineClock;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: printers are added, tested, edited and removed over the API (the UI's), kept in the
 * data directory with their secrets in an owner-only file, and survive a restart.
 */
class PrintersApiTest extends ServerTest {
  private String prusa(String id, int port, String password) {
    return "{\"id\":\"" + id + "\",\"name\":\"Keller MINI\",\"type\":\"prusa\","
        + "\"host\":\"127.0.0.1\",\"port\":" + port + ",\"username\":\"maker\","
        + "\"secret\":\"" + password + "\",\"power_watts\":60}";
  }

  @Test
  void aPrinterAddedOverTheApiIsTrackedKeptAndEditedWithoutItsSecret() throws Exception {
    try (PrusaLinkSimulator mini = PrusaLinkSimulator.builder(PrusaLinkSimulator.Flavour.BUDDY,
        EngineClock.system()).username("maker").password("mini-secret-pw").start()) {
      HttpResponse<String> r = h.send("POST", "/api/printers/test",
          prusa("mini", mini.port(), "wrong-pw"), true);
      assertEquals(200, r.statusCode(), r.body());
      assertFalse(json(r).path("ok").asBoolean(), r.body());
      assertEquals("authentication_refused", json(r).path("problem").path("kind").asText(),
          r.body());
      r = h.send("POST", "/api/printers/test", prusa("mini", mini.port(), "mini-secret-pw"), true);
      assertTrue(json(r).path("ok").asBoolean(), r.body());
      assertTrue(h.server.engine().printer(PrinterId.of("mini")).isEmpty(),
          "a test adds nothing");

      r = h.send("POST", "/api/printers", prusa("mini", mini.port(), "mini-secret-pw"), true);
      assertEquals(201, r.statusCode(), r.body());
      assertFalse(r.body().contains("mini-secret-pw"), r.body());
      assertTrue(json(r).path("has_secret").asBoolean());
      ServerHarness.await("the new printer connected", () -> h.server.engine()
          .printer(PrinterId.of("mini")).map(p -> p.connected()).orElse(false));
      mini.startPrint("Mini_Clip.bgcode");
      ServerHarness.await("a job on the new printer", () -> h.server.engine().jobs(
          dev.printernizer.api.JobQuery.all()).stream()
          .anyMatch(j -> j.printerId().value().equals("mini")));

      String saved = Files.readString(dir.resolve("printers.json"));
      assertTrue(saved.contains("\"mini\"") && !saved.contains("mini-secret-pw"), saved);
      assertTrue(Files.readString(dir.resolve("printer-secrets.properties"))
          .contains("mini=mini-secret-pw"));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
          dir.resolve("printer-secrets.properties"))));
      JsonNode config = json(h.get("/api/printers/config"));
      assertFalse(config.toString().contains("mini-secret-pw"), config.toString());
      int ui = 0;
      for (JsonNode p : config) {
        ui += p.path("source").asText().equals("ui") ? 1 : 0;
      }
      assertEquals(1, ui, config.toString());

      h.restart();
      assertTrue(h.server.engine().printer(PrinterId.of("mini")).isPresent(), "kept");
      r = h.send("PUT", "/api/printers/mini", "{\"name\":\"Keller MINI+\",\"type\":\"prusa\","
          + "\"host\":\"127.0.0.1\",\"port\":" + mini.port() + ",\"username\":\"maker\"}", true);
      assertEquals(200, r.statusCode(), r.body());
      assertTrue(json(r).path("has_secret").asBoolean(), "an edit without a secret keeps it");
      ServerHarness.await("the edited printer connected again", () -> h.server.engine()
          .printer(PrinterId.of("mini")).map(p -> p.connected()
              && p.config().name().equals("Keller MINI+")).orElse(false));

      assertEquals(204, h.send("DELETE", "/api/printers/mini", null, true).statusCode());
      assertTrue(h.server.engine().printer(PrinterId.of("mini")).isEmpty());
      assertFalse(Files.readString(dir.resolve("printer-secrets.properties"))
          .contains("mini-secret-pw"), "the secret is gone with the printer");
      assertTrue(h.server.engine().jobs(dev.printernizer.api.JobQuery.all()).stream()
          .anyMatch(j -> j.printerId().value().equals("mini")), "its jobs stay");
    }
  }

  @Test
  void badPrintersAreRefusedNamingTheFieldAndNothingIsSaved() throws Exception {
    assertError(h.send("POST", "/api/printers", "{\"id\":\"x\",\"host\":\"192.0.2.1\"}", true),
        400, "type: required");
    assertError(h.send("POST", "/api/printers", "{\"id\":\"x1\",\"type\":\"bambu\","
        + "\"host\":\"192.0.2.1\",\"secret\":\"12345678\"}", true), 400, "serial");
    assertError(h.send("POST", "/api/printers", "{\"id\":\"x\",\"type\":\"prusa\","
        + "\"host\":\"192.0.2.1\",\"secret\":\"pw\",\"port\":70000}", true), 400, "port:");
    assertError(h.send("POST", "/api/printers", "{\"id\":\"x\",\"type\":\"prusa\","
        + "\"hots\":\"192.0.2.1\"}", true), 400, "hots: unknown field");
    String demoPrinter = h.server.engine().printers().get(0).config().id().value();
    assertError(h.send("POST", "/api/printers", prusa(demoPrinter, 1, "pw"), true), 409,
        "exists already");
    assertError(h.send("PUT", "/api/printers/" + demoPrinter, prusa(demoPrinter, 1, "pw"), true),
        409, "config.yaml");
    assertError(h.send("DELETE", "/api/printers/nope", null, true), 404, "no printer nope");
    assertError(h.send("POST", "/api/printers", prusa("y", 1, "pw"), false), 401, "Bearer");
    assertFalse(Files.exists(dir.resolve("printers.json")), "nothing saved");

    Files.createDirectories(dir.resolve("printers.json").resolve("blocked")); // cannot be replaced
    assertError(h.send("POST", "/api/printers", prusa("z", 1, "pw"), true), 500,
        "could not save");
    assertTrue(h.server.engine().printer(PrinterId.of("z")).isEmpty(), "nothing applied");
  }

  @Test
  void aDamagedPrintersFileStopsTheStartNamingIt() throws Exception {
    Files.writeString(dir.resolve("printers.json"), "[{\"id\": \"mini\", \"type\":");
    java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(
        java.io.IOException.class, () -> h.restart());
    assertTrue(e.getMessage().contains("printers.json is damaged"), e.getMessage());
    Files.writeString(dir.resolve("printers.json"), "[]");
    h.start(); // fixed: it starts again (and @AfterEach closes it)
  }
}
