package dev.printernizer.simulators;

import dev.printernizer.time.EngineClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP Digest as the two PrusaLink flavours do it, for {@link PrusaLinkSimulator}: the printer
 * firmware (realm "Printer API", no qop, nonces tied to boot and uptime, only quoted values
 * parsed) and PrusaLink on a Pi (qop=auth, MD5-sess, opaque, nonces bound to the User-Agent and
 * a time bucket). Checks a request's header and writes the challenge. Thread-safe (immutable).
 */
final class SimDigestAuth {
  static final String BUDDY_REALM = "Printer API";
  static final String LINK_REALM = "Administrator";

  private final boolean buddy;
  private final String username;
  private final String password;
  private final EngineClock clock;
  private final Duration nonceLifetime;
  private final byte[] secret = new byte[16];
  private final String bootId;
  private final Instant bootTime;

  SimDigestAuth(boolean buddy, String username, String password, EngineClock clock,
      Duration nonceLifetime) {
    this.buddy = buddy;
    this.username = username;
    this.password = password;
    this.clock = clock;
    this.nonceLifetime = nonceLifetime;
    SecureRandom r = new SecureRandom();
    r.nextBytes(secret);
    this.bootId = String.format("%08x", r.nextInt());
    this.bootTime = clock.instant();
  }

  /** Checks a {@code Digest ...} Authorization header of a request. */
  Verdict check(String method, String uri, String header, String userAgent) {
    return buddy ? checkBuddy(method, uri, header) : checkLink(method, uri, header, userAgent);
  }

  /** The WWW-Authenticate challenge for a refused request. */
  String challenge(String userAgent, boolean stale) {
    return buddy
        ? "Digest realm=\"" + BUDDY_REALM + "\", nonce=\"" + buddyNonce() + "\", stale=" + stale
        : "Digest realm=\"" + LINK_REALM + "\",qop=\"auth\",algorithm=\"MD5-sess\",nonce=\""
            + linkNonce(userAgent, bucket(0)) + "\",opaque=\"" + opaque() + "\""
            + (stale ? ",stale=true" : "");
  }

  /** How a digest header fares. */
  enum Verdict { OK, STALE, BAD }

  private static final Pattern PARAM = Pattern.compile("(\\w+)=(\"([^\"]*)\"|([^,\\s]*))");

  private static Map<String, String> params(String header) {
    Map<String, String> m = new LinkedHashMap<>();
    Matcher mt = PARAM.matcher(header.substring(7));
    while (mt.find()) {
      m.put(mt.group(1).toLowerCase(Locale.ROOT), mt.group(3) != null ? mt.group(3) : mt.group(4));
    }
    return m;
  }

  private Verdict checkBuddy(String method, String uri, String header) {
    // firmware before 6.0 only parsed quoted values: unquoted qop/nc/algorithm break the header
    if (Pattern.compile("(algorithm|qop|nc|cnonce)=[^\"]", Pattern.CASE_INSENSITIVE)
        .matcher(header).find()) {
      return Verdict.BAD;
    }
    Map<String, String> p = params(header);
    String nonce = p.get("nonce");
    String response = p.get("response");
    if (nonce == null || response == null || nonce.length() != 16) {
      return Verdict.BAD;
    }
    String ha1 = md5(username + ":" + BUDDY_REALM + ":" + password);
    String ha2 = md5(method + ":" + uri);
    if (!md5(ha1 + ":" + nonce + ":" + ha2).equals(response)) {
      return Verdict.BAD;
    }
    if (!nonce.startsWith(bootId)) {
      return Verdict.STALE;
    }
    long issued = Long.parseLong(nonce.substring(8), 16);
    long now = uptimeSeconds();
    return now - issued <= nonceLifetime.toSeconds() ? Verdict.OK : Verdict.STALE;
  }

  private Verdict checkLink(String method, String uri, String header, String ua) {
    Map<String, String> p = params(header);
    if (!username.equals(p.get("username")) || !LINK_REALM.equals(p.get("realm"))
        || !"auth".equals(p.get("qop")) || !"MD5-sess".equals(p.get("algorithm"))
        || !opaque().equals(p.get("opaque")) || p.get("cnonce") == null || p.get("nc") == null) {
      return Verdict.BAD;
    }
    String nonce = p.get("nonce");
    String u = p.get("uri");
    if (nonce == null || u == null || !u.endsWith(uri)) {
      return Verdict.BAD;
    }
    String ha1 = md5(md5(username + ":" + LINK_REALM + ":" + password) + ":" + nonce + ":"
        + p.get("cnonce"));
    String ha2 = md5(method + ":" + p.get("uri"));
    String expect = md5(ha1 + ":" + nonce + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:"
        + ha2);
    if (!expect.equals(p.get("response"))) {
      return Verdict.BAD;
    }
    boolean fresh = nonce.equals(linkNonce(ua, bucket(0)))
        || nonce.equals(linkNonce(ua, bucket(-1)));
    return fresh ? Verdict.OK : Verdict.STALE;
  }

  private long uptimeSeconds() {
    return Math.max(0, Duration.between(bootTime, clock.instant()).toSeconds());
  }

  private String buddyNonce() {
    return bootId + String.format("%08x", uptimeSeconds());
  }

  private long bucket(int offset) {
    return clock.instant().getEpochSecond() / nonceLifetime.toSeconds() + offset;
  }

  private String linkNonce(String userAgent, long bucket) {
    return sha256(HexFormat.of().formatHex(secret) + ":" + userAgent + ":" + bucket);
  }

  private String opaque() {
    return sha256("prusalink-sim-host");
  }

  private static String md5(String s) {
    return hash("MD5", s);
  }

  private static String sha256(String s) {
    return hash("SHA-256", s);
  }

  private static String hash(String alg, String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(alg)
          .digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
