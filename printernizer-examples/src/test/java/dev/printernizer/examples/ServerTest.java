package dev.printernizer.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A reference server over steered simulated printers for each test, with a token set. */
abstract class ServerTest {
  @TempDir
  Path dir;
  ServerHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new ServerHarness(dir, "s3cret-token");
  }

  @AfterEach
  void stop() {
    h.close();
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return ServerHarness.json(r);
  }

  static void assertError(HttpResponse<String> r, int status, String text) throws Exception {
    ServerHarness.assertError(r, status, text);
  }
}
