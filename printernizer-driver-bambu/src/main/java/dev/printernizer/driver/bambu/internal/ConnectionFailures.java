package dev.printernizer.driver.bambu.internal;

import com.hivemq.client.mqtt.exceptions.MqttDecodeException;
import dev.printernizer.api.ConnectionProblem;

/**
 * Says why a connection to a printer ended, as a {@link ConnectionProblem.Kind} and a short
 * sentence for the user, from the cause HiveMQ gives the disconnected listener. Stateless.
 *
 * <p>The sentences are written here, not copied from exception messages, so they cannot carry
 * the access code; where a library message is appended it is one about MQTT framing.
 */
final class ConnectionFailures {
  private ConnectionFailures() {}

  /**
   * A classified failure.
   *
   * @param kind what went wrong
   * @param detail a short explanation for the user
   */
  record Failure(ConnectionProblem.Kind kind, String detail) {}

  /**
   * @param cause the cause HiveMQ reported, or null
   * @param maxPacket the packet size limit the driver set (for the detail)
   * @return the classified failure, or null for a connection that simply ended (the printer
   *     closed it, or the driver did)
   */
  static Failure classify(Throwable cause, int maxPacket) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof MqttDecodeException) {
        return decodeFailure(t.getMessage(), maxPacket);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static Failure decodeFailure(String message, int maxPacket) {
    // HiveMQ's decoder checks the announced size right after the fixed header, before it buffers
    // the packet, and reports it as "... exceeded maximum packet size"
    if (message != null && message.contains("maximum packet size")) {
      return new Failure(ConnectionProblem.Kind.OVERSIZED_MESSAGE, "the printer sent an MQTT"
          + " message larger than the driver's limit of " + (maxPacket >> 20) + " MiB; the"
          + " connection was dropped without reading it");
    }
    return new Failure(ConnectionProblem.Kind.PROTOCOL_ERROR, "the printer's answer is not valid"
        + " MQTT" + (message == null ? "" : " (" + message + ")"));
  }
}
