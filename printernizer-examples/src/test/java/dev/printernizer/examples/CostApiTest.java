package dev.printernizer.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.printernizer.simulators.PrusaLinkSimulator;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Prices over HTTP, the cost a finished job keeps, and the explicit recompute. */
class CostApiTest extends ServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private HttpResponse<String> put(String body) throws Exception {
    return h.send("PUT", "/api/settings/costs", body, true);
  }

  @Test
  void pricesAreCheckedSavedAndShown() throws Exception {
    assertEquals("EUR", json(h.get("/api/settings/costs")).path("cost_currency").asText());
    HttpResponse<String> r = put("{\"cost_filament_price_per_kg\":\"24,99\","
        + "\"cost_filament_price_per_kg.petg\":30,\"cost_energy_price_per_kwh\":0.35}");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("24.99", json(r).path("cost_filament_price_per_kg").asText());
    assertEquals("30", json(r).path("cost_filament_price_per_kg.PETG").asText());
    String saved = Files.readString(dir.resolve("costs.properties"));
    assertTrue(saved.contains("cost_energy_price_per_kwh=0.35"), saved);

    assertError(put("{\"cost_filament_price_per_kg\":\"-1\",\"cost_currency\":\"CHF\"}"), 400,
        "cost_filament_price_per_kg");
    assertError(put("{\"cost_filament_prize_per_kg\":\"20\"}"), 400, "did you mean");
    assertError(put("{\"cost_currency\":\"EURO\"}"), 400, "currency");
    assertError(put("[1]"), 400, "object");
    assertError(put("{\"cost_wear_per_hour\":{\"a\":1}}"), 400, "number, a text or null");
    assertEquals("EUR", json(h.get("/api/settings/costs")).path("cost_currency").asText(),
        "nothing applied from a bad request");
    assertError(h.send("PUT", "/api/settings/costs", "{\"cost_currency\":\"CHF\"}", false), 401,
        "Bearer");

    r = put("{\"cost_energy_price_per_kwh\":null}");
    assertTrue(json(r).path("cost_energy_price_per_kwh").isMissingNode(), r.body());
    h.restart();
    JsonNode after = json(h.get("/api/settings/costs"));
    assertEquals("24.99", after.path("cost_filament_price_per_kg").asText(), "kept on restart");
    assertTrue(after.path("cost_energy_price_per_kwh").isMissingNode(), after.toString());
  }

  @Test
  void aFailedSaveChangesNothing() throws Exception {
    Files.createDirectories(dir.resolve("costs.properties.new")); // the save cannot write
    HttpResponse<String> r = put("{\"cost_filament_price_per_kg\":\"20\"}");
    assertError(r, 500, "could not save");
    assertTrue(json(h.get("/api/settings/costs")).path("cost_filament_price_per_kg")
        .isMissingNode(), "the live prices are unchanged after a failed save");
    assertEquals(200, h.get("/api/health").statusCode(), "the server still answers");
  }

  @Test
  void aFinishedJobKeepsItsCostUntilRecomputed() throws Exception {
    assertEquals(200, put("{\"cost_filament_price_per_kg\":20,\"cost_energy_price_per_kwh\":0.4}")
        .statusCode());
    PrusaLinkSimulator mk3 = h.printers.prusa.get(1); // the LINK flavour: 12.8 g PLA in file.meta
    mk3.startPrint("Benchy_0.4n_PLA.gcode");
    ServerHarness.await("the auto-created job", () -> h.jobCount() == 1);
    String id = json(h.get("/api/jobs")).path("items").get(0).path("id").asText();
    assertError(h.send("POST", "/api/jobs/" + id + "/cost", null, true), 409,
        "computed when it closes");
    ServerHarness.await("the print file", () -> h.server.engine().job(id).orElseThrow()
        .printFile().isPresent());
    mk3.finish();
    ServerHarness.await("the cost at close", () -> {
      try {
        return json(h.get("/api/jobs/" + id)).has("cost");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    JsonNode job = json(h.get("/api/jobs/" + id));
    JsonNode cost = job.path("cost");
    assertEquals("EUR", cost.path("currency").asText());
    assertEquals(new BigDecimal("0.26"), cost.path("material").decimalValue(), cost.toString());
    assertEquals("PLA", cost.path("materials").get(0).path("material").asText());
    assertEquals(75.0, cost.path("rates").path("power_watts").asDouble(), "the demo MK3S's power");
    assertTrue(cost.path("energy").isNumber(), cost.toString());
    assertEquals(0, cost.path("total").decimalValue().compareTo(cost.path("material")
        .decimalValue().add(cost.path("energy").decimalValue())), cost.toString());
    assertEquals(cost.path("total").decimalValue(), job.path("cost_total").decimalValue());

    assertEquals(200, put("{\"cost_filament_price_per_kg\":30}").statusCode());
    assertEquals(cost, json(h.get("/api/jobs/" + id)).path("cost"),
        "a later price change does not rewrite history");
    HttpResponse<String> r = h.send("POST", "/api/jobs/" + id + "/cost", null, true);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(new BigDecimal("0.38"), json(r).path("cost").path("material").decimalValue(),
        r.body());
    assertError(h.send("POST", "/api/jobs/nope/cost", null, true), 404, "no job");
    assertError(h.send("GET", "/api/jobs/" + id + "/cost", null, true), 405, "use POST");
    assertFalse(r.body().contains("demo-pw"));
  }
}
