package dev.printernizer.notifiers.internal;

import dev.printernizer.outbox.PermanentDeliveryFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The HTTP the notifiers share: one JDK client per destination (TLS verified by the JDK's trust
 * store, redirects not followed), bounded answers, and the meaning of a status: 2xx done; 408,
 * 425, 429 and 5xx worth retrying; any other status refused for good. Messages name the
 * receiver by scheme, host and port only: paths and queries may hold secrets (an ntfy topic is
 * one).
 */
public final class Http {
  /** Longest answer body read. */
  public static final int MAX_BODY = 256 * 1024;

  private final HttpClient client;
  private final Duration timeout;
  private final String where;

  /**
   * @param base the receiver (named in messages by scheme, host and port)
   * @param timeout connect and request timeout
   */
  public Http(URI base, Duration timeout) {
    this.client = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
    this.timeout = timeout;
    this.where = describe(base);
  }

  /**
   * @param uri an address
   * @return its scheme, host and port, nothing else
   */
  public static String describe(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  /**
   * @param uri the address
   * @return a request builder with the timeout, JSON accepted and the user agent set
   */
  public HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(timeout)
        .header("User-Agent", "printernizer-notifiers")
        .header("Accept", "application/json");
  }

  /**
   * Sends a request and answers its body when the status is 2xx.
   *
   * @param request the request
   * @return the body (at most {@link #MAX_BODY} bytes), as text
   * @throws PermanentDeliveryFailure for a status retrying cannot change
   * @throws IOException for a failure worth retrying (timeout, refused, 408/425/429/5xx)
   * @throws InterruptedException when interrupted
   */
  public String send(HttpRequest request) throws IOException, InterruptedException,
      PermanentDeliveryFailure {
    HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    String body;
    try (InputStream in = r.body()) {
      body = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
    }
    int s = r.statusCode();
    if (s >= 200 && s < 300) {
      return body;
    }
    String what = request.method().toUpperCase(Locale.ROOT) + " to " + where + " answered HTTP "
        + s + snippet(body);
    if (s == 408 || s == 425 || s == 429 || s >= 500) {
      throw new IOException(what);
    }
    throw new PermanentDeliveryFailure(what);
  }

  private static String snippet(String body) {
    String b = body.strip().replaceAll("[\\p{Cntrl}]", " ");
    return b.isEmpty() ? "" : ": " + (b.length() > 200 ? b.substring(0, 200) + "..." : b);
  }

  /** @return the receiver as messages name it */
  public String where() {
    return where;
  }
}
