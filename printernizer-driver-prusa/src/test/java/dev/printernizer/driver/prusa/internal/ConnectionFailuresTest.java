package dev.printernizer.driver.prusa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.ConnectionProblem.Kind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The failures a loopback test cannot produce, classified with the real client's timeouts. */
class ConnectionFailuresTest {
  private static final String WHERE = "192.168.1.31:80";

  private static PrusaHttp.Failure classify(IOException e, boolean connected) {
    PrusaHttp.Failure f = ConnectionFailures.classify(e, connected, PrusaHttp.SHARED, WHERE);
    assertSame(e, f.getCause());
    return f;
  }

  @Test
  void timeoutsAfterTheConnectionWasAcceptedAreTimedOutWithTheRealTimeouts() {
    PrusaHttp.Failure read = classify(new SocketTimeoutException("timeout"), true);
    assertEquals(Kind.TIMED_OUT, read.kind());
    assertEquals("the printer accepted the connection but did not answer within 10 s",
        read.getMessage());
    PrusaHttp.Failure call = classify(new InterruptedIOException("timeout"), true);
    assertEquals(Kind.TIMED_OUT, call.kind());
    assertTrue(call.getMessage().endsWith("did not complete its answer within 20 s"),
        call.getMessage());
  }

  @Test
  void aConnectTimeoutIsUnreachable() {
    PrusaHttp.Failure f = classify(new SocketTimeoutException("Connect timed out"), false);
    assertEquals(Kind.UNREACHABLE, f.kind());
    assertEquals("nothing accepted a connection at 192.168.1.31:80 within 5 s", f.getMessage());
  }

  @Test
  void noRouteIsUnreachable() {
    IOException e = new NoRouteToHostException("No route to host");
    assertEquals(Kind.UNREACHABLE, classify(e, false).kind());
    assertTrue(classify(e, false).getMessage().startsWith("no route to 192.168.1.31"));
    ConnectException wrapped = new ConnectException("Failed to connect to /192.168.1.31:80");
    wrapped.initCause(new ConnectException("Network is unreachable"));
    assertEquals("nothing accepts connections at 192.168.1.31:80 (network is unreachable)",
        classify(wrapped, false).getMessage());
  }

  @Test
  void tlsFailures() {
    SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path validation failed");
    untrusted.initCause(new CertificateException(new CertPathValidatorException("untrusted")));
    assertEquals(Kind.CERTIFICATE_NOT_TRUSTED, classify(untrusted, true).kind());
    assertEquals(Kind.PROTOCOL_ERROR,
        classify(new SSLException("Unsupported or unrecognized SSL message"), true).kind());
  }

  @Test
  void aConnectionClosedWithoutAnAnswerIsAProtocolErrorAndQuotesAreShort() {
    PrusaHttp.Failure f = classify(new IOException("unexpected end of stream on "
        + "http://192.168.1.31/... " + "x".repeat(500)), true);
    assertEquals(Kind.PROTOCOL_ERROR, f.kind());
    assertTrue(f.getMessage().length() < 150, f.getMessage());
  }
}
