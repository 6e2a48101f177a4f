package dev.printernizer.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.printernizer.simulators.BambuPrinterSimulator.JobKind;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every endpoint of the reference server, including bad input answered with a JSON error. */
class ApiTest extends ServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private String autoJob() throws Exception {
    h.printers.bambu.get(0).startJob("Benchy.gcode.3mf", JobKind.LAN);
    ServerHarness.await("the auto-created job", () -> h.jobCount() == 1);
    return json(h.get("/api/jobs")).path("items").get(0).path("id").asText();
  }

  @Test
  void healthAndPrintersWithoutSecrets() throws Exception {
    JsonNode health = json(h.get("/api/health"));
    assertEquals("ok", health.path("status").asText());
    assertEquals(5, health.path("printers").asInt());
    HttpResponse<String> r = h.get("/api/printers");
    assertEquals(200, r.statusCode());
    assertEquals(5, json(r).size());
    assertFalse(r.body().contains("12345678") || r.body().contains("demo-pw"), r.body());
  }

  @Test
  void jobsListFiltersPagesAndOneJob() throws Exception {
    String id = autoJob();
    assertEquals(1, json(h.get("/api/jobs?auto=true")).path("total").asInt());
    assertEquals(0, json(h.get("/api/jobs?auto=false")).path("total").asInt());
    assertEquals(1, json(h.get("/api/jobs?status=running,paused")).path("total").asInt());
    assertEquals(0, json(h.get("/api/jobs?printer=keller-mk3")).path("total").asInt());
    assertEquals(0, json(h.get("/api/jobs?offset=1&limit=1")).path("items").size());
    JsonNode job = json(h.get("/api/jobs/" + id));
    assertEquals("Benchy", job.path("name").asText());
    assertTrue(job.path("customer_info").path("auto_created").asBoolean());
    assertError(h.get("/api/jobs/no-such-job"), 404, "no job");
    assertError(h.get("/api/jobs?status=printing"), 400, "unknown job status");
    assertError(h.get("/api/jobs?auto=maybe"), 400, "auto must be");
    assertError(h.get("/api/jobs?limit=5000"), 400, "limit");
    assertError(h.get("/api/jobs?limit=x"), 400, "limit");
  }

  @Test
  void exportStreamsTheFilteredHistory() throws Exception {
    autoJob();
    HttpResponse<String> csv = h.get("/api/jobs/export?format=csv&auto=true");
    assertEquals(200, csv.statusCode(), csv.body());
    assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    assertTrue(csv.headers().firstValue("Content-Disposition").orElse("")
        .contains("printernizer-jobs.csv"));
    String[] lines = csv.body().split("\r\n");
    assertEquals(2, lines.length, csv.body());
    assertTrue(lines[0].startsWith("id,printer_id,name,"), lines[0]);
    assertTrue(lines[1].contains("Benchy"), lines[1]);
    HttpResponse<String> none = h.get("/api/jobs/export?format=jsonl&auto=false");
    assertEquals(200, none.statusCode());
    assertEquals("", none.body());
    HttpResponse<String> jsonl = h.get("/api/jobs/export?format=jsonl");
    assertEquals("Benchy", JSON.readTree(jsonl.body().strip()).path("name").asText());
    assertError(h.get("/api/jobs/export?format=xlsx"), 400, "format must be");
    assertError(h.get("/api/jobs/export?status=printing"), 400, "unknown job status");
  }

  @Test
  void manualJobsEditsAndDeletesWithBadInputStoringNothing() throws Exception {
    HttpResponse<String> r = h.send("POST", "/api/jobs", "{\"printer_id\":\"werkstatt-x1c\","
        + "\"file_name\":\"Order 4711.3mf\",\"customer\":\"ACME\",\"business\":true}", true);
    assertEquals(201, r.statusCode(), r.body());
    String id = json(r).path("id").asText();
    assertEquals("planned", json(r).path("status").asText());
    assertError(h.send("POST", "/api/jobs", "{\"file_name\":\"x\"}", true), 400, "printer_id");
    assertError(h.send("POST", "/api/jobs", "{\"printer_id\":\"nope\"}", true), 400,
        "unknown printer");
    assertError(h.send("POST", "/api/jobs", "{not json", true), 400, "invalid JSON");
    assertError(h.send("POST", "/api/jobs", "{\"printer_id\":\"werkstatt-x1c\"}", true), 400,
        "name or a file name");
    assertEquals(1, h.jobCount(), "nothing stored by the bad requests");
    String auto = autoJob2();
    JsonNode before = json(h.get("/api/jobs/" + auto)).path("customer_info");
    r = h.send("PATCH", "/api/jobs/" + auto, "{\"customer\":\"Kunde GmbH\",\"material_cost\":"
        + "12.5,\"notes\":\"eilig\"}", true);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("Kunde GmbH", json(r).path("business").path("customer").asText());
    assertEquals(before, json(r).path("customer_info"), "the ⚡ Auto metadata survives edits");
    assertError(h.send("PATCH", "/api/jobs/" + auto, "{\"material_cost\":-1}", true), 400,
        "materialCost");
    assertError(h.send("PATCH", "/api/jobs/" + auto, "{\"status\":\"completed\"}", true), 400,
        "cannot be edited");
    assertEquals("Kunde GmbH", json(h.get("/api/jobs/" + auto)).path("business").path("customer")
        .asText());
    assertError(h.send("PATCH", "/api/jobs/nope", "{}", true), 404, "no job");
    assertEquals(204, h.send("DELETE", "/api/jobs/" + id, null, true).statusCode());
    assertError(h.send("DELETE", "/api/jobs/" + id, null, true), 404, "no job");
    assertError(h.send("PUT", "/api/jobs/" + auto, "{}", true), 405, "use GET");
    assertError(h.get("/api/nothing"), 404, "no such endpoint");
  }

  private String autoJob2() throws Exception {
    h.printers.bambu.get(1).startJob("Gear.gcode.3mf", JobKind.LAN);
    ServerHarness.await("the auto-created job", () -> h.jobCount() == 2);
    for (JsonNode j : json(h.get("/api/jobs?auto=true")).path("items")) {
      return j.path("id").asText();
    }
    throw new AssertionError("no auto job");
  }

  @Test
  void changesAndReadsNeedTheToken() throws Exception {
    assertError(h.send("POST", "/api/jobs", "{\"printer_id\":\"werkstatt-x1c\",\"name\":\"x\"}",
        false), 401, "Bearer");
    assertError(h.send("PUT", "/api/settings", "{\"job_creation_auto_create\":false}", false), 401,
        "Bearer");
    for (String read : new String[] {"/api/jobs", "/api/printers", "/api/health",
        "/api/events", "/api/jobs/export?format=csv", "/api/statistics"}) {
      assertError(h.send("GET", read, null, false), 401, "token");
    }
    assertEquals(200, h.send("GET", "/api/jobs", null, true).statusCode());
  }

  /** The UI signs in once; its cookie then opens what a browser fetches without headers. */
  @Test
  void aSignedInBrowserGetsASessionCookie() throws Exception {
    assertError(h.send("POST", "/api/session", "{\"token\":\"wrong\"}", false), 401, "wrong");
    HttpResponse<String> r = h.send("POST", "/api/session", "{\"token\":\"" + h.token + "\"}",
        false);
    assertEquals(204, r.statusCode(), r.body());
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
    assertFalse(cookie.contains(h.token), "the cookie is not the token itself");
    String pair = cookie.split(";", 2)[0];
    for (String read : new String[] {"/api/jobs", "/api/session"}) {
      HttpResponse<String> withCookie = h.http.send(HttpRequest.newBuilder(URI.create(h.base()
          + read)).header("Cookie", pair).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, withCookie.statusCode(), read + ": " + withCookie.body());
      if (read.equals("/api/session")) {
        assertTrue(json(withCookie).path("signed_in").asBoolean(), withCookie.body());
      }
    }
    HttpResponse<String> forged = h.http.send(HttpRequest.newBuilder(URI.create(h.base()
        + "/api/jobs")).header("Cookie", "printernizer_session=00ff").build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(401, forged.statusCode());
  }

  @Test
  void settingsApplyAtOnceArePersistedAndBadValuesChangeNothing() throws Exception {
    HttpResponse<String> r = h.send("PUT", "/api/settings", "{\"job_creation_auto_create\":false}",
        true);
    assertEquals(200, r.statusCode(), r.body());
    assertFalse(json(r).path("job_creation_auto_create").asBoolean());
    assertTrue(Files.readString(dir.resolve("settings.properties"))
        .contains("job_creation_auto_create=false"));
    h.printers.bambu.get(0).startJob("Disabled.gcode.3mf", JobKind.LAN);
    ServerHarness.await("the print is seen", () -> "PRINTING".equals(h.server.engine()
        .printer(dev.printernizer.api.PrinterId.of("werkstatt-x1c")).orElseThrow().state().name()));
    assertEquals(0, h.jobCount(), "no job while auto-creation is off");
    assertError(h.send("PUT", "/api/settings", "{\"job_creation_auto_create\":true,"
        + "\"monitoring_interval_seconds\":0}", true), 400, "monitoring_interval");
    assertFalse(json(h.get("/api/settings")).path("job_creation_auto_create").asBoolean(),
        "nothing applied from an invalid request");
    assertError(h.send("PUT", "/api/settings", "{\"printer_overrides\":{\"nope\":true}}", true),
        400, "unknown printer");
    r = h.send("PUT", "/api/settings", "{\"job_creation_auto_create\":true,"
        + "\"printer_overrides\":{\"labor-p1s\":false}}", true);
    assertEquals(200, r.statusCode(), r.body());
    ServerHarness.await("the running print gets its job at once", () -> h.jobCount() == 1);
    assertFalse(json(r).path("printer_overrides").path("labor-p1s").asBoolean(true));
  }

  @Test
  void serverSentEventsAnnounceAutoCreatedJobs() throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(h.base() + "/api/events"))
        .header("Authorization", "Bearer " + h.token).build();
    HttpResponse<java.io.InputStream> r = h.http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    assertEquals("text/event-stream; charset=utf-8", r.headers().firstValue("Content-Type")
        .orElse(""));
    CompletableFuture<String> created = CompletableFuture.supplyAsync(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(),
          StandardCharsets.UTF_8))) {
        String line;
        boolean next = false;
        while ((line = in.readLine()) != null) {
          if (line.equals("event: job_auto_created")) {
            next = true;
          } else if (next && line.startsWith("data: ")) {
            return line.substring(6);
          }
        }
        return null;
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    });
    h.printers.bambu.get(0).startJob("Announced.gcode.3mf", JobKind.LAN);
    JsonNode e = JSON.readTree(created.get(20, TimeUnit.SECONDS));
    assertEquals("Werkstatt X1C", e.path("printer_name").asText());
    assertEquals("Announced", e.path("file_name").asText());
    assertFalse(e.path("discovered_on_startup").asBoolean());
    assertTrue(e.path("job").path("auto_created").asBoolean());
  }

  @Test
  void aClientThatStopsReadingEventsDoesNotBlockTheOthers() throws Exception {
    java.net.Socket stuck = new java.net.Socket("127.0.0.1", h.server.port());
    stuck.setReceiveBufferSize(1024);
    stuck.getOutputStream().write("GET /api/events HTTP/1.1\r\nHost: x\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII)); // and never reads a byte
    try {
      for (int i = 0; i < 400; i++) { // enough events to fill any socket buffer
        h.server.engine().settings().setAutoCreate(i % 2 == 0);
        h.printers.bambu.get(0).heartbeat();
      }
      h.printers.bambu.get(1).startJob("StillDelivered.gcode.3mf", JobKind.LAN);
      serverSentEventsAnnounceAutoCreatedJobsAfter("StillDelivered");
    } finally {
      stuck.close();
    }
  }

  private void serverSentEventsAnnounceAutoCreatedJobsAfter(String file) throws Exception {
    h.server.engine().settings().setAutoCreate(true);
    ServerHarness.await("the job", () -> h.server.engine().jobs(dev.printernizer.api.JobQuery
        .all()).stream().anyMatch(j -> j.name().equals(file)));
    assertEquals(200, h.get("/api/health").statusCode(), "the server still answers");
  }
}
