package dev.printernizer.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.printernizer.simulators.BambuPrinterSimulator.JobKind;
import dev.printernizer.simulators.PrusaLinkSimulator;
import java.net.http.HttpResponse;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** {@code /api/statistics}: the figures of finished and running prints, filters, bad input. */
class StatisticsApiTest extends ServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r = h.get(path);
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private void assertError(String path, String text) throws Exception {
    ServerHarness.assertError(h.get(path), 400, text);
  }

  @Test
  void finishedAndRunningPrintsAddUp() throws Exception {
    assertEquals(200, h.send("PUT", "/api/settings/costs", "{\"cost_filament_price_per_kg\":20}",
        true).statusCode());
    PrusaLinkSimulator mk3 = h.printers.prusa.get(1); // 12.8 g PLA in file.meta
    mk3.startPrint("Benchy_0.4n_PLA.gcode");
    ServerHarness.await("the job with its print file", () -> h.jobCount() == 1
        && h.server.engine().jobs(dev.printernizer.api.JobQuery.all()).get(0).printFile()
            .isPresent());
    mk3.finish();
    ServerHarness.await("the cost at close", () -> h.server.engine().jobs(
        dev.printernizer.api.JobQuery.all()).get(0).cost().isPresent());
    h.printers.bambu.get(0).startJob("Running.gcode.3mf", JobKind.LAN);
    ServerHarness.await("the second job", () -> h.jobCount() == 2);

    JsonNode s = get("/api/statistics?zone=Europe/Berlin");
    assertEquals("Europe/Berlin", s.path("zone").asText());
    JsonNode t = s.path("total");
    assertEquals(2, t.path("jobs").asInt(), s.toString());
    assertEquals(1, t.path("completed").asInt());
    assertEquals(1.0, t.path("success_rate").asDouble());
    assertEquals(12.8, t.path("filament_grams").asDouble(), 1e-9);
    assertEquals(0.26, t.path("cost").path("EUR").asDouble(), 1e-9);
    assertEquals(12.8, s.path("by_material").path("PLA").path("grams").asDouble(), 1e-9);
    assertEquals(1, s.path("by_printer").path("keller-mk3").path("completed").asInt());
    assertEquals(1, s.path("by_status").path("running").path("jobs").asInt(), s.toString());
    assertEquals(2, s.path("by_month").path(YearMonth.now(ZoneId.of("Europe/Berlin")).toString())
        .path("jobs").asInt(), s.toString());

    assertEquals(1, get("/api/statistics?status=completed").path("total").path("jobs").asInt());
    assertEquals(1, get("/api/statistics?printer=werkstatt-x1c").path("total").path("jobs")
        .asInt());
    assertEquals(0, get("/api/statistics?to=2000-01-01").path("total").path("jobs").asInt());
    assertEquals(2, get("/api/statistics?from=2000-01-01T00:00:00Z").path("total").path("jobs")
        .asInt());
    assertError("/api/statistics?zone=Mars/Olympus", "time zone");
    assertError("/api/statistics?from=yesterday", "from must be a date");
    assertError("/api/statistics?from=2026-02-01&to=2026-01-01", "must be after");
    assertError("/api/statistics?status=printing", "unknown job status");
  }
}
