package dev.printernizer.driver.bambu.internal;

import com.hivemq.client.mqtt.exceptions.MqttDecodeException;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import dev.printernizer.api.ConnectionProblem.Kind;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Says why a connection to a printer ended, as a {@link Kind} and a short sentence for the user,
 * from the cause HiveMQ gives the disconnected listener and what the TLS checks found. Immutable.
 *
 * <p>The sentences are written here, not copied from exception messages, so they cannot carry
 * the access code; where a library message is appended it is one about MQTT framing or TLS.
 * HiveMQ reports timeouts and decoder errors only as messages ("Timeout while waiting for
 * CONNACK", "... exceeded maximum packet size"); those texts are matched here and pinned by
 * ConnectionFailuresTest and the fake-broker tests.
 */
final class ConnectionFailures {
  private final String where;
  private final int maxPacket;
  private final long mqttTimeoutSeconds;

  /**
   * A classified failure.
   *
   * @param kind what went wrong
   * @param detail a short explanation for the user
   */
  record Failure(Kind kind, String detail) {}

  /**
   * @param where the printer's address as host:port (for the sentences)
   * @param maxPacket the packet size limit the driver set
   * @param mqttTimeoutSeconds how long the driver waits for CONNACK
   */
  ConnectionFailures(String where, int maxPacket, long mqttTimeoutSeconds) {
    this.where = where;
    this.maxPacket = maxPacket;
    this.mqttTimeoutSeconds = mqttTimeoutSeconds;
  }

  /**
   * @param cause the cause HiveMQ reported, or null
   * @param tlsProblem what the certificate checks of this attempt found wrong, or null
   * @return the classified failure, or null for a connection that simply ended (the printer
   *     closed it, or the driver did)
   */
  @Nullable Failure classify(@Nullable Throwable cause, @Nullable String tlsProblem) {
    if (tlsProblem != null) {
      return new Failure(Kind.CERTIFICATE_NOT_TRUSTED, tlsProblem);
    }
    int depth = 0;
    for (Throwable t = cause; t != null && depth < 20; t = t.getCause(), depth++) {
      Failure f = one(t);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  private @Nullable Failure one(Throwable t) {
    if (t instanceof Mqtt3ConnAckException) {
      return connAck(((Mqtt3ConnAckException) t).getMqttMessage().getReturnCode());
    }
    if (t instanceof MqttDecodeException) {
      return decode(t.getMessage());
    }
    if (t instanceof SocketTimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
      // Netty's ConnectTimeoutException (a ConnectException) and SslHandshakeTimeoutException
      return new Failure(Kind.TIMED_OUT, t instanceof SSLException
          ? "the printer at " + where + " did not complete the TLS handshake in time"
          : "nothing answered at " + where + " in time (printer off, asleep or another"
          + " address?)");
    }
    if (t instanceof UnknownHostException) {
      return new Failure(Kind.UNREACHABLE, "the printer's host name is unknown: " + where);
    }
    if (t instanceof NoRouteToHostException || t instanceof PortUnreachableException) {
      return new Failure(Kind.UNREACHABLE, "no route to the printer at " + where);
    }
    if (t instanceof ConnectException) {
      return new Failure(Kind.UNREACHABLE, "nothing answers at " + where + " (connection"
          + " refused: printer off, rebooting, or LAN mode disabled?)");
    }
    if (t instanceof CertificateException) { // a refusal no explaining manager saw
      return new Failure(Kind.CERTIFICATE_NOT_TRUSTED, "the printer's certificate was not"
          + " accepted: " + t.getMessage());
    }
    if (t instanceof SSLException && t.getCause() == null) {
      return new Failure(Kind.PROTOCOL_ERROR, "the TLS handshake with " + where + " failed: "
          + t.getMessage());
    }
    // HiveMQ's own timeouts come as ConnectionClosedException or, mapped for MQTT 3,
    // Mqtt3DisconnectException, with only the message telling what timed out
    return timeout(t.getMessage());
  }

  private @Nullable Failure timeout(@Nullable String message) {
    if (message == null) {
      return null;
    }
    if (message.contains("waiting for CONNACK")) {
      return new Failure(Kind.TIMED_OUT, "the printer at " + where + " accepted the connection"
          + " but did not answer the MQTT login within " + mqttTimeoutSeconds + " s");
    }
    if (message.contains("PINGRESP") || message.contains("PINGREQ")) {
      return new Failure(Kind.TIMED_OUT, "the printer at " + where + " stopped answering"
          + " keep-alive pings");
    }
    return null;
  }

  private Failure connAck(Mqtt3ConnAckReturnCode code) {
    switch (code) {
      case BAD_USER_NAME_OR_PASSWORD:
      case NOT_AUTHORIZED:
        return new Failure(Kind.AUTHENTICATION_REFUSED, "the printer refused the access code"
            + " (read it on the printer again: it changes when LAN-only mode or Developer Mode"
            + " is switched)");
      case SERVER_UNAVAILABLE:
        return new Failure(Kind.CONNECTION_LIMIT, "the printer refused the connection as"
            + " unavailable, usually because too many MQTT clients are connected (Bambu Studio,"
            + " Handy, Home Assistant...); close one");
      default:
        return new Failure(Kind.PROTOCOL_ERROR, "the printer refused the MQTT connection ("
            + code.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
    }
  }

  private Failure decode(@Nullable String message) {
    // HiveMQ's decoder checks the announced size right after the fixed header, before it buffers
    // the packet, and reports it as "... exceeded maximum packet size"
    if (message != null && message.contains("maximum packet size")) {
      return new Failure(Kind.OVERSIZED_MESSAGE, "the printer sent an MQTT message larger than"
          + " the driver's limit of " + (maxPacket >> 20) + " MiB; the connection was dropped"
          + " without reading it");
    }
    return new Failure(Kind.PROTOCOL_ERROR, "the printer's answer is not valid MQTT"
        + (message == null ? "" : " (" + message + ")"));
  }
}
