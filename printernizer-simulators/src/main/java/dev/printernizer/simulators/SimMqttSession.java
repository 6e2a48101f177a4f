package dev.printernizer.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * One client connection to {@link BambuPrinterSimulator}'s MQTT broker: just enough MQTT 3.1.1
 * (CONNECT with the access code, SUBSCRIBE to the report topic, PUBLISH of requests such as
 * pushall, PINGREQ) and the printer's quirks (it closes the connection on any other topic).
 * Reports are written under a write lock, in order. Runs on its own thread.
 */
final class SimMqttSession {
  /** What the session needs of the printer. */
  interface Host {
    String serial();

    boolean accepts(@Nullable String user, @Nullable String password);

    /** Whether the printer sends full reports (X1 on LAN) rather than deltas. */
    boolean fullReports();

    boolean silent();

    byte[] fullReport();

    void connected();

    void pushallRequested();

    void closed(SimMqttSession session);
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Host host;
  final Socket sock;
  final Object writeLock = new Object();
  volatile boolean subscribed;
  volatile boolean baselineSent;
  volatile boolean streaming = true;

  SimMqttSession(Socket sock, Host host) {
    this.sock = sock;
    this.host = host;
  }

  void run() {
    try (InputStream in = sock.getInputStream()) {
      DataInputStream din = new DataInputStream(in);
      boolean connected = false;
      while (true) {
        int header = din.read();
        if (header < 0) {
          return;
        }
        int len = remainingLength(din);
        byte[] body = new byte[len];
        din.readFully(body);
        int type = header >> 4;
        if (!connected && type != 1) {
          return;
        }
        switch (type) {
          case 1: // CONNECT
            if (!onConnect(body)) {
              return;
            }
            connected = true;
            break;
          case 3: // PUBLISH
            onPublish(header, body);
            break;
          case 8: // SUBSCRIBE
            if (!onSubscribe(body)) {
              return;
            }
            break;
          case 12: // PINGREQ
            write(new byte[] {(byte) 0xD0, 0});
            break;
          case 14: // DISCONNECT
            return;
          default:
            break; // PUBACK etc.: nothing to do
        }
      }
    } catch (EOFException | SocketException e) {
      // the client went away
    } catch (IOException e) {
      // broken TLS or stream
    } finally {
      close();
    }
  }

  private boolean onConnect(byte[] b) throws IOException {
    int p = 0;
    int nameLen = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    p += 2 + nameLen;
    int level = b[p++] & 0xFF;
    int flags = b[p++] & 0xFF;
    p += 2; // keep-alive
    String[] out = new String[1];
    p = str(b, p, out); // client id
    String user = null;
    String pass = null;
    if ((flags & 0x04) != 0) { // will
      p = str(b, p, out);
      p = str(b, p, out);
    }
    if ((flags & 0x80) != 0) {
      p = str(b, p, out);
      user = out[0];
    }
    if ((flags & 0x40) != 0) {
      str(b, p, out);
      pass = out[0];
    }
    if (level != 4) {
      write(new byte[] {0x20, 2, 0, 1}); // unacceptable protocol version
      return false;
    }
    if (!host.accepts(user, pass)) {
      write(new byte[] {0x20, 2, 0, 4}); // bad user name or password
      return false;
    }
    write(new byte[] {0x20, 2, 0, 0});
    host.connected();
    return true;
  }

  private boolean onSubscribe(byte[] b) throws IOException {
    int id = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
    String[] topic = new String[1];
    int p = str(b, 2, topic);
    if (!("device/" + host.serial() + "/report").equals(topic[0])) {
      return (host.fullReports() && topic[0].equals("#")) ? ack(id) : false;
    }
    if (p < b.length) {
      p++; // requested QoS
    }
    subscribed = true;
    ack(id);
    if (host.fullReports() && !host.silent()) {
      sendFresh(host::fullReport);
      baselineSent = true;
    }
    return true;
  }

  private boolean ack(int id) throws IOException {
    write(new byte[] {(byte) 0x90, 3, (byte) (id >> 8), (byte) id, 0});
    return true;
  }

  private void onPublish(int header, byte[] b) throws IOException {
    int qos = (header >> 1) & 3;
    String[] topic = new String[1];
    int p = str(b, 0, topic);
    if (qos > 0) {
      int id = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
      p += 2;
      write(new byte[] {0x40, 2, (byte) (id >> 8), (byte) id});
    }
    if (!("device/" + host.serial() + "/request").equals(topic[0])) {
      close(); // P1/A1 close the connection on any other topic
      return;
    }
    JsonNode req;
    try {
      req = JSON.readTree(new String(b, p, b.length - p, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return;
    }
    String cmd = req.path("pushing").path("command").asText("");
    if (cmd.equals("pushall")) {
      host.pushallRequested();
      if (!host.silent()) {
        sendFresh(host::fullReport);
        baselineSent = true;
      }
    } else if (cmd.equals("start")) {
      streaming = true;
    } else if (cmd.equals("stop")) {
      streaming = false;
    }
    if (req.path("info").path("command").asText("").equals("get_version")) {
      send(("{\"info\":{\"command\":\"get_version\",\"sequence_id\":\""
          + req.path("info").path("sequence_id").asText("0") + "\",\"module\":[{\"name\":"
          + "\"ota\",\"sw_ver\":\"01.08.00.00\",\"sn\":\"" + host.serial() + "\"}]}}")
          .getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Builds the report and sends it under the connection's write lock, so a full report built
   * on one thread (a pushall answer) can never overtake a newer one built on another (a state
   * change): a printer sends its reports in order.
   */
  void sendFresh(java.util.function.Supplier<byte[]> payload) {
    synchronized (writeLock) {
      send(payload.get());
    }
  }

  void send(byte[] payload) {
    if (host.silent() || !streaming) {
      return;
    }
    byte[] topic = ("device/" + host.serial() + "/report").getBytes(StandardCharsets.UTF_8);
    int len = 2 + topic.length + payload.length;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(len + 5);
    out.write(0x30); // PUBLISH, QoS 0, not retained
    do {
      int digit = len % 128;
      len /= 128;
      out.write(len > 0 ? digit | 0x80 : digit);
    } while (len > 0);
    out.write(topic.length >> 8);
    out.write(topic.length & 0xFF);
    out.writeBytes(topic);
    out.writeBytes(payload);
    try {
      write(out.toByteArray());
    } catch (IOException e) {
      close();
    }
  }

  private void write(byte[] bytes) throws IOException {
    synchronized (writeLock) {
      OutputStream os = sock.getOutputStream();
      os.write(bytes);
      os.flush();
    }
  }

  void close() {
    host.closed(this);
    try {
      sock.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  private static int remainingLength(DataInputStream in) throws IOException {
    int mult = 1;
    int value = 0;
    int b;
    do {
      b = in.readUnsignedByte();
      value += (b & 0x7F) * mult;
      mult *= 128;
      if (mult > 128 * 128 * 128 * 128) {
        throw new IOException("malformed remaining length");
      }
    } while ((b & 0x80) != 0);
    return value;
  }

  private static int str(byte[] b, int p, String[] out) {
    int n = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    out[0] = new String(b, p + 2, n, StandardCharsets.UTF_8);
    return p + 2 + n;
  }
}
