package dev.printernizer.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.Socket;
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
import org.jspecify.annotations.Nullable;

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
public final class BambuPrinterSimulator implements SimulatedPrinter {
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
  private final TestCertificates ca;
  /** The broker's listening socket; accepted connections become {@link SimMqttSession}s. */
  private final SimTlsListener listener;
  /** The printer's FTPS server (the print files). */
  private final SimFtpsServer ftps;
  private final List<SimMqttSession> conns = new CopyOnWriteArrayList<>();
  private final AtomicInteger sequence = new AtomicInteger(1000);
  private final AtomicInteger pushalls = new AtomicInteger();
  private final AtomicInteger connects = new AtomicInteger();

  // printer state, guarded by this
  private final ObjectNode state = JSON.createObjectNode();
  private boolean silent;
  private int taskCounter = 6400;
  private long cloudCounter = 530118400L;
  private String lastStartTime = "0";
  private static final byte[] NO_FILE = new byte[0];
  private byte @Nullable [] printFile;

  private BambuPrinterSimulator(String serial, String accessCode, Profile profile,
      TestCertificates ca, KeyStore keyStore) {
    this.serial = serial;
    this.accessCode = accessCode;
    this.profile = profile;
    this.ca = ca;
    this.listener = new SimTlsListener(keyStore, this::serve);
    this.ftps = new SimFtpsServer(keyStore, "bblp", accessCode);
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
    private @Nullable TestCertificates ca;
    private @Nullable KeyStore keyStore;

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
      s.listener.listen(0);
      return s;
    }
  }

  /**
   * @return the port
   * @since 0.1
   */
  public int port() {
    return listener.port();
  }

  /**
   * The printer's FTPS server: each started job puts a sliced 3MF there (LAN jobs at the root
   * under their file name, cloud jobs under {@code /cache/}); tests replace, remove or damage it
   * and set faults.
   *
   * @return the FTPS server (implicit TLS, session reuse required)
   * @since 0.3
   */
  public SimFtpsServer ftps() {
    return ftps;
  }

  /**
   * Sets the 3MF that jobs started from now on put on the FTPS server (default: a new
   * {@link SimThreeMf}).
   *
   * @param content the file's bytes (damaged ones too), or null to put none (a missing file)
   * @since 0.3
   */
  public synchronized void nextPrintFile(byte @Nullable [] content) {
    this.printFile = content == null ? NO_FILE : content.clone();
  }

  private synchronized byte @Nullable [] nextPrintFile() {
    if (printFile == NO_FILE) {
      return null;
    }
    return printFile != null ? printFile.clone() : new SimThreeMf().bytes();
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
    for (SimMqttSession c : conns) {
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
    byte[] threeMf = nextPrintFile();
    if (threeMf != null) {
      ftps.put(kind == JobKind.CLOUD ? "/cache/" + name + ".3mf" : "/" + file, threeMf);
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
    for (SimMqttSession c : conns) {
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
    for (SimMqttSession c : conns) {
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
    for (SimMqttSession c : conns) {
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

  /**
   * Unreachable: every connection is dropped and new ones are closed as soon as they are
   * accepted (the listening socket stays, as PrusaLinkSimulator's server does: closing and
   * re-binding the same port failed now and then with "Address already in use").
   */
  @Override
  public void setReachable(boolean reachable) {
    listener.setReachable(reachable);
    ftps.setReachable(reachable);
    if (!reachable) {
      dropConnections();
    }
  }

  @Override
  public void sendGarbage() {
    sendMalformed();
    sendNonUtf8();
  }

  @Override
  public void close() {
    listener.stop();
    ftps.close();
    dropConnections();
  }

  // ------------------------------------------------------------------ MQTT broker

  /** Serves one accepted connection as an MQTT broker session, on its own thread. */
  private void serve(Socket sock) {
    SimMqttSession c = new SimMqttSession(sock, new MqttHost());
    conns.add(c);
    Thread t = new Thread(c::run, "bambu-sim-conn");
    t.setDaemon(true);
    t.start();
  }

  /** What a broker session needs of this printer (kept off the simulator's public API). */
  private final class MqttHost implements SimMqttSession.Host {
    @Override
    public String serial() {
      return serial;
    }

    @Override
    public boolean accepts(@Nullable String user, @Nullable String password) {
      return "bblp".equals(user) && password != null && java.security.MessageDigest.isEqual(
          password.getBytes(StandardCharsets.UTF_8), accessCode.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean fullReports() {
      return profile == Profile.FULL;
    }

    @Override
    public boolean silent() {
      return BambuPrinterSimulator.this.silent();
    }

    @Override
    public byte[] fullReport() {
      return full();
    }

    @Override
    public void connected() {
      connects.incrementAndGet();
    }

    @Override
    public void pushallRequested() {
      pushalls.incrementAndGet();
    }

    @Override
    public void closed(SimMqttSession session) {
      conns.remove(session);
    }
  }

  @Override
  public String toString() {
    return "BambuPrinterSimulator{" + serial + " " + profile + " on port " + listener.port()
        + "}";
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
