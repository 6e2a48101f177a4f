package dev.printernizer.driver.bambu.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectRestrictions;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectRestrictions;
import dev.printernizer.api.ConnectionProblem;
import dev.printernizer.api.Job;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.Thumbnail;
import dev.printernizer.spi.DriverContext;
import dev.printernizer.spi.PrintFileReader;
import dev.printernizer.spi.PrinterDriver;
import dev.printernizer.time.EngineClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Bambu Lab printer over its LAN MQTT broker: subscribes to exactly
 * {@code device/<serial>/report}, asks for a full report ({@code pushall}) on every connect, keeps
 * a merged copy of the report (P1/A1 send deltas), reports nothing until the first full report
 * after a connect, and watches for silence.
 */
public final class BambuDriver implements PrinterDriver, PrintFileReader {
  private static final Logger LOG = LoggerFactory.getLogger(BambuDriver.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_REPORT = 2 << 20;
  /**
   * Largest MQTT packet read from a printer: a report of {@link #MAX_REPORT} bytes plus its
   * topic and headers. Enforced by HiveMQ's decoder right after the fixed header, so a larger
   * packet is never buffered.
   */
  static final int MAX_PACKET = MAX_REPORT + 1024;
  private static final Mqtt3ConnectRestrictions LIMITS = receiveLimit(MAX_PACKET);
  /** Least time between two pushall requests (Bambu Studio uses 3 s). */
  static final Duration PUSHALL_MIN = Duration.ofSeconds(3);
  /** After a silence alarm, how long to wait for data before reconnecting. */
  static final Duration SILENCE_GRACE = Duration.ofSeconds(30);
  private static final Duration AUTH_BACKOFF = Duration.ofMinutes(5);
  /** How long the driver waits for the printer's CONNACK. */
  static final Duration MQTT_CONNECT_TIMEOUT = Duration.ofSeconds(15);
  private static final AtomicInteger SEQ = new AtomicInteger(20000);

  private final PrinterConfig config;
  private final String serial;
  private final String reportTopic;
  private final String requestTopic;
  private final Mqtt3ClientBuilder builder;
  private final Duration watchdog;
  private final Duration safetyPushall;
  private final ConnectionFailures failures;
  private final byte[] secret;
  private final @Nullable BambuFileReader files;
  private volatile @Nullable Mqtt3AsyncClient client;
  private volatile @Nullable DriverContext ctx;
  private volatile boolean closed;
  private volatile EngineClock.@Nullable Cancellable timer;

  // guarded by this
  private @Nullable ObjectNode merged;
  private boolean baseline;
  private final ReportMapper mapper = new ReportMapper();
  private long lastMessageTick;
  private long lastPushallTick;
  private boolean pushallEver;
  private long silenceAlarmTick;
  private boolean silenceAlarm;
  private long lastSafetyTick;
  private int attempts;
  private boolean lostReported;
  private @Nullable String lastProblem;
  private volatile @Nullable String tlsProblem;

  /**
   * @param config the printer (host, port, serial, access code)
   * @param trust how to verify the printer's certificate, or null for plain MQTT (test brokers
   *     and firmware that exposes 1883 only)
   * @param watchdog silence before the driver asks for data again
   * @param safetyPushall interval of a safety-net pushall, or zero for none
   */
  public BambuDriver(PrinterConfig config, javax.net.ssl.@Nullable TrustManagerFactory trust,
      Duration watchdog, Duration safetyPushall) {
    this(config, trust, watchdog, safetyPushall, MQTT_CONNECT_TIMEOUT);
  }

  /** As the public constructor, with the time the driver waits for CONNACK (for tests). */
  BambuDriver(PrinterConfig config, javax.net.ssl.@Nullable TrustManagerFactory trust,
      Duration watchdog,
      Duration safetyPushall, Duration mqttConnectTimeout) {
    this.config = config;
    this.serial = config.serial().orElseThrow();
    this.reportTopic = "device/" + serial + "/report";
    this.requestTopic = "device/" + serial + "/request";
    this.watchdog = watchdog;
    this.safetyPushall = safetyPushall;
    MqttClientSslConfig ssl = trust == null ? null : MqttClientSslConfig.builder()
        .trustManagerFactory(ExplainingTrust.wrap(trust, this::tlsProblem))
        .protocols(java.util.List.of("TLSv1.2")) // some firmware never answers TLS 1.3
        .handshakeTimeout(10, TimeUnit.SECONDS)
        .hostnameVerifier((host, session) -> {
          String cn = BambuTls.peerCn(session);
          boolean ok = cn != null && cn.equals(serial); // exact: the serial is also the topic
          if (!ok) {
            tlsProblem(cn == null ? "the certificate names no serial (no CN), configured " + serial
                : "the certificate names serial " + cn + ", configured " + serial);
          }
          return ok;
        })
        .build();
    String clientId = config.options().getOrDefault("client_id",
        "printernizer-" + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + "-"
            + serial);
    String host = config.host().orElseThrow();
    int port = config.port() > 0 ? config.port() : ssl == null ? 1883 : 8883;
    this.failures = new ConnectionFailures(host + ":" + port, MAX_PACKET,
        mqttConnectTimeout.toSeconds());
    this.secret = config.credential().orElseThrow().reveal().getBytes(StandardCharsets.UTF_8);
    boolean readFiles = !"off".equalsIgnoreCase(config.options().getOrDefault("print_file", "on"));
    this.files = trust == null || !readFiles ? null : new BambuFileReader(host,
        Integer.parseInt(config.options().getOrDefault("ftps_port", "990").trim()), serial, secret,
        trust); // its refusals are the read's error, not the MQTT connection's problem
    MqttClientTransportConfig transport = MqttClientTransportConfig.builder()
        .serverHost(host).serverPort(port).sslConfig(ssl)
        .socketConnectTimeout(10, TimeUnit.SECONDS)
        .mqttConnectTimeout(mqttConnectTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .build();
    this.builder = MqttClient.builder().useMqttVersion3()
        .identifier(clientId)
        .transportConfig(transport)
        .simpleAuth().username("bblp").password(secret).applySimpleAuth()
        .addConnectedListener(c -> onConnected())
        .addDisconnectedListener(this::onDisconnected);
  }

  /** @param problem what the TLS check found wrong (from the verifier) */
  void tlsProblem(String problem) {
    tlsProblem = problem;
  }

  @Override
  public void start(DriverContext context) {
    this.ctx = context;
    Mqtt3AsyncClient c = builder.buildAsync();
    client = c;
    synchronized (this) {
      lastMessageTick = context.clock().ticks();
      lastSafetyTick = lastMessageTick;
    }
    connect(c);
    scheduleTimer();
  }

  /**
   * The MQTT 3 API of the HiveMQ client has no setting for the largest packet it accepts (its
   * restrictions are send-side only), but its decoder enforces the maximum packet size of the
   * CONNECT's restrictions for every protocol version, before buffering a packet. MQTT 3.1.1 has
   * no property to send it in, so it stays local. The MQTT 5 restrictions builder makes the same
   * object the MQTT 3 builder accepts; this is checked here, and OversizedPacketTest proves the
   * limit holds.
   */
  static Mqtt3ConnectRestrictions receiveLimit(int maxPacket) {
    Mqtt5ConnectRestrictions r = Mqtt5ConnectRestrictions.builder().maximumPacketSize(maxPacket)
        .build();
    if (!(r instanceof Mqtt3ConnectRestrictions)) {
      throw new IllegalStateException("this HiveMQ client cannot limit the MQTT 3 packet size");
    }
    return (Mqtt3ConnectRestrictions) r;
  }

  private static void connect(Mqtt3AsyncClient c) {
    c.connectWith().cleanSession(true).keepAlive(30).restrictions(LIMITS).send();
  }

  // ------------------------------------------------------------------ connection

  /** The engine's context; set by {@link #start} before any callback can run. */
  private DriverContext ctx() {
    DriverContext c = ctx;
    if (c == null) {
      throw new IllegalStateException("printer " + config.id() + ": driver not started");
    }
    return c;
  }

  /** The MQTT client; set by {@link #start} before any callback can run. */
  private Mqtt3AsyncClient client() {
    Mqtt3AsyncClient c = client;
    if (c == null) {
      throw new IllegalStateException("printer " + config.id() + ": driver not started");
    }
    return c;
  }

  private void onConnected() {
    if (closed) {
      var unused = client().disconnect(); // close() ran while this connection was being made
      return;
    }
    tlsProblem = null;
    synchronized (this) {
      // attempts are reset by the first report, not here: a printer that drops the link right
      // after CONNACK (too many clients, an unexpected topic) must not cause a reconnect storm
      baseline = false;
      merged = null;
      mapper.reset();
      silenceAlarm = false;
      lastMessageTick = ctx().clock().ticks();
      lastProblem = null;
    }
    LOG.info("printer {}: connected to {}", config.id(), config.host().orElse("?"));
    // a fresh subscription (with its callback) on every connect; the reconnector does not
    // resubscribe by itself, so there is exactly one callback per connection
    // reports are handled on the connection's network thread (parsing a report takes
    // microseconds and nothing here blocks: the engine takes the snapshot on its own lane), which
    // saves a hop through HiveMQ's shared computation pool on every report
    // a failed subscription ends in a disconnect, which onDisconnected reports
    var unused = client().subscribeWith().topicFilter(reportTopic).qos(MqttQos.AT_MOST_ONCE)
        .callback(p -> onMessage(p.getPayloadAsBytes())).executor(Runnable::run).send()
        .thenRun(() -> requestPushall(true));
  }

  private void onDisconnected(MqttClientDisconnectedContext c) {
    Throwable cause = c.getCause();
    String reason = describe(cause);
    String tls = tlsProblem;
    tlsProblem = null; // found by this attempt's handshake; the next attempt starts clean
    ConnectionFailures.Failure failure = failures.classify(cause, tls);
    boolean authRefused = failure != null
        && failure.kind() == ConnectionProblem.Kind.AUTHENTICATION_REFUSED;
    long delayMs;
    boolean report;
    synchronized (this) {
      baseline = false;
      merged = null;
      mapper.reset(); // derived states (RUNNING -> IDLE = cancelled) never span two connections
      attempts++;
      long base = Math.min(60_000L, 1000L << Math.min(attempts - 1, 6));
      delayMs = authRefused ? AUTH_BACKOFF.toMillis()
          : base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1); // jitter
      report = !lostReported;
      lostReported = true;
      if (!reason.equals(lastProblem)) {
        lastProblem = reason;
        if (failure != null) { // the engine logs the kind and detail once per outage
          LOG.debug("printer {}: disconnected ({}); retrying in {} ms", config.id(),
              safe(reason), delayMs);
        } else if (c.getSource() != MqttDisconnectSource.USER) {
          LOG.warn("printer {}: disconnected ({}); reconnecting", config.id(), safe(reason));
        }
      }
    }
    if (closed || c.getSource() == MqttDisconnectSource.USER) {
      c.getReconnector().reconnect(false);
    } else {
      c.getReconnector().reconnect(true).resubscribeIfSessionExpired(false)
          .delay(delayMs, TimeUnit.MILLISECONDS);
    }
    if (closed) {
      return;
    }
    if (failure != null) { // every time: the engine logs once per kind, and learns the next retry
      ctx().connectionProblem(failure.kind(), safe(failure.detail()), Duration.ofMillis(delayMs));
    } else if (report) {
      ctx().connectionLost(safe(reason));
    }
  }

  private static String describe(Throwable cause) {
    return cause == null ? "disconnected" : cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }

  /** Blanks the access code, should any text from elsewhere ever contain it. */
  private String safe(@Nullable String text) {
    if (text == null) {
      return "";
    }
    String code = new String(secret, StandardCharsets.UTF_8);
    return code.length() < 4 || !text.contains(code) ? text : text.replace(code, "[access code]");
  }

  // ------------------------------------------------------------------ reports

  private void onMessage(byte[] payload) {
    if (closed) {
      return;
    }
    ObjectNode root = ReportReader.parse(payload, MAX_REPORT, this::badInput);
    if (root == null) {
      return;
    }
    ObjectNode print = ReportReader.printSection(root, this::badInput);
    synchronized (this) {
      lastMessageTick = ctx().clock().ticks();
      silenceAlarm = false;
      lostReported = false;
      attempts = 0;
      lastProblem = null;
      if (print == null) {
        return; // info, system, acks: nothing for job tracking
      }
      JsonNode msg = print.get("msg");
      int kind = msg == null ? -1 : msg.isNumber() ? msg.asInt() : parseInt(msg.asText());
      LOG.debug("printer {}: report of {} bytes, msg {}, baseline {}", config.id(),
          payload.length, kind, baseline);
      if (kind == 0) {
        merged = JSON.createObjectNode();
        ReportReader.keep(merged, print, this::badInput);
        baseline = true;
      } else if (baseline && merged != null) {
        ReportReader.keep(merged, print, this::badInput);
      } else {
        requestPushall(false); // a delta before any full report: ask for one
        return;
      }
      try {
        ctx().publish(mapper.map(config.id(), merged, ctx().clock().instant()));
      } catch (IllegalArgumentException e) {
        badInput("impossible values", "a report the engine refused (" + e.getMessage() + ")");
      }
    }
  }

  private static int parseInt(String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Skipped input goes to the engine, which counts it and logs each kind once per link. */
  private void badInput(String kind, @Nullable String detail) {
    ctx().badInput(kind, safe(detail));
  }

  // ------------------------------------------------------------------ requests and watchdog

  private void requestPushall(boolean force) {
    long now = ctx().clock().ticks();
    synchronized (this) {
      if (!force && pushallEver && now - lastPushallTick < PUSHALL_MIN.toNanos()) {
        return;
      }
      lastPushallTick = now;
      pushallEver = true;
    }
    send("{\"pushing\":{\"sequence_id\":\"" + nextSeq() + "\",\"command\":\"pushall\","
        + "\"version\":1,\"push_target\":1}}");
  }

  private static int nextSeq() {
    int s = SEQ.incrementAndGet();
    if (s > 29_999) {
      SEQ.set(20_000);
    }
    return s;
  }

  /** Publishes a request, only while connected: nothing is queued and replayed later. */
  private void send(String json) {
    Mqtt3AsyncClient c = client;
    if (c == null || closed || !c.getState().isConnected()) {
      return;
    }
    c.publishWith().topic(requestTopic).qos(MqttQos.AT_LEAST_ONCE)
        .payload(json.getBytes(StandardCharsets.UTF_8)).send();
  }

  private void scheduleTimer() {
    if (!closed) {
      timer = ctx().clock().schedule(Duration.ofSeconds(5), this::onTimer);
    }
  }

  private void onTimer() {
    try {
      Mqtt3AsyncClient c = client;
      if (closed || c == null) {
        return;
      }
      long now = ctx().clock().ticks();
      boolean pushStart = false;
      boolean reconnect = false;
      boolean safety = false;
      synchronized (this) {
        if (c.getState().isConnected()) {
          if (!silenceAlarm && now - lastMessageTick >= watchdog.toNanos()) {
            silenceAlarm = true;
            silenceAlarmTick = now;
            pushStart = true;
          } else if (silenceAlarm && now - silenceAlarmTick >= SILENCE_GRACE.toNanos()) {
            silenceAlarm = false;
            lastMessageTick = now; // the new connection gets a full watchdog period
            reconnect = true;
          }
          if (!safetyPushall.isZero() && now - lastSafetyTick >= safetyPushall.toNanos()) {
            lastSafetyTick = now;
            safety = true;
          }
        }
      }
      if (pushStart) {
        LOG.info("printer {}: no report for {} s; asking the printer to push again (check the"
            + " serial's letter case and the printer's limit of MQTT clients if this repeats)",
            config.id(), watchdog.toSeconds());
        send("{\"pushing\":{\"sequence_id\":\"" + nextSeq() + "\",\"command\":\"start\"}}");
        requestPushall(true);
      } else if (reconnect) {
        LOG.warn("printer {}: still silent; reconnecting", config.id());
        var unused = c.disconnect().whenComplete((v, t) -> {
          if (!closed) {
            connect(c);
          }
        });
      } else if (safety) {
        requestPushall(false);
      }
    } finally {
      scheduleTimer();
    }
  }

  /**
   * Reads the job's 3MF over FTPS (see {@link BambuFileReader}); nothing without TLS (plain MQTT
   * test brokers) or with option {@code print_file: off}.
   */
  @Override
  public Optional<PrintFile> readPrintFile(Job job) throws IOException {
    BambuFileReader f = files;
    if (f == null || closed) {
      return Optional.empty();
    }
    return f.read(job);
  }

  /** The plate's picture, read with the description (no second FTPS session). */
  @Override
  public Optional<Thumbnail> readThumbnail(Job job) {
    BambuFileReader f = files;
    return f == null ? Optional.empty() : f.thumbnail(job);
  }

  @Override
  public void close() {
    closed = true;
    EngineClock.Cancellable t = timer;
    if (t != null) {
      t.cancel();
    }
    Mqtt3AsyncClient c = client;
    if (c != null) {
      try {
        c.disconnect().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // not connected (or already closing): nothing to wait for
      }
    }
  }

  @Override
  public String toString() {
    return "BambuDriver{" + config.id() + " serial=" + serial + " at " + config.host().orElse("?")
        + "}";
  }
}
