package dev.printernizer.driver.prusa.internal;

import dev.printernizer.api.ConnectionProblem.Kind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Says why a request to a printer failed, as a {@link Kind} and a short sentence for the user.
 *
 * <p>Whether the printer had accepted the connection decides between the timeouts: a connect
 * timeout means nothing answered at the address ({@link Kind#UNREACHABLE}, like a refused
 * connection), a read or call timeout after the connection was accepted is
 * {@link Kind#TIMED_OUT}. Details name the host, port and the timeout, never a credential; text
 * that came from the printer is cut short (the caller also removes the credential from it).
 */
final class ConnectionFailures {
  /** Text quoted from the printer (a status line, a reason) is cut to this many characters. */
  static final int MAX_QUOTE = 60;

  private ConnectionFailures() {}

  /**
   * @param e what the request threw
   * @param connected whether a connection to the printer was established for the request
   * @param client the client (for the timeouts it uses)
   * @param where {@code host:port}
   * @return the classified failure, with {@code e} as its cause
   */
  static PrusaHttp.Failure classify(IOException e, boolean connected, OkHttpClient client,
      String where) {
    String host = where.substring(0, where.lastIndexOf(':'));
    if (find(e, UnknownHostException.class) != null) {
      return new PrusaHttp.Failure(Kind.UNREACHABLE, "the host name " + host
          + " is unknown (no DNS entry)", e);
    }
    if (find(e, NoRouteToHostException.class) != null) {
      return new PrusaHttp.Failure(Kind.UNREACHABLE, "no route to " + host
          + " (the printer is off, or on another network)", e);
    }
    if (find(e, ConnectException.class) != null) {
      return new PrusaHttp.Failure(Kind.UNREACHABLE, "nothing accepts connections at " + where
          + " (" + reason(rootCause(e), "connection refused") + ")", e);
    }
    if (find(e, SSLPeerUnverifiedException.class) != null
        || (find(e, SSLHandshakeException.class) != null
            && find(e, CertificateException.class) != null)) {
      return new PrusaHttp.Failure(Kind.CERTIFICATE_NOT_TRUSTED, "the printer's TLS certificate"
          + " is not trusted (" + quote(rootCause(e).getMessage()) + ")", e);
    }
    if (find(e, SSLException.class) != null) {
      return new PrusaHttp.Failure(Kind.PROTOCOL_ERROR, "TLS with the printer failed ("
          + quote(rootCause(e).getMessage()) + "); is it an http port?", e);
    }
    if (e instanceof InterruptedIOException) { // socket (connect, read) and call timeouts
      if (!connected) {
        return new PrusaHttp.Failure(Kind.UNREACHABLE, "nothing accepted a connection at "
            + where + " within " + seconds(client.connectTimeoutMillis()), e);
      }
      return new PrusaHttp.Failure(Kind.TIMED_OUT, e instanceof SocketTimeoutException
          ? "the printer accepted the connection but did not answer within "
              + seconds(client.readTimeoutMillis())
          : "the printer accepted the connection but did not complete its answer within "
              + seconds(client.callTimeoutMillis()), e);
    }
    ProtocolException notHttp = find(e, ProtocolException.class);
    if (notHttp != null) {
      return new PrusaHttp.Failure(Kind.PROTOCOL_ERROR, "the printer's answer is not HTTP ("
          + quote(notHttp.getMessage()) + ")", e);
    }
    if (connected) {
      return new PrusaHttp.Failure(Kind.PROTOCOL_ERROR, "the printer closed the connection"
          + " without a complete answer (" + quote(e.getMessage()) + ")", e);
    }
    return new PrusaHttp.Failure(Kind.UNREACHABLE, "could not connect to " + where + " ("
        + quote(e.getClass().getSimpleName() + ": " + e.getMessage()) + ")", e);
  }

  private static <T extends Throwable> @Nullable T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static String reason(Throwable t, String fallback) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? fallback : quote(m.toLowerCase(java.util.Locale.ROOT));
  }

  /** @return at most {@value #MAX_QUOTE} characters of {@code s}, on one line */
  static String quote(@Nullable String s) {
    if (s == null) {
      return "no reason given";
    }
    String one = s.replaceAll("[\\r\\n\\t]+", " ").strip();
    return one.length() <= MAX_QUOTE ? one : one.substring(0, MAX_QUOTE - 1) + "\u2026";
  }

  /** @return "10 s" for 10000, "1500 ms" for 1500 */
  static String seconds(long millis) {
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }
}
