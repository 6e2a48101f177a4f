package dev.printernizer.examples.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.printernizer.examples.server.HttpIo.HttpError;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What the reference server checks before it handles a request, because a browser can reach it:
 * <ul>
 *   <li><b>Host</b> (DNS rebinding): a page whose domain name was re-pointed at this machine
 *       sends its own name as Host. Allowed: IP addresses (a rebinding needs a name),
 *       {@code localhost}, and the names in {@code server.allowed_hosts}. Else 421.</li>
 *   <li><b>Cross-origin writes</b> (CSRF): a request that changes something is refused when the
 *       browser says it comes from another site ({@code Sec-Fetch-Site}) or names another
 *       origin ({@code Origin}) than the Host; and a body must be {@code application/json}, which
 *       a plain HTML form cannot send. Else 403 or 415.</li>
 *   <li><b>Headers</b> on every answer: a content security policy (scripts, styles, images
 *       only from this server; no framing), {@code X-Content-Type-Options: nosniff},
 *       {@code X-Frame-Options: DENY}, {@code Referrer-Policy: no-referrer}.</li>
 * </ul>
 * Thread-safe (immutable).
 */
final class HttpGuard {
  /** The content security policy of every answer. */
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self';"
      + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none';"
      + " form-action 'self'; object-src 'none'";

  private final Set<String> names;

  /**
   * @param allowedHosts host names allowed besides IP addresses and {@code localhost} (case
   *     does not matter)
   */
  HttpGuard(Set<String> allowedHosts) {
    Set<String> n = new TreeSet<>();
    n.add("localhost");
    for (String h : allowedHosts) {
      n.add(h.strip().toLowerCase(Locale.ROOT));
    }
    this.names = Set.copyOf(n);
  }

  /** Sets the security headers of the answer (call before the status line is sent). */
  static void secureHeaders(HttpExchange ex) {
    Headers h = ex.getResponseHeaders();
    h.set("Content-Security-Policy", CSP);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "no-referrer");
  }

  /**
   * @param ex the request
   * @throws HttpError when it must not be handled (421, 403 or 415)
   */
  void admit(HttpExchange ex) {
    Headers in = ex.getRequestHeaders();
    String host = in.getFirst("Host");
    String hostName = host == null ? null : hostName(host);
    if (hostName == null || !allowed(hostName)) {
      throw new HttpError(421, "this server does not answer for host '" + clip(host) + "'; add"
          + " the name to server.allowed_hosts in config.yaml to use it");
    }
    String method = ex.getRequestMethod();
    if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
      return;
    }
    String site = in.getFirst("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      throw new HttpError(403, "changes are refused from another site (Sec-Fetch-Site: "
          + clip(site) + ")");
    }
    String origin = in.getFirst("Origin");
    if (origin != null && !sameOrigin(origin, host)) {
      throw new HttpError(403, "changes are refused from another origin (" + clip(origin) + ")");
    }
    // a form posts its body as urlencoded, multipart or text/plain: never JSON
    String type = in.getFirst("Content-Type");
    String length = in.getFirst("Content-Length");
    boolean body = in.getFirst("Transfer-Encoding") != null
        || (length != null && !length.strip().equals("0"));
    String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if ((type != null || body) && !media.equals("application/json")) {
      throw new HttpError(415, "a request body must be sent as Content-Type: application/json");
    }
  }

  private boolean allowed(String name) {
    return names.contains(name) || isIpLiteral(name);
  }

  /** The host name of a Host header (lower case, without port and IPv6 brackets), or null. */
  static @Nullable String hostName(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? null : h.substring(1, end);
    }
    int colon = h.indexOf(':');
    if (colon >= 0) {
      if (h.indexOf(':', colon + 1) >= 0) {
        return null; // an IPv6 address needs brackets in a Host header
      }
      h = h.substring(0, colon);
    }
    return h.isEmpty() ? null : h;
  }

  /** Whether a host name is an IPv4 or IPv6 address (never resolved). */
  static boolean isIpLiteral(String h) {
    if (h.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}")) {
      return true;
    }
    return h.contains(":") && h.matches("[0-9a-f:.]+");
  }

  private static boolean sameOrigin(String origin, @Nullable String host) {
    if (host == null || origin.equals("null")) {
      return false;
    }
    try {
      URI u = URI.create(origin);
      String authority = u.getRawAuthority();
      return authority != null && authority.equalsIgnoreCase(host.strip())
          && ("http".equals(u.getScheme()) || "https".equals(u.getScheme()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String clip(@Nullable String s) {
    if (s == null) {
      return "";
    }
    String t = s.length() > 100 ? s.substring(0, 100) + "..." : s;
    return t.replaceAll("\\p{Cntrl}", "?");
  }
}
