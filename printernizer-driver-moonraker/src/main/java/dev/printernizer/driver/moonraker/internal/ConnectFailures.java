package dev.printernizer.driver.moonraker.internal;

import dev.printernizer.api.ConnectionProblem;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/** Why a connection to Moonraker could not be made, in the engine's words. */
final class ConnectFailures {
  private ConnectFailures() {}

  /**
   * What went wrong.
   *
   * @param kind the problem's kind
   * @param detail the detail, never a secret
   */
  record Failure(ConnectionProblem.Kind kind, @Nullable String detail) {
  }

  static Failure classify(Throwable err, URI socketUri) {
    Throwable t = err instanceof java.util.concurrent.CompletionException
        && err.getCause() != null ? err.getCause() : err;
    if (t instanceof AuthRefused) {
      return new Failure(ConnectionProblem.Kind.AUTHENTICATION_REFUSED, t.getMessage());
    }
    if (t instanceof WebSocketHandshakeException) {
      int code = ((WebSocketHandshakeException) t).getResponse().statusCode();
      boolean auth = code == 401 || code == 403;
      return new Failure(auth ? ConnectionProblem.Kind.AUTHENTICATION_REFUSED
          : ConnectionProblem.Kind.PROTOCOL_ERROR, "Moonraker refused the WebSocket (HTTP "
          + code + ")" + (auth ? ": the API key is missing or wrong" : code == 404
              ? ": no WebSocket at " + socketUri.getPath() : ""));
    }
    if (t instanceof io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException) {
      var response = ((io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException) t)
          .response();
      int code = response == null ? 0 : response.status().code();
      boolean auth = code == 401 || code == 403;
      return new Failure(auth ? ConnectionProblem.Kind.AUTHENTICATION_REFUSED
          : ConnectionProblem.Kind.PROTOCOL_ERROR, "Moonraker refused the WebSocket (HTTP "
          + code + ")" + (auth ? ": the API key is missing or wrong" : code == 404
              ? ": no WebSocket at " + socketUri.getPath() : ""));
    }
    if (t instanceof io.netty.channel.ConnectTimeoutException) {
      return new Failure(ConnectionProblem.Kind.TIMED_OUT, "no connection within 10 s");
    }
    if (t instanceof java.nio.channels.UnresolvedAddressException
        || t instanceof java.net.UnknownHostException) {
      return new Failure(ConnectionProblem.Kind.UNREACHABLE, "unknown host "
          + socketUri.getHost());
    }
    if (t instanceof HttpConnectTimeoutException || t instanceof HttpTimeoutException) {
      return new Failure(ConnectionProblem.Kind.TIMED_OUT, "no answer within 10 s");
    }
    if (t instanceof SSLException) {
      return new Failure(ConnectionProblem.Kind.CERTIFICATE_NOT_TRUSTED, "TLS: "
          + t.getMessage());
    }
    if (t instanceof ConnectException) {
      return new Failure(ConnectionProblem.Kind.UNREACHABLE, "connection refused or no route to "
          + socketUri.getHost() + ":" + socketUri.getPort());
    }
    return new Failure(ConnectionProblem.Kind.UNREACHABLE, t.getClass().getSimpleName() + ": "
        + t.getMessage());
  }

  /** Moonraker refused the credentials. */
  static final class AuthRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AuthRefused(String message) {
      super(message, null, false, false);
    }
  }
}
