package dev.printernizer.examples;

import dev.printernizer.examples.server.DemoPrinters;
import dev.printernizer.examples.server.ReferenceServer;
import dev.printernizer.examples.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

/** A reference server over simulated printers that the test steers (the demo script is off). */
final class ServerHarness implements AutoCloseable {
  final Path data;
  final DemoPrinters printers;
  final String token;
  ReferenceServer server;
  final HttpClient http = HttpClient.newHttpClient();

  private final ServerConfig base;

  ServerHarness(Path data, String token) throws IOException {
    this(data, token, ServerConfig.empty());
  }

  /** With a configuration of the test's (notifications, say); port, data and token are set. */
  ServerHarness(Path data, String token, ServerConfig base) throws IOException {
    this.data = data;
    this.token = token;
    this.base = base;
    this.printers = DemoPrinters.start(data);
    start();
  }

  void start() throws IOException {
    server = ReferenceServer.start(base.port(0).dataDir(data).token(token), printers, false);
    await("every printer's first report", () -> server.engine().printers().stream()
        .allMatch(p -> p.connected() && p.lastSnapshot() != null));
  }

  void restart() throws IOException {
    server.close();
    start();
  }

  String base() {
    return "http://127.0.0.1:" + server.port();
  }

  HttpResponse<String> send(String method, String path, String body, boolean withToken)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (withToken && token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send("GET", path, null, true);
  }

  /** @return the body of an answer as JSON */
  static com.fasterxml.jackson.databind.JsonNode json(HttpResponse<String> r)
      throws IOException {
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
  }

  /** Asserts a JSON error answer with this status whose message contains {@code text}. */
  static void assertError(HttpResponse<String> r, int status, String text) throws IOException {
    org.junit.jupiter.api.Assertions.assertEquals(status, r.statusCode(), r.body());
    org.junit.jupiter.api.Assertions.assertTrue(r.headers().firstValue("Content-Type")
        .orElse("").startsWith("application/json"), r.headers().toString());
    org.junit.jupiter.api.Assertions.assertTrue(json(r).path("error").asText().contains(text),
        r.body());
  }

  static void await(String what, BooleanSupplier c) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!c.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
  }

  long jobCount() {
    return server.engine().jobStore().count(dev.printernizer.api.JobQuery.all());
  }

  @Override
  public void close() {
    server.close();
    printers.close();
  }
}
