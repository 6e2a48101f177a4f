package dev.printernizer.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * How the reference server reads requests and writes answers: bodies (at most
 * {@value #MAX_BODY} bytes of strict JSON: a duplicate key or trailing data is an error), JSON
 * answers and errors, the page's files, and the error that becomes a JSON 4xx.
 */
final class HttpIo {
  static final int MAX_BODY = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Request bodies: a duplicate key or anything after the object is an error, not ignored. */
  private static final ObjectMapper STRICT_JSON = com.fasterxml.jackson.databind.json.JsonMapper
      .builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private HttpIo() {}

  /** An answer other than 200, with its message (a JSON error). */
  static final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    HttpError(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /** @throws HttpError 405 when the method is another */
  static void requireMethod(String method, String allowed) {
    if (!method.equals(allowed)) {
      throw new HttpError(405, "use " + allowed);
    }
  }

  /**
   * @param ex the request
   * @return its body, a JSON object
   * @throws HttpError 413 when too large, 400 when not a JSON object
   * @throws IOException when it cannot be read
   */
  static JsonNode body(HttpExchange ex) throws IOException {
    byte[] b;
    try (InputStream in = ex.getRequestBody()) {
      b = in.readNBytes(MAX_BODY + 1);
    }
    if (b.length > MAX_BODY) {
      throw new HttpError(413, "request body larger than 64 KiB");
    }
    try {
      JsonNode n = STRICT_JSON.readTree(b);
      if (n == null || !n.isObject()) {
        throw new HttpError(400, "the body must be a JSON object");
      }
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new HttpError(400, "invalid JSON: " + e.getOriginalMessage());
    }
  }

  /** Serves a file of the page ({@code /web/} in the jar); 404 for anything else. */
  static void staticFile(HttpExchange ex, String path) throws IOException {
    String file = path.equals("/") ? "index.html" : path.substring(1);
    if (file.contains("..") || file.contains("/")) {
      throw new HttpError(404, "not found");
    }
    try (InputStream in = HttpIo.class.getResourceAsStream("/web/" + file)) {
      if (in == null) {
        throw new HttpError(404, "not found: " + path);
      }
      byte[] b = in.readAllBytes();
      String type = file.endsWith(".html") ? "text/html; charset=utf-8"
          : file.endsWith(".js") ? "text/javascript; charset=utf-8"
          : file.endsWith(".css") ? "text/css; charset=utf-8" : "application/octet-stream";
      ex.getResponseHeaders().set("Content-Type", type);
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
    }
  }

  /** Answers JSON. */
  static void reply(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] b = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  /** Answers a JSON error {@code {"error": ..., "status": ...}}. */
  static void error(HttpExchange ex, int status, @Nullable String message)
      throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("error", message);
    n.put("status", status);
    reply(ex, status, n);
  }
}
