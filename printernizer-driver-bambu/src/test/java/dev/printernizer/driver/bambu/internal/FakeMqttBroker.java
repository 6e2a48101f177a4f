package dev.printernizer.driver.bambu.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plain-TCP stand-in for whatever answers on a printer's address, speaking just enough MQTT
 * 3.1.1 to misbehave in one chosen way: refuse the CONNECT with a return code, never answer,
 * answer the subscription with bytes that are not MQTT, or announce a huge PUBLISH and stream it.
 */
final class FakeMqttBroker implements AutoCloseable {
  /** What the broker does with each connection. */
  enum Script {
    /** Reads CONNECT, never answers. */
    SILENT,
    /** CONNACK with {@link FakeMqttBroker#returnCode}, then closes. */
    REFUSE,
    /** CONNACK 0, SUBACK, then a packet with a malformed remaining length. */
    GARBAGE,
    /** CONNACK 0, SUBACK, then a PUBLISH announcing {@link #OVERSIZED_LENGTH} bytes, streamed. */
    OVERSIZED,
    /** CONNACK 0, SUBACK, then the given payloads as PUBLISHes on the given topic; stays open. */
    PUBLISH
  }

  /** The remaining length the oversized PUBLISH announces (about 250 MB). */
  static final int OVERSIZED_LENGTH = 250_000_000;

  private final Script script;
  private final int returnCode;
  private final String topic;
  private final List<byte[]> payloads;
  private final List<Long> connectTimes = new CopyOnWriteArrayList<>();
  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger connects = new AtomicInteger();
  private final AtomicLong streamed = new AtomicLong();

  private FakeMqttBroker(Script script, int returnCode, String topic, List<byte[]> payloads)
      throws IOException {
    this.script = script;
    this.returnCode = returnCode;
    this.topic = topic;
    this.payloads = payloads;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::accept, "fake-mqtt-accept");
    t.setDaemon(true);
    t.start();
  }

  /** @return a broker running the script @throws IOException if it cannot listen */
  static FakeMqttBroker start(Script script) throws IOException {
    return new FakeMqttBroker(script, 0, "device/X/report", List.of());
  }

  /** @return a broker answering every CONNECT with this CONNACK return code */
  static FakeMqttBroker refusing(int returnCode) throws IOException {
    return new FakeMqttBroker(Script.REFUSE, returnCode, "device/X/report", List.of());
  }

  /** @return a broker sending these payloads on this topic after every subscription */
  static FakeMqttBroker publishing(String topic, List<byte[]> payloads) throws IOException {
    return new FakeMqttBroker(Script.PUBLISH, 0, topic, List.copyOf(payloads));
  }

  int port() {
    return server.getLocalPort();
  }

  /** @return CONNECT packets received */
  int connects() {
    return connects.get();
  }

  /** @return when each CONNECT arrived ({@link System#nanoTime()}) */
  List<Long> connectTimes() {
    return List.copyOf(connectTimes);
  }

  /** @return bytes of the oversized PUBLISH body written so far (over all connections) */
  long streamed() {
    return streamed.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        sockets.add(s);
        Thread t = new Thread(() -> serve(s), "fake-mqtt-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      if (readPacket(in, new int[1]) != 1) {
        return;
      }
      connectTimes.add(System.nanoTime());
      connects.incrementAndGet();
      if (script == Script.SILENT) {
        while (in.read() >= 0) {
          // swallow everything, answer nothing
        }
        return;
      }
      out.write(new byte[] {0x20, 2, 0, (byte) returnCode});
      out.flush();
      if (script == Script.REFUSE) {
        return;
      }
      int[] id = new int[1];
      int type;
      do {
        type = readPacket(in, id);
        if (type < 0) {
          return;
        }
      } while (type != 8); // SUBSCRIBE
      out.write(new byte[] {(byte) 0x90, 3, (byte) (id[0] >> 8), (byte) id[0], 0});
      out.flush();
      if (script == Script.GARBAGE) {
        out.write(new byte[] {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F});
        out.flush();
        in.readAllBytes(); // until the client gives up
      } else if (script == Script.PUBLISH) {
        for (byte[] p : payloads) {
          out.write(publish(topic, p));
        }
        out.flush();
        in.readAllBytes();
      } else {
        streamOversized(out);
      }
    } catch (IOException e) {
      // the client hung up: that is what the scripts provoke
    }
  }

  private static byte[] publish(String topic, byte[] payload) {
    byte[] t = topic.getBytes(StandardCharsets.UTF_8);
    int len = 2 + t.length + payload.length;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(len + 5);
    out.write(0x30); // PUBLISH, QoS 0
    do {
      int digit = len % 128;
      len /= 128;
      out.write(len > 0 ? digit | 0x80 : digit);
    } while (len > 0);
    out.write(t.length >> 8);
    out.write(t.length & 0xFF);
    out.writeBytes(t);
    out.writeBytes(payload);
    return out.toByteArray();
  }

  private void streamOversized(OutputStream out) throws IOException {
    byte[] topic = "device/X/report".getBytes(StandardCharsets.US_ASCII);
    int len = OVERSIZED_LENGTH;
    byte[] header = new byte[5];
    int n = 0;
    header[n++] = 0x30;
    do {
      int digit = len % 128;
      len /= 128;
      header[n++] = (byte) (len > 0 ? digit | 0x80 : digit);
    } while (len > 0);
    out.write(header, 0, n);
    out.write(new byte[] {0, (byte) topic.length});
    out.write(topic);
    byte[] chunk = new byte[64 * 1024];
    java.util.Arrays.fill(chunk, (byte) '{');
    long left = OVERSIZED_LENGTH - 2 - topic.length;
    while (left > 0) {
      int k = (int) Math.min(chunk.length, left);
      out.write(chunk, 0, k);
      streamed.addAndGet(k);
      left -= k;
    }
    out.flush();
  }

  /** Reads one packet; returns its type (or -1 at the end) and its first two bytes in id[0]. */
  private static int readPacket(DataInputStream in, int[] id) throws IOException {
    int header = in.read();
    if (header < 0) {
      return -1;
    }
    int len = 0;
    int mult = 1;
    int b;
    do {
      b = in.readUnsignedByte();
      len += (b & 0x7F) * mult;
      mult *= 128;
    } while ((b & 0x80) != 0 && mult <= 128 * 128 * 128);
    if (len > 1 << 16) {
      throw new IOException("the driver sent a packet of " + len + " bytes");
    }
    byte[] body = new byte[len];
    in.readFully(body);
    if (len >= 2) {
      id[0] = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
    }
    return header >> 4;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
