package dev.printernizer.driver.bambu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.exceptions.ConnectionClosedException;
import com.hivemq.client.mqtt.exceptions.ConnectionFailedException;
import dev.printernizer.api.ConnectionProblem.Kind;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * The causes the fake brokers cannot provoke quickly (DNS, routing, keep-alive and handshake
 * timeouts), built as HiveMQ and Netty build them.
 */
class ConnectionFailuresTest {
  private final ConnectionFailures f = new ConnectionFailures("printer.lan:8883", 2 << 20, 15);

  private Kind kind(Throwable t) {
    ConnectionFailures.Failure r = f.classify(t, null);
    return r == null ? null : r.kind();
  }

  @Test
  void networkFailuresAreUnreachable() {
    assertEquals(Kind.UNREACHABLE, kind(new ConnectionFailedException(
        new UnknownHostException("printer.lan"))));
    assertEquals(Kind.UNREACHABLE, kind(new ConnectionFailedException(
        new NoRouteToHostException("No route to host"))));
    assertTrue(f.classify(new UnknownHostException("x"), null).detail()
        .contains("printer.lan:8883"));
  }

  @Test
  void timeoutsAreTimedOut() {
    assertEquals(Kind.TIMED_OUT, kind(new ConnectionFailedException(
        new ConnectTimeoutException("connection timed out: printer.lan/10.0.0.9:8883"))));
    assertEquals(Kind.TIMED_OUT, kind(new ConnectionFailedException(
        new SslHandshakeTimeoutException("handshake timed out after 10000ms"))));
    ConnectionFailures.Failure ping = f.classify(
        new ConnectionClosedException("Timeout while waiting for PINGRESP"), null);
    assertEquals(Kind.TIMED_OUT, ping.kind());
    assertTrue(ping.detail().contains("keep-alive"), ping.detail());
    assertTrue(f.classify(new ConnectionClosedException("Timeout while waiting for CONNACK"),
        null).detail().contains("within 15 s"));
  }

  @Test
  void tlsThatIsNotACertificateProblemIsAProtocolError() {
    assertEquals(Kind.PROTOCOL_ERROR, kind(new ConnectionFailedException(
        new SSLException("Unsupported or unrecognized SSL message"))));
  }

  @Test
  void whatTheCertificateChecksFoundWinsOverTheGenericHandshakeFailure() {
    ConnectionFailures.Failure r = f.classify(new ConnectionFailedException(
        new SSLHandshakeException("Hostname verification failed")),
        "the certificate names serial A, configured B");
    assertEquals(Kind.CERTIFICATE_NOT_TRUSTED, r.kind());
    assertEquals("the certificate names serial A, configured B", r.detail());
  }

  @Test
  void aConnectionThePrinterSimplyClosedIsNotAProblemKind() {
    assertNull(kind(new ConnectionClosedException("Server closed connection without DISCONNECT.")));
    assertNull(kind(null));
  }
}
