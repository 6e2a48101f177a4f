package dev.printernizer.examples.server;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The server's token, when one is configured: scripts send it as
 * {@code Authorization: Bearer <token>}; the browser UI asks for it once in a form and gets a
 * session cookie ({@code HttpOnly}, {@code SameSite=Strict}: never sent by another site's page,
 * never readable by a script), which also covers what a browser fetches without headers
 * (pictures, export downloads, the event stream). Changes always need it; reads and the event
 * stream too unless {@code server.token_for_reads: false}. Thread-safe (immutable).
 */
final class TokenAuth {
  static final String COOKIE = "printernizer_session";
  private final @Nullable String token;
  private final boolean reads;
  private final byte @Nullable [] session;

  /**
   * @param token the token, or null for none (everything open)
   * @param reads whether reads need it too
   */
  TokenAuth(@Nullable String token, boolean reads) {
    this.token = token;
    this.reads = reads;
    this.session = token == null ? null : sessionValue(token);
  }

  /** The cookie value: derived from the token, so it changes when the token does. */
  private static byte[] sessionValue(String token) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(
          "printernizer-ui-session".getBytes(StandardCharsets.UTF_8)))
          .getBytes(StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no HmacSHA256 in this JVM", e);
    }
  }

  /** @return whether this request needs the token */
  boolean required(String method, String path) {
    return token != null && (path.startsWith("/api/") || path.equals("/metrics"))
        && !path.equals("/api/session")
        && (reads || !(method.equals("GET") || method.equals("HEAD")));
  }

  /** @return whether the request carries the token or the session cookie */
  boolean accepts(HttpExchange ex) {
    String t = token;
    byte[] s = session;
    if (t == null || s == null) {
      return true;
    }
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth != null && MessageDigest.isEqual(auth.getBytes(StandardCharsets.UTF_8),
        ("Bearer " + t).getBytes(StandardCharsets.UTF_8))) {
      return true;
    }
    for (String header : ex.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
      for (String part : header.split(";", -1)) {
        String p = part.strip();
        if (p.startsWith(COOKIE + "=") && MessageDigest.isEqual(p.substring(COOKIE.length() + 1)
            .getBytes(StandardCharsets.US_ASCII), s)) {
          return true;
        }
      }
    }
    return false;
  }

  /** @return whether this token is the server's (constant time) */
  boolean matches(@Nullable String given) {
    String t = token;
    return t != null && given != null && MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), t.getBytes(StandardCharsets.UTF_8));
  }

  /** Sets the session cookie on the answer (after {@link #matches}). */
  void startSession(HttpExchange ex) {
    byte[] s = session;
    if (s != null) {
      ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + new String(s,
          StandardCharsets.US_ASCII) + "; Path=/; HttpOnly; SameSite=Strict");
    }
  }

  /** Clears the session cookie. */
  static void endSession(HttpExchange ex) {
    ex.getResponseHeaders().add("Set-Cookie", COOKIE
        + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  }

  /** @return whether a token is configured */
  boolean configured() {
    return token != null;
  }

  /** @return whether reads need the token */
  boolean forReads() {
    return token != null && reads;
  }
}
