package dev.printernizer.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.JobQuery;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The server as a page in a browser could reach it: requests for other host names (DNS
 * rebinding), changes from other sites (CSRF by form or script), sloppy JSON and out-of-range
 * money are refused with a JSON error, and nothing is stored.
 */
class HttpHardeningTest extends ServerTest {
  private static final String JOB = "{\"printer_id\":\"werkstatt-x1c\",\"file_name\":\"x.3mf\"}";

  /** One raw HTTP/1.1 exchange, every header as given; answers the status line and headers. */
  private String raw(String method, String path, String headers, String body) throws IOException {
    try (Socket s = new Socket("127.0.0.1", h.server.port())) {
      s.setSoTimeout(10_000);
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      OutputStream out = s.getOutputStream();
      out.write((method + " " + path + " HTTP/1.1\r\n" + headers
          + "Authorization: Bearer " + h.token + "\r\nContent-Length: " + b.length
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.write(b);
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private int jobs() {
    return h.server.engine().jobs(JobQuery.all()).size();
  }

  @Test
  void aForeignHostNameIsRefusedAndAddressesAndLocalhostAreServed() throws Exception {
    String port = String.valueOf(h.server.port());
    String rebound = raw("GET", "/api/jobs", "Host: attacker.example:" + port + "\r\n", "");
    assertTrue(rebound.startsWith("HTTP/1.1 421"), rebound);
    assertTrue(rebound.contains("allowed_hosts") && rebound.contains("application/json"),
        rebound);
    assertTrue(raw("GET", "/api/jobs", "Host: localhost:" + port + "\r\n", "")
        .startsWith("HTTP/1.1 200"));
    assertTrue(raw("GET", "/api/jobs", "Host: 127.0.0.1:" + port + "\r\n", "")
        .startsWith("HTTP/1.1 200"));
    assertTrue(raw("GET", "/api/jobs", "Host: [::1]:" + port + "\r\n", "")
        .startsWith("HTTP/1.1 200"));
    assertTrue(raw("GET", "/", "Host: evil.test\r\n", "").startsWith("HTTP/1.1 421"),
        "the page itself too");
  }

  @Test
  void aFormPostFromAnotherPageCreatesNothing() throws Exception {
    String port = String.valueOf(h.server.port());
    String host = "Host: 127.0.0.1:" + port + "\r\n";
    String plain = raw("POST", "/api/jobs", host + "Content-Type: text/plain\r\n", JOB);
    assertTrue(plain.startsWith("HTTP/1.1 415"), plain);
    String form = raw("POST", "/api/jobs", host
        + "Content-Type: application/x-www-form-urlencoded\r\n", "a=" + JOB);
    assertTrue(form.startsWith("HTTP/1.1 415"), form);
    String untyped = raw("POST", "/api/jobs", host, JOB);
    assertTrue(untyped.startsWith("HTTP/1.1 415"), untyped);
    String origin = raw("POST", "/api/jobs", host + "Content-Type: application/json\r\n"
        + "Origin: http://attacker.example\r\n", JOB);
    assertTrue(origin.startsWith("HTTP/1.1 403"), origin);
    String site = raw("DELETE", "/api/jobs/x", host + "Sec-Fetch-Site: cross-site\r\n", "");
    assertTrue(site.startsWith("HTTP/1.1 403"), site);
    assertEquals(0, jobs(), "nothing was created");
    String same = raw("POST", "/api/jobs", host + "Content-Type: application/json\r\n"
        + "Origin: http://127.0.0.1:" + port + "\r\nSec-Fetch-Site: same-origin\r\n", JOB);
    assertTrue(same.startsWith("HTTP/1.1 201"), same);
    assertEquals(1, jobs());
  }

  @Test
  void jsonWithTrailingGarbageOrDuplicateKeysIsRefused() throws Exception {
    assertError(h.send("POST", "/api/jobs", JOB + " {\"x\":1}", true), 400, "invalid JSON");
    assertError(h.send("POST", "/api/jobs", "{\"printer_id\":\"werkstatt-x1c\","
        + "\"printer_id\":\"keller-mk3\"}", true), 400, "Duplicate");
    assertEquals(0, jobs());
  }

  @Test
  void moneyOutsideWhatIsStoredIsA400AndNothingChanges() throws Exception {
    HttpResponse<String> r = h.send("POST", "/api/jobs", JOB, true);
    assertEquals(201, r.statusCode(), r.body());
    String id = json(r).path("id").asText();
    assertError(h.send("PATCH", "/api/jobs/" + id, "{\"material_cost\":1e30}", true), 400,
        "materialCost");
    assertError(h.send("PATCH", "/api/jobs/" + id, "{\"material_cost\":1e-30}", true), 400,
        "materialCost");
    assertEquals(200, h.send("PATCH", "/api/jobs/" + id, "{\"material_cost\":12.3456}", true)
        .statusCode());
    assertEquals("12.3456", json(h.get("/api/jobs/" + id)).path("business").path("material_cost")
        .asText());
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() throws Exception {
    for (String path : new String[] {"/", "/api/jobs", "/api/jobs/nope"}) {
      HttpResponse<String> r = h.get(path);
      assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("")
          .contains("frame-ancestors 'none'"), path);
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
      assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""), path);
    }
  }

  /** A burst of event-stream clients: each checked for room before any was counted, before. */
  @Test
  void aBurstOfEventStreamClientsGetsAtMostTheLimit() throws Exception {
    int burst = 64;
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(burst);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors
        .newFixedThreadPool(burst);
    java.util.List<Socket> sockets = java.util.Collections.synchronizedList(
        new java.util.ArrayList<>());
    java.util.concurrent.atomic.AtomicInteger streams = new java.util.concurrent.atomic
        .AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic
        .AtomicInteger();
    try {
      java.util.List<java.util.concurrent.Future<?>> all = new java.util.ArrayList<>();
      for (int i = 0; i < burst; i++) {
        all.add(pool.submit(() -> {
          Socket s = new Socket("127.0.0.1", h.server.port());
          sockets.add(s);
          s.setSoTimeout(10_000);
          together.await();
          s.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + "Authorization: Bearer " + h.token + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          s.getOutputStream().flush();
          StringBuilder status = new StringBuilder();
          for (int c; (c = s.getInputStream().read()) != '\n' && c >= 0; ) {
            status.append((char) c);
          }
          (status.toString().startsWith("HTTP/1.1 200") ? streams : refused).incrementAndGet();
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : all) {
        f.get(30, java.util.concurrent.TimeUnit.SECONDS);
      }
      assertEquals(32, streams.get(), "streams open at once");
      assertEquals(burst - 32, refused.get());
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
      pool.shutdownNow();
    }
  }

  /** A settings change that cannot be saved changes nothing and answers a JSON 500. */
  @Test
  void aSettingsChangeThatCannotBeSavedChangesNothing() throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve("settings.properties.new")); // no save
    HttpResponse<String> r = h.send("PUT", "/api/settings",
        "{\"job_creation_auto_create\":false,\"printer_overrides\":{\"werkstatt-x1c\":false}}",
        true);
    assertError(r, 500, "could not save");
    assertTrue(h.server.engine().settings().autoCreate(), "still on after the failed save");
    assertTrue(h.server.engine().settings().autoCreateOverrides().isEmpty());
    assertTrue(json(h.get("/api/settings")).path("job_creation_auto_create").asBoolean());
    assertEquals(200, h.get("/api/health").statusCode(), "the server still answers");
  }
}
