package dev.printernizer.driver.prusa.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Authenticator;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;
import org.jspecify.annotations.Nullable;

/**
 * HTTP Digest for both PrusaLink variants: an OkHttp {@link Authenticator} (answers a 401) and
 * {@link #authorize} (signs the next request with the cached challenge, so a valid nonce costs
 * no extra round trip).
 *
 * <p>Firmware (realm "Printer API", no qop): RFC 2069 style, every parameter quoted, no
 * {@code algorithm}, {@code qop}, {@code nc} or {@code cnonce} (firmware before 6.0 misparses
 * unquoted parameters). PrusaLink on a Pi (qop=auth, MD5-sess, opaque): RFC 2617 with the
 * challenge's algorithm and opaque echoed. A stale nonce is renewed once, silently; a refusal
 * of fresh credentials ({@code stale=false}) is final and marks {@link #failed()}.
 *
 * <p>Written here rather than taken from a library: the usual OkHttp digest library always sends
 * {@code algorithm} unquoted, which the firmware's parser before 6.0 cannot read.
 */
public final class DigestAuth implements Authenticator {
  private static final Pattern PARAM = Pattern.compile("(\\w+)=(\"([^\"]*)\"|([^,\\s]*))");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String username;
  private final String password;
  private final AtomicInteger nc = new AtomicInteger();
  private volatile @Nullable Map<String, String> challenge;
  private volatile boolean failed;

  /**
   * @param username the user name (firmware: always "maker")
   * @param password the password; never logged
   */
  public DigestAuth(String username, String password) {
    this.username = username;
    this.password = password;
  }

  /** @return whether the printer refused our credentials */
  public boolean failed() {
    return failed;
  }

  /** Forgets a refusal, to try again after a back-off. */
  public void reset() {
    failed = false;
  }

  /**
   * @param req a request to the printer
   * @return the request, signed with the last challenge when there is one (saves the 401
   *     round trip)
   */
  public Request authorize(Request req) {
    Map<String, String> c = challenge;
    if (c != null && req.header("Authorization") == null) {
      return req.newBuilder().header("Authorization", sign(req, c)).build();
    }
    return req;
  }

  @Override
  public @Nullable Request authenticate(Route route, Response response) {
    String header = response.header("WWW-Authenticate");
    if (header == null || !header.regionMatches(true, 0, "Digest ", 0, 7)) {
      return null; // API-key realm or no challenge: nothing digest can do
    }
    Map<String, String> c = parse(header);
    String prior = response.request().header("Authorization");
    boolean stale = "true".equalsIgnoreCase(c.get("stale"));
    if (prior != null) {
      Map<String, String> sent = parse(prior);
      if (!stale || c.get("nonce") == null || c.get("nonce").equals(sent.get("nonce"))) {
        failed = true; // fresh credentials refused: the password is wrong
        challenge = null;
        return null;
      }
    }
    challenge = c;
    return response.request().newBuilder().header("Authorization", sign(response.request(), c))
        .build();
  }

  static Map<String, String> parse(String header) {
    Map<String, String> m = new LinkedHashMap<>();
    Matcher mt = PARAM.matcher(header.substring(header.indexOf(' ') + 1));
    while (mt.find()) {
      m.put(mt.group(1).toLowerCase(Locale.ROOT), mt.group(3) != null ? mt.group(3) : mt.group(4));
    }
    return m;
  }

  String sign(Request req, Map<String, String> c) {
    HttpUrl url = req.url();
    String uri = url.encodedPath() + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery());
    String realm = c.getOrDefault("realm", "");
    String nonce = c.getOrDefault("nonce", "");
    String ha2 = md5(req.method() + ":" + uri);
    String qop = c.get("qop");
    if (qop == null || !qop.toLowerCase(Locale.ROOT).contains("auth")) {
      String response = md5(md5(username + ":" + realm + ":" + password) + ":" + nonce + ":" + ha2);
      return "Digest username=\"" + username + "\", realm=\"" + realm + "\", nonce=\"" + nonce
          + "\", uri=\"" + uri + "\", response=\"" + response + "\"";
    }
    String algorithm = c.getOrDefault("algorithm", "MD5");
    String cnonce = HexFormat.of().formatHex(RANDOM.generateSeed(8));
    String count = String.format("%08x", nc.incrementAndGet());
    String ha1 = md5(username + ":" + realm + ":" + password);
    if (algorithm.equalsIgnoreCase("MD5-sess")) {
      ha1 = md5(ha1 + ":" + nonce + ":" + cnonce);
    }
    String response = md5(ha1 + ":" + nonce + ":" + count + ":" + cnonce + ":auth:" + ha2);
    StringBuilder sb = new StringBuilder("Digest username=\"").append(username)
        .append("\", realm=\"").append(realm).append("\", nonce=\"").append(nonce)
        .append("\", uri=\"").append(uri).append("\", algorithm=\"").append(algorithm)
        .append("\", qop=auth, nc=").append(count).append(", cnonce=\"").append(cnonce)
        .append("\", response=\"").append(response).append('"');
    if (c.get("opaque") != null) {
      sb.append(", opaque=\"").append(c.get("opaque")).append('"');
    }
    return sb.toString();
  }

  private static String md5(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
          .digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "DigestAuth{user=" + username + ", password=******}";
  }
}
