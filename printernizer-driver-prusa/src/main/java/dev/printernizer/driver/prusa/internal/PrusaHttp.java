package dev.printernizer.driver.prusa.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.printernizer.api.ConnectionProblem.Kind;
import dev.printernizer.api.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP side of one PrusaLink printer: GET requests with the printer's credentials on the
 * shared client, answers read up to {@value #MAX_BODY} bytes and parsed as JSON objects. One
 * request at a time (the driver never polls twice at once); {@link #close} cancels the one in
 * flight.
 *
 * <p>Its calls block (up to the call timeout): {@code PrusaDriver} makes them only inside a poll,
 * which it hands to {@code DriverContext.executor()}, the engine's driver pool, never to a
 * printer lane; the engine refuses a driver executor that is the lane executor.
 */
final class PrusaHttp {
  /** Answers are read up to this many bytes. */
  static final long MAX_BODY = 1 << 20;
  /** The name prefix of the engine's lane threads (see the core's EnginePools). */
  private static final String ENGINE_LANE = "printernizer-engine-";
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
      .eventListenerFactory(call -> {
        CallTrace trace = call.request().tag(CallTrace.class);
        return trace == null ? EventListener.NONE : trace;
      })
      .authenticator((route, response) -> {
        DigestAuth digest = response.request().tag(DigestAuth.class);
        return digest == null ? null : digest.authenticate(route, response);
      })
      .build();

  private final OkHttpClient client;
  private final HttpUrl base;
  /** The credential: sent as X-Api-Key, or the digest password; removed from every detail. */
  private final Secret credential;
  private final boolean apiKeyMode;
  /** Digest state (digest mode), else null. */
  private final @Nullable DigestAuth digest;
  private volatile @Nullable Call inFlight;
  private volatile boolean closed;

  /**
   * @param client {@link #SHARED}, or (tests) a client derived from it with other timeouts
   * @param base the printer's base URL
   * @param credential the API key or password
   * @param username the digest user
   * @param apiKeyMode true: send the credential as X-Api-Key; false: HTTP Digest
   */
  PrusaHttp(OkHttpClient client, HttpUrl base, Secret credential, String username,
      boolean apiKeyMode) {
    this.client = client;
    this.base = base;
    this.credential = credential;
    this.apiKeyMode = apiKeyMode;
    this.digest = apiKeyMode ? null : new DigestAuth(username, credential.reveal());
  }

  /** @return whether the credential goes in X-Api-Key (else HTTP Digest) */
  boolean apiKeyMode() {
    return apiKeyMode;
  }

  /** After a refusal: the next request starts a fresh digest handshake. */
  void resetAuth() {
    if (digest != null) {
      digest.reset();
    }
  }

  /**
   * @param text a detail that may quote the printer
   * @return the text with the credential replaced by asterisks (should a printer echo it); empty
   *     for null
   */
  String redact(@Nullable String text) {
    if (text == null) {
      return "";
    }
    String secret = credential.reveal();
    return !text.contains(secret) ? text : text.replace(secret, "******");
  }

  /** An answer: its status and, for a 200, its JSON object (else a missing node). */
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
   * @throws Failure the request failed: why, as a connection problem
   * @throws BadInput the printer answered something unreadable
   */
  Answer get(String path) throws Failure {
    return exchange(path, "application/json", (call, r) -> read(call, r, path));
  }

  /**
   * Reads the beginning of a file the printer serves (a print file's download path): at most
   * {@code max} bytes, then the connection is dropped; the rest of the file is never read.
   *
   * @param path an absolute, encoded path such as {@code /usb/3DBENC~1.BGC}
   * @param max the most bytes to read
   * @return the first bytes (fewer for a shorter file), or null for an answer other than 200
   * @throws Failure the request failed: why, as a connection problem
   */
  byte @Nullable [] prefix(String path, int max) throws Failure {
    return exchange(path, "application/octet-stream", (call, r) -> {
      refuseAuth(r);
      if (r.code() != 200) {
        return Optional.<byte[]>empty();
      }
      try (InputStream in = r.body().byteStream()) {
        byte[] b = in.readNBytes(max);
        if (b.length == max) {
          call.cancel(); // do not let OkHttp read the rest of a large file to reuse the socket
        }
        return Optional.of(b);
      }
    }).orElse(null);
  }

  /** Reads one answer. */
  @FunctionalInterface
  private interface AnswerReader<T> {
    T read(Call call, Response r) throws IOException;
  }

  /**
   * One request, blocking: the caller is a driver thread (the poll on the context executor, or
   * a print file read on the driver executor), never an engine lane.
   */
  private <T> T exchange(String path, String accept, AnswerReader<T> reader) throws Failure {
    if (Thread.currentThread().getName().startsWith(ENGINE_LANE)) { // checked always, not only
      // with -ea: a blocked lane would hold up every printer sharing it
      throw new IllegalStateException("PrusaLink I/O on an engine lane: " + path);
    }
    CallTrace trace = new CallTrace();
    Call call = newCall(path, accept, trace);
    try (Response r = call.execute()) {
      return reader.read(call, r);
    } catch (Failure f) {
      throw f;
    } catch (IOException e) {
      throw ConnectionFailures.classify(e, trace.connected, client, base.host() + ":"
          + base.port());
    } finally {
      inFlight = null;
    }
  }

  private void refuseAuth(Response r) throws Failure {
    if (r.code() == 401 || r.code() == 403) {
      throw new Failure(Kind.AUTHENTICATION_REFUSED, "the printer refused the "
          + (apiKeyMode ? "API key" : "password") + " (HTTP " + r.code() + ")", null);
    }
  }

  private Call newCall(String path, String accept, CallTrace trace) {
    Request.Builder b = new Request.Builder().url(base.newBuilder().encodedPath(path).build())
        .header("User-Agent", USER_AGENT).header("Accept", accept)
        .tag(CallTrace.class, trace);
    if (apiKeyMode) {
      b.header("X-Api-Key", credential.reveal());
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
    return call;
  }

  private Answer read(Call call, Response r, String path) throws IOException {
    refuseAuth(r);
    if (r.code() == 429) {
      throw new Failure(Kind.CONNECTION_LIMIT, "the printer turned the request away: too many"
          + " requests or clients (HTTP 429)", null);
    }
    if (r.isRedirect()) {
      throw new BadInput("redirect", "HTTP " + r.code() + " redirect from " + path
          + " (not followed)");
    }
    ResponseBody body = r.body();
    if (r.code() == 204) {
      return new Answer(r.code(), MissingNode.getInstance());
    }
    if (r.code() == 200 && body.contentLength() == 0) {
      throw new BadInput("empty answer", "empty answer from " + path);
    }
    if (r.code() != 200) {
      return new Answer(r.code(), MissingNode.getInstance());
    }
    byte[] bytes;
    try (InputStream in = body.byteStream()) {
      bytes = in.readNBytes((int) MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        // closing an unread body makes OkHttp read on for a while to keep the connection:
        // cancelling first drops the connection at once
        call.cancel();
        throw new Failure(Kind.OVERSIZED_MESSAGE, "the answer to " + path + " is larger than"
            + " 1 MiB; it was not read further and the connection was dropped", null);
      }
    }
    try {
      JsonNode n = JSON.readTree(bytes);
      if (n == null || !n.isObject()) {
        throw new BadInput("not a JSON object", "the answer to " + path
            + " is not a JSON object");
      }
      return new Answer(200, n);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new BadInput("invalid JSON", "the answer to " + path + " is not valid JSON ("
          + ConnectionFailures.quote(e.getOriginalMessage()) + ")");
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

  /** Notes whether the request got a connection (accepted by the printer or from the pool). */
  private static final class CallTrace extends EventListener {
    volatile boolean connected;

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
      connected = false; // a new attempt (a pooled connection may have failed before)
    }

    @Override
    public void connectionAcquired(Call call, Connection connection) {
      connected = true;
    }
  }

  /** A request failed: why, as a connection problem; the message is the user-facing detail. */
  static final class Failure extends IOException {
    private static final long serialVersionUID = 1L;
    private final Kind kind;

    Failure(Kind kind, String detail, @Nullable Throwable cause) {
      super(detail, cause);
      this.kind = kind;
    }

    Kind kind() {
      return kind;
    }
  }

  /** The printer answered something we cannot read; {@link #kind} is short and stable. */
  static final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String kind;

    BadInput(String kind, String detail) {
      super(detail);
      this.kind = kind;
    }

    String kind() {
      return kind;
    }
  }

  @Override
  public String toString() {
    return "PrusaHttp{" + base + "}";
  }
}
