package dev.printernizer.testkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.printernizer.testkit.PrinterDriverCompatibilityKit;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A fake Bambu Lab printer on loopback: an MQTT 3.1.1 broker on TLS 1.2 (leaf {@code CN=<serial>},
 * version 1, issued by a test "BBL CA" made at start) that accepts {@code bblp} + the access code,
 * lets clients subscribe only to {@code device/<serial>/report}, answers {@code pushall} with a
 * full report ({@code msg: 0}) and sends reports at QoS 0 with an increasing {@code sequence_id}.
 *
 * <p>Profiles: {@link Profile#FULL} sends full reports (X1 on LAN); {@link Profile#DELTA} sends
 * nothing until asked and then only the keys that changed (P1, A1). Jobs: LAN (ids "0"), cloud
 * (task/subtask/job ids), new-generation local {@code task_id}; calibration jobs; pause (user or
 * filament run-out), resume, finish (lingers until the next job), cancel (print_error 0x0300400C,
 * then FAILED), failure. Faults: drop every connection, stay connected but silent, power cycle,
 * malformed JSON, wrong types, non-UTF-8 bytes, very large reports. Thread-safe.
 *
 * @since 0.1
 */
public final class BambuPrinterSimulator implements PrinterDriverCompatibilityKit.SimulatedPrinter {
  /** How the printer reports. */
  public enum Profile {
    /** Full reports every time (an X1 on LAN). */
    FULL,
    /** Deltas, and a full report only on pushall (P1 and A1, X1 in cloud mode). */
    DELTA
  }

  /** Where a job comes from, which decides its ids. */
  public enum JobKind {
    /** A LAN print from Bambu Studio: no ids ("0"), the file as gcode_file. */
    LAN,
    /** A cloud print: task, subtask and job ids, gcode_file a plate path. */
    CLOUD,
    /** A newer firmware's local print: a small local task id, the other ids empty or "0". */
    LOCAL_ID
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  static final long CANCEL_CODE = 50348044L; // 0x0300400C "The task was canceled."

  private final String serial;
  private final String accessCode;
  private final Profile profile;
  private final SSLContext tls;
  private final TestCertificates ca;
  private ServerSocket server;
  private Thread acceptor;
  private int port;
  private volatile boolean running;
  private final List<Conn> conns = new CopyOnWriteArrayList<>();
  private final AtomicInteger sequence = new AtomicInteger(1000);
  private final AtomicInteger pushalls = new AtomicInteger();
  private final AtomicInteger connects = new AtomicInteger();

  // printer state, guarded by this
  private final ObjectNode state = JSON.createObjectNode();
  private boolean silent;
  private int taskCounter = 6400;
  private long cloudCounter = 530118400L;
  private String lastStartTime = "0";

  private BambuPrinterSimulator(String serial, String accessCode, Profile profile,
      TestCertificates ca, KeyStore keyStore) {
    this.serial = serial;
    this.accessCode = accessCode;
    this.profile = profile;
    this.ca = ca;
    try {
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(
          KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keyStore, "changeit".toCharArray());
      tls = SSLContext.getInstance("TLSv1.2");
      tls.init(kmf.getKeyManagers(), null, null);
    } catch (Exception e) {
      throw new IllegalStateException("cannot set up the simulator's TLS: " + e, e);
    }
    idleState();
  }

  /**
   * @param serial the printer serial (also the certificate CN and the topic)
   * @param accessCode the LAN access code
   * @return a builder
   * @since 0.1
   */
  public static Builder builder(String serial, String accessCode) {
    return new Builder(serial, accessCode);
  }

  /** Builder of {@link BambuPrinterSimulator}. */
  public static final class Builder {
    private final String serial;
    private final String accessCode;
    private Profile profile = Profile.DELTA;
    private TestCertificates ca;
    private KeyStore keyStore;

    private Builder(String serial, String accessCode) {
      this.serial = Objects.requireNonNull(serial, "serial");
      this.accessCode = Objects.requireNonNull(accessCode, "accessCode");
    }

    /**
     * @param p the reporting profile
     * @return this
     */
    public Builder profile(Profile p) {
      this.profile = Objects.requireNonNull(p);
      return this;
    }

    /**
     * @param ca the CA that issues the printer certificate (default: a new one)
     * @return this
     */
    public Builder ca(TestCertificates ca) {
      this.ca = ca;
      return this;
    }

    /**
     * @param ks the printer's key store (for wrong/expired certificates)
     * @return this
     */
    public Builder keyStore(KeyStore ks) {
      this.keyStore = ks;
      return this;
    }

    /** @return the started simulator on 127.0.0.1 and a free port */
    public BambuPrinterSimulator start() {
      TestCertificates c = ca != null ? ca : TestCertificates.newCa("Test BBL CA");
      KeyStore ks = keyStore != null ? keyStore : c.printerKeyStore(serial);
      BambuPrinterSimulator s = new BambuPrinterSimulator(serial, accessCode, profile, c, ks);
      s.listen(0);
      return s;
    }
  }

  /**
   * @return the port
   * @since 0.1
   */
  public synchronized int port() {
    return port;
  }

  /**
   * @return the serial
   * @since 0.1
   */
  public String serial() {
    return serial;
  }

  /**
   * @return the access code
   * @since 0.1
   */
  public String accessCode() {
    return accessCode;
  }

  /**
   * @return the CA that issued its certificate, in PEM (what a driver trusts)
   * @since 0.1
   */
  public String caPem() {
    return ca.caPem();
  }

  /**
   * @return pushall requests received
   * @since 0.1
   */
  public int pushalls() {
    return pushalls.get();
  }

  /**
   * @return successful MQTT connects so far
   * @since 0.1
   */
  public int connects() {
    return connects.get();
  }

  /**
   * @return connected, subscribed clients
   * @since 0.1
   */
  public int subscribers() {
    int n = 0;
    for (Conn c : conns) {
      n += c.subscribed ? 1 : 0;
    }
    return n;
  }

  // ------------------------------------------------------------------ the printer

  private synchronized void idleState() {
    state.removeAll();
    state.put("command", "push_status");
    state.put("gcode_state", "IDLE");
    state.put("subtask_name", "");
    state.put("gcode_file", "");
    state.put("mc_percent", 0);
    state.put("mc_remaining_time", 0);
    state.put("layer_num", 0);
    state.put("total_layer_num", 0);
    state.put("print_type", "idle");
    state.put("task_id", "0");
    state.put("subtask_id", "0");
    state.put("job_id", "0");
    state.put("print_error", 0);
    state.put("gcode_start_time", lastStartTime);
    state.put("stg_cur", 255);
    state.put("bed_temper", 24.0);
    state.put("nozzle_temper", 26.0);
  }

  /**
   * Starts a job: PREPARE, then RUNNING.
   *
   * @param file the project file name, e.g. {@code Benchy.gcode.3mf}
   * @param kind where it comes from (decides the ids)
   * @since 0.1
   */
  public void startJob(String file, JobKind kind) {
    String name = file.replaceAll("(\\.gcode)?\\.3mf$", "");
    Map<String, Object> prepare = new java.util.LinkedHashMap<>();
    prepare.put("gcode_state", "PREPARE");
    prepare.put("subtask_name", name);
    prepare.put("gcode_file", kind == JobKind.CLOUD ? "/data/Metadata/plate_1.gcode" : file);
    prepare.put("print_type", kind == JobKind.CLOUD ? "cloud" : "local");
    prepare.put("mc_percent", 0);
    prepare.put("layer_num", 0);
    prepare.put("total_layer_num", 200);
    prepare.put("print_error", 0);
    prepare.put("mc_remaining_time", 60);
    switch (kind) {
      case CLOUD:
        prepare.put("task_id", String.valueOf(++cloudCounter));
        prepare.put("subtask_id", String.valueOf(++cloudCounter));
        prepare.put("job_id", String.valueOf(++cloudCounter));
        break;
      case LOCAL_ID:
        prepare.put("task_id", String.valueOf(++taskCounter));
        prepare.put("subtask_id", "");
        prepare.put("job_id", "0");
        break;
      default:
        prepare.put("task_id", "0");
        prepare.put("subtask_id", "0");
        prepare.put("job_id", "0");
    }
    change(prepare);
    String start = String.valueOf(Instant.now().getEpochSecond());
    synchronized (this) {
      lastStartTime = start;
    }
    change(Map.of("gcode_state", "RUNNING", "gcode_start_time", start, "stg_cur", 0));
  }

  /** A calibration (system) job: {@code print_type: system}, file under {@code /usr/}. */
  public void startCalibration() {
    change(Map.of("gcode_state", "RUNNING", "subtask_name", "auto_cali_for_user",
        "gcode_file", "/usr/etc/print/auto_cali_for_user.gcode", "print_type", "system",
        "task_id", "0", "subtask_id", "0", "mc_percent", 0));
  }

  /**
   * @param percent progress
   * @param layer current layer
   * @param remainingMinutes minutes left
   * @since 0.1
   */
  public void progress(int percent, int layer, int remainingMinutes) {
    change(Map.of("mc_percent", percent, "layer_num", layer, "mc_remaining_time",
        remainingMinutes));
  }

  /**
   * Pauses (by the user).
   * @since 0.1
   */
  public void pause() {
    change(Map.of("gcode_state", "PAUSE", "stg_cur", 16));
  }

  /**
   * Pauses for a filament run-out.
   * @since 0.1
   */
  public void runOut() {
    change(Map.of("gcode_state", "PAUSE", "stg_cur", 6));
  }

  /**
   * Resumes.
   * @since 0.1
   */
  public void resume() {
    change(Map.of("gcode_state", "RUNNING", "stg_cur", 0));
  }

  /**
   * Finishes; FINISH stays until the next job.
   * @since 0.1
   */
  public void finish() {
    change(Map.of("gcode_state", "FINISH", "mc_percent", 100, "mc_remaining_time", 0,
        "print_type", "idle"));
  }

  /** Cancels the way current firmware does: print_error 0x0300400C, FAILED, error cleared. */
  public void cancel() {
    change(Map.of("print_error", CANCEL_CODE));
    change(Map.of("gcode_state", "FAILED", "mc_percent", 0, "layer_num", 0));
    change(Map.of("print_error", 0));
  }

  /**
   * Fails with a nozzle clog error.
   * @since 0.1
   */
  public void fail() {
    change(Map.of("print_error", 0x0300_8014L, "gcode_state", "FAILED"));
  }

  /**
   * Power cycle: connections drop, the printer boots IDLE with start time "0".
   * @since 0.1
   */
  public void powerCycle() {
    dropConnections();
    synchronized (this) {
      lastStartTime = "0";
      idleState();
      state.put("stg_cur", 0);
    }
  }

  private void change(Map<String, Object> fields) {
    ObjectNode delta = JSON.createObjectNode();
    synchronized (this) {
      for (Map.Entry<String, Object> e : fields.entrySet()) {
        JsonNode v = JSON.valueToTree(e.getValue());
        state.set(e.getKey(), v);
        delta.set(e.getKey(), v);
      }
    }
    report(delta);
  }

  /**
   * Sends a report now (e.g. a temperature tick).
   * @since 0.1
   */
  public void heartbeat() {
    change(Map.of("bed_temper", 60.0 + (sequence.get() % 3)));
  }

  private void report(ObjectNode delta) {
    for (Conn c : conns) {
      if (c.subscribed && (profile == Profile.FULL || c.baselineSent)) {
        c.sendFresh(() -> profile == Profile.FULL ? full() : wrap(delta, 1));
      }
    }
  }

  private synchronized ObjectNode snapshot() {
    return state.deepCopy();
  }

  private byte[] full() {
    return wrap(snapshot(), 0);
  }

  private byte[] wrap(ObjectNode fields, int msg) {
    ObjectNode print = fields.deepCopy();
    print.put("command", "push_status");
    print.put("msg", msg);
    print.put("sequence_id", String.valueOf(sequence.incrementAndGet()));
    ObjectNode root = JSON.createObjectNode();
    root.set("print", print);
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ faults

  /**
   * Closes every client connection (the printer stays reachable).
   * @since 0.1
   */
  public void dropConnections() {
    for (Conn c : conns) {
      c.close();
    }
  }

  /**
   * @param s true: stay connected but send nothing
   * @since 0.1
   */
  public synchronized void setSilent(boolean s) {
    silent = s;
  }

  synchronized boolean silent() {
    return silent;
  }

  /**
   * Sends a malformed report.
   * @since 0.1
   */
  public void sendMalformed() {
    raw("{\"print\": {\"gcode_state\": \"RUNN".getBytes(StandardCharsets.UTF_8));
  }

  /** Sends a report with wrong types (string progress, numeric state, id as number). */
  public void sendWrongTypes() {
    raw(("{\"print\":{\"command\":\"push_status\",\"msg\":1,\"mc_percent\":\"abc\","
        + "\"gcode_state\":5,\"task_id\":12,\"mc_remaining_time\":[1]}}")
        .getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sends a report with bytes that are not UTF-8.
   * @since 0.1
   */
  public void sendNonUtf8() {
    byte[] head = "{\"print\":{\"command\":\"push_status\",\"msg\":1,\"subtask_name\":\"Teil "
        .getBytes(StandardCharsets.US_ASCII);
    byte[] tail = "\"}}".getBytes(StandardCharsets.US_ASCII);
    byte[] b = new byte[head.length + 2 + tail.length];
    System.arraycopy(head, 0, b, 0, head.length);
    b[head.length] = (byte) 0xC3;
    b[head.length + 1] = (byte) 0x28; // an invalid UTF-8 sequence
    System.arraycopy(tail, 0, b, head.length + 2, tail.length);
    raw(b);
  }

  /**
   * Sends a very large report (about 300 KiB of AMS-like data).
   * @since 0.1
   */
  public void sendHuge() {
    StringBuilder sb = new StringBuilder("{\"print\":{\"command\":\"push_status\",\"msg\":1,"
        + "\"ams\":{\"tray\":[");
    for (int i = 0; i < 3000; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i)
          .append("\",\"tray_color\":\"FF0000FF\",\"remain\":87,\"tag_uid\":\"0000000000000000\"}");
    }
    raw(sb.append("]}}}").toString().getBytes(StandardCharsets.UTF_8));
  }

  private void raw(byte[] payload) {
    for (Conn c : conns) {
      if (c.subscribed) {
        c.send(payload);
      }
    }
  }

  // ------------------------------------------------------------------ kit interface

  @Override
  public void printing(String file, double p) {
    String name = file.replaceAll("(\\.gcode)?\\.3mf$", "");
    boolean same;
    String gs;
    synchronized (this) {
      same = name.equals(state.path("subtask_name").asText());
      gs = state.path("gcode_state").asText();
    }
    if (!same || !(gs.equals("RUNNING") || gs.equals("PAUSE"))) {
      startJob(file, JobKind.LAN);
    } else if (gs.equals("PAUSE")) {
      resume();
    }
    progress((int) Math.round(p), (int) Math.round(p * 2), 60);
  }

  @Override
  public void finished(String file) {
    finish();
  }

  @Override
  public void idle() {
    change(Map.of("gcode_state", "IDLE", "print_type", "idle"));
  }

  @Override
  public void setReachable(boolean reachable) {
    if (!reachable) {
      stopListening();
      dropConnections();
    } else if (!running) {
      listen(port);
    }
  }

  @Override
  public void sendGarbage() {
    sendMalformed();
    sendNonUtf8();
  }

  @Override
  public void close() {
    stopListening();
    dropConnections();
  }

  // ------------------------------------------------------------------ MQTT broker

  /**
   * Listens on {@code wanted}, or on a free port below Linux's ephemeral range (32768 and up)
   * when it is 0: a port from that range can be taken, while the simulator is unreachable, by a
   * client's outgoing connection, even the driver's own reconnect to it (a TCP self-connect),
   * and then the simulator could not come back on it.
   */
  private synchronized void listen(int wanted) {
    IOException last = null;
    java.util.Random random = new java.util.Random();
    for (int attempt = 0; attempt < (wanted == 0 ? 64 : 1); attempt++) {
      int candidate = wanted != 0 ? wanted : 20_000 + random.nextInt(12_000);
      try {
        SSLServerSocket s = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
        s.setReuseAddress(true);
        try {
          s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), candidate), 50);
        } catch (IOException e) {
          s.close();
          throw e;
        }
        s.setEnabledProtocols(new String[] {"TLSv1.2"});
        server = s;
        port = s.getLocalPort();
        running = true;
        last = null;
        break;
      } catch (IOException e) {
        last = e;
      }
    }
    if (last != null) {
      throw new IllegalStateException("cannot listen: " + last, last);
    }
    ServerSocket s = server;
    acceptor = new Thread(() -> accept(s), "bambu-sim-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void stopListening() {
    ServerSocket s;
    synchronized (this) {
      running = false;
      s = server;
      server = null;
    }
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  private void accept(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket sock = s.accept();
        Conn c = new Conn(sock);
        conns.add(c);
        Thread t = new Thread(c::run, "bambu-sim-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** One client connection. */
  private final class Conn {
    final Socket sock;
    final Object writeLock = new Object();
    volatile boolean subscribed;
    volatile boolean baselineSent;
    volatile boolean streaming = true;

    Conn(Socket sock) {
      this.sock = sock;
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
      if (!"bblp".equals(user) || pass == null || !java.security.MessageDigest.isEqual(
          pass.getBytes(StandardCharsets.UTF_8), accessCode.getBytes(StandardCharsets.UTF_8))) {
        write(new byte[] {0x20, 2, 0, 4}); // bad user name or password
        return false;
      }
      write(new byte[] {0x20, 2, 0, 0});
      connects.incrementAndGet();
      return true;
    }

    private boolean onSubscribe(byte[] b) throws IOException {
      int id = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
      String[] topic = new String[1];
      int p = str(b, 2, topic);
      if (!("device/" + serial + "/report").equals(topic[0])) {
        return profile == Profile.FULL && topic[0].equals("#") ? ack(id) : false;
      }
      if (p < b.length) {
        p++; // requested QoS
      }
      subscribed = true;
      ack(id);
      if (profile == Profile.FULL && !silent()) {
        sendFresh(BambuPrinterSimulator.this::full);
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
      if (!("device/" + serial + "/request").equals(topic[0])) {
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
        pushalls.incrementAndGet();
        if (!silent()) {
          sendFresh(BambuPrinterSimulator.this::full);
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
            + "\"ota\",\"sw_ver\":\"01.08.00.00\",\"sn\":\"" + serial + "\"}]}}")
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
      if (silent() || !streaming) {
        return;
      }
      byte[] topic = ("device/" + serial + "/report").getBytes(StandardCharsets.UTF_8);
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
      conns.remove(this);
      try {
        sock.close();
      } catch (IOException e) {
        // closing anyway
      }
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

  @Override
  public String toString() {
    return "BambuPrinterSimulator{" + serial + " " + profile + " on port " + port + "}";
  }

  /** @return the names of the fields in the current report (for tests) */
  synchronized List<String> fields() {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = state.fieldNames(); it.hasNext();) {
      out.add(it.next());
    }
    return out;
  }
}
