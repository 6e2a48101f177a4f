package dev.printernizer.driver.prusa.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.printernizer.api.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The HTTP side of one PrusaLink printer: GET requests with the printer's credentials on the
 * shared client, answers read up to {@value #MAX_BODY} bytes and parsed as JSON objects. One
 * request at a time (the driver never polls twice at once); {@link #close} cancels the one in
 * flight.
 */
final class PrusaHttp {
  /** Answers are read up to this many bytes. */
  static final long MAX_BODY = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USER_AGENT = "Printernizer/0.1 (PrusaLink driver)";

  /**
   * One client for all printers: one connection pool (idle connections closed before 60 s) and
   * no per-printer client objects. Each request carries its own printer's credentials: the API key
   * header, or a digest signature plus the printer's {@link DigestAuth} as a tag, which the
   * authenticator below uses to answer a challenge.
   */
  static final OkHttpClient SHARED = new OkHttpClient.Builder()
      .connectionPool(new ConnectionPool(8, 30, TimeUnit.SECONDS))
      .connectTimeout(5, TimeUnit.SECONDS)
      .readTimeout(10, TimeUnit.SECONDS)
      .callTimeout(20, TimeUnit.SECONDS)
      .followRedirects(false) // credentials must never follow a redirect to another host
      .followSslRedirects(false)
      .authenticator((route, response) -> {
        DigestAuth digest = response.request().tag(DigestAuth.class);
        return digest == null ? null : digest.authenticate(route, response);
      })
      .build();

  private final OkHttpClient client;
  private final HttpUrl base;
  /** The API key (API-key mode), else null. */
  private final Secret apiKey;
  /** Digest state (digest mode), else null. */
  private final DigestAuth digest;
  private volatile Call inFlight;
  private volatile boolean closed;

  /**
   * @param client {@link #SHARED}, or (tests) a client derived from it with other timeouts
   * @param base the printer's base URL
   * @param apiKey the API key, or null in digest mode
   * @param digest the digest state, or null in API-key mode
   */
  PrusaHttp(OkHttpClient client, HttpUrl base, Secret apiKey, DigestAuth digest) {
    this.client = client;
    this.base = base;
    this.apiKey = apiKey;
    this.digest = digest;
  }

  /** @return whether the credential goes in X-Api-Key (else HTTP Digest) */
  boolean apiKeyMode() {
    return apiKey != null;
  }

  /** After a refusal: the next request starts a fresh digest handshake. */
  void resetAuth() {
    if (digest != null) {
      digest.reset();
    }
  }

  /** An answer: its status and, for a 200, its JSON object. */
  static final class Answer {
    final int code;
    final JsonNode json;

    Answer(int code, JsonNode json) {
      this.code = code;
      this.json = json;
    }
  }

  /**
   * @param path an absolute path such as {@code /api/v1/status}
   * @return the answer: 204 and other non-200 statuses without JSON, 200 with a JSON object
   * @throws IOException the request failed ({@link AuthFailed} for refused credentials)
   * @throws BadInput the printer answered something unreadable
   */
  Answer get(String path) throws IOException {
    Request.Builder b = new Request.Builder().url(base.newBuilder().encodedPath(path).build())
        .header("User-Agent", USER_AGENT).header("Accept", "application/json");
    if (apiKey != null) {
      b.header("X-Api-Key", apiKey.reveal());
    }
    // the authenticator answers a digest challenge with the DigestAuth of the refused request
    Request req = b.tag(DigestAuth.class, digest).build();
    if (digest != null) {
      req = digest.authorize(req); // sign with the last challenge: saves the 401 round trip
    }
    Call call = client.newCall(req);
    inFlight = call;
    if (closed) {
      call.cancel();
    }
    try (Response r = call.execute()) {
      if (r.code() == 401 || r.code() == 403) {
        throw new AuthFailed(r.code() == 403 ? "403 bad API key" : "401 credentials refused");
      }
      if (r.isRedirect()) {
        throw new BadInput("HTTP " + r.code() + " redirect from " + path + " (not followed)");
      }
      ResponseBody body = r.body();
      if (r.code() == 204) {
        return new Answer(r.code(), null);
      }
      if (r.code() == 200 && body.contentLength() == 0) {
        throw new BadInput("empty answer from " + path);
      }
      if (r.code() != 200) {
        return new Answer(r.code(), null);
      }
      byte[] bytes;
      try (InputStream in = body.byteStream()) {
        bytes = in.readNBytes((int) MAX_BODY + 1);
      }
      if (bytes.length > MAX_BODY) {
        throw new BadInput("answer of " + path + " larger than 1 MiB");
      }
      try {
        JsonNode n = JSON.readTree(bytes);
        if (n == null || !n.isObject()) {
          throw new BadInput("answer of " + path + " is not a JSON object");
        }
        return new Answer(200, n);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new BadInput("answer of " + path + " is not valid JSON ("
            + e.getOriginalMessage() + ")");
      }
    } finally {
      inFlight = null;
    }
  }

  /** Cancels the request in flight, if any, and every later one. */
  void close() {
    closed = true;
    Call c = inFlight;
    if (c != null) {
      c.cancel();
    }
  }

  /** The printer refused our credentials. */
  static final class AuthFailed extends IOException {
    private static final long serialVersionUID = 1L;

    AuthFailed(String message) {
      super(message);
    }
  }

  /** The printer answered something we cannot read. */
  static final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInput(String message) {
      super(message);
    }
  }

  @Override
  public String toString() {
    return "PrusaHttp{" + base + "}";
  }
}
