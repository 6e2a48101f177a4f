package dev.printernizer.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Simulated Bambu printers sharing a few Mosquitto brokers (started here, one per
 * {@value #PER_BROKER} printers), with the report cadence of real printers: a delta about once a
 * second while printing, every 3 s when idle, a full report (a recorded 5 KiB P1S report) on every
 * {@code pushall}. One MQTT client per broker plays all its printers; a second, bare client per
 * broker subscribes to every report and records when each print's start arrives: the physical
 * limit our detection is compared with. The simulator's clients run on their own threads (named
 * {@code scale-sim-*}), apart from the drivers' shared event loop.
 *
 * <p>The drivers speak plain MQTT ({@code transport=plain}) to the brokers: one broker cannot
 * present a certificate whose CN is each printer's serial. TLS costs a handshake per connection
 * and symmetric encryption per message on both sides; it is not in these figures.
 */
final class BambuFleet implements ScaleHarness.Fleet {

  static final int PER_BROKER = 2_500;
  private static final String START_MARK = "\"gcode_state\":\"RUNNING\"";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int n;
  private final Path dir;
  private final List<Process> brokers = new ArrayList<>();
  private final int[] ports;
  private final List<Mqtt3AsyncClient> players = new ArrayList<>();
  private final List<Mqtt3AsyncClient> bare = new ArrayList<>();
  private final ExecutorService netty;
  private final ExecutorService bareNetty;
  private final ExecutorService app;
  private final ScheduledExecutorService ticker;
  private final ObjectNode fullTemplate;
  /** 0 idle, 1 printing. */
  private final AtomicIntegerArray printing;
  private final AtomicIntegerArray asked;
  private final AtomicInteger askedPrinters = new AtomicInteger();
  private final AtomicLongArray started;
  private final AtomicLongArray bareArrived;
  private final AtomicIntegerArray prints;
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private volatile long tick;

  BambuFleet(int printers) throws IOException, InterruptedException {
    this.n = printers;
    Path mosquitto = Path.of("/usr/sbin/mosquitto");
    if (!Files.isExecutable(mosquitto)) {
      throw new IllegalStateException("/usr/sbin/mosquitto is missing (Debian package"
          + " mosquitto; .ci/run installs it): the Bambu scale run needs it");
    }
    printing = new AtomicIntegerArray(n);
    asked = new AtomicIntegerArray(n);
    started = new AtomicLongArray(n);
    bareArrived = new AtomicLongArray(n);
    prints = new AtomicIntegerArray(n);
    try (InputStream in = BambuFleet.class.getResourceAsStream("bambu-full-report.json")) {
      fullTemplate = (ObjectNode) JSON.readTree(in).get("print");
    }
    dir = Files.createTempDirectory("printernizer-scale-mqtt");
    netty = Executors.newCachedThreadPool(ScaleHarness.named("scale-sim-netty"));
    // the bare subscribers get their own network thread: the players' publishing must not
    // delay their arrival stamps
    bareNetty = Executors.newCachedThreadPool(ScaleHarness.named("scale-sim-bare-netty"));
    app = Executors.newFixedThreadPool(2, ScaleHarness.named("scale-sim-app"));
    ticker = Executors.newSingleThreadScheduledExecutor(ScaleHarness.named("scale-sim-tick"));
    int brokerCount = (n + PER_BROKER - 1) / PER_BROKER;
    ports = new int[brokerCount];
    try {
      for (int b = 0; b < brokerCount; b++) {
        ports[b] = startBroker(mosquitto, b);
      }
      for (int b = 0; b < brokerCount; b++) {
        connectClients(b);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private int startBroker(Path mosquitto, int b) throws IOException, InterruptedException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path conf = dir.resolve("broker-" + b + ".conf");
    // "user": mosquitto started as root would drop to the mosquitto user otherwise
    Files.writeString(conf, "user " + System.getProperty("user.name") + "\n"
        + "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
        + "set_tcp_nodelay true\nmax_queued_messages 10000\nlog_dest stderr\n"
        + "log_type error\nlog_type warning\n");
    Process p = new ProcessBuilder(mosquitto.toString(), "-c", conf.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("broker-" + b + ".log").toFile())
        .start();
    brokers.add(p);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.shutdownOutput();
        return port;
      } catch (IOException e) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("mosquitto did not start on port " + port + ": "
              + Files.readString(dir.resolve("broker-" + b + ".log")));
        }
        Thread.sleep(50);
      }
    }
  }

  private MqttClientExecutorConfig executors(ExecutorService network, int threads) {
    return MqttClientExecutorConfig.builder().nettyExecutor(network).nettyThreads(threads)
        .applicationScheduler(io.reactivex.schedulers.Schedulers.from(app)).build();
  }

  private void connectClients(int b) {
    Mqtt3AsyncClient player = MqttClient.builder().useMqttVersion3()
        .identifier("scale-sim-player-" + b).serverHost("127.0.0.1").serverPort(ports[b])
        .executorConfig(executors(netty, 2)).buildAsync();
    player.connectWith().cleanSession(true).keepAlive(60).send().join();
    player.subscribeWith().topicFilter("device/+/request").qos(MqttQos.AT_MOST_ONCE)
        .callback(p -> app.execute(() -> onRequest(p))).send().join();
    players.add(player);
    Mqtt3AsyncClient watcher = MqttClient.builder().useMqttVersion3()
        .identifier("scale-sim-bare-" + b).serverHost("127.0.0.1").serverPort(ports[b])
        .executorConfig(executors(bareNetty, 1)).buildAsync();
    watcher.connectWith().cleanSession(true).keepAlive(60).send().join();
    // no executor: the arrival is stamped on the client's own network thread
    watcher.subscribeWith().topicFilter("device/+/report").qos(MqttQos.AT_MOST_ONCE)
        .callback(this::onBareReport).send().join();
    bare.add(watcher);
  }

  static String serial(int i) {
    return String.format(java.util.Locale.ROOT, "01P00A%09d", i);
  }

  private static int index(String topic) {
    // device/01P00A000000123/report
    return Integer.parseInt(topic.substring(13, 22));
  }

  @Override
  public PrinterConfig config(int i) {
    return PrinterConfig.builder(PrinterId.of("s" + i), "bambu").host("127.0.0.1")
        .port(ports[i / PER_BROKER]).serial(serial(i)).credential(Secret.of("12345678"))
        .option("transport", "plain").build();
  }

  private Mqtt3AsyncClient player(int i) {
    return players.get(i / PER_BROKER);
  }

  private void onRequest(Mqtt3Publish p) {
    String topic = p.getTopic().toString();
    String body = new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
    if (!body.contains("pushall")) {
      return;
    }
    int i = index(topic);
    if (asked.getAndIncrement(i) == 0) {
      askedPrinters.incrementAndGet();
    }
    ObjectNode full = fullTemplate.deepCopy();
    full.put("msg", 0);
    full.put("sequence_id", String.valueOf(sequence.incrementAndGet()));
    if (printing.get(i) == 1) {
      String name = "scale_" + i + "_" + prints.get(i);
      full.put("gcode_state", "RUNNING").put("subtask_name", name)
          .put("gcode_file", name + ".gcode.3mf").put("mc_percent", 1).put("layer_num", 1)
          .put("total_layer_num", 100);
    } else {
      full.put("gcode_state", "IDLE").put("subtask_name", "").put("gcode_file", "")
          .put("print_type", "idle").put("mc_percent", 0).put("layer_num", 0)
          .put("total_layer_num", 0).put("stg_cur", 255);
    }
    ObjectNode root = JSON.createObjectNode();
    root.set("print", full);
    send(i, root.toString());
  }

  private void onBareReport(Mqtt3Publish p) {
    long now = System.nanoTime();
    byte[] b = p.getPayloadAsBytes();
    if (contains(b, START_MARK)) {
      int i = index(p.getTopic().toString());
      if (started.get(i) != 0) {
        bareArrived.compareAndSet(i, 0, now);
      }
    }
  }

  private static boolean contains(byte[] hay, String needle) {
    byte[] nb = needle.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i + nb.length <= hay.length; i++) {
      for (int k = 0; k < nb.length; k++) {
        if (hay[i + k] != nb[k]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private void send(int i, String json) {
    published.incrementAndGet();
    player(i).publishWith().topic("device/" + serial(i) + "/report").qos(MqttQos.AT_MOST_ONCE)
        .payload(json.getBytes(StandardCharsets.UTF_8)).send();
  }

  @Override
  public void startBackground() {
    ticker.scheduleAtFixedRate(this::tick, 100, 100, TimeUnit.MILLISECONDS);
  }

  /** Every 100 ms: the printers whose turn it is send a delta (1 s printing, 3 s idle). */
  private void tick() {
    long k = tick++;
    for (int i = 0; i < n; i++) {
      if (asked.get(i) == 0) {
        continue; // not connected yet: nobody listens
      }
      boolean busy = printing.get(i) == 1;
      if (busy && i % 10 == k % 10) {
        long layer = Math.min(99, (k / 10) % 100);
        send(i, "{\"print\":{\"layer_num\":" + layer + ",\"mc_percent\":" + layer
            + ",\"mc_remaining_time\":" + (100 - layer) + ",\"mc_print_line_number\":\""
            + k + "\",\"command\":\"push_status\",\"msg\":1,\"sequence_id\":\""
            + sequence.incrementAndGet() + "\"}}");
      } else if (!busy && i % 30 == k % 30) {
        send(i, "{\"print\":{\"bed_temper\":24.0,\"nozzle_temper\":26.0,\"wifi_signal\":"
            + "\"-48dBm\",\"command\":\"push_status\",\"msg\":1,\"sequence_id\":\""
            + sequence.incrementAndGet() + "\"}}");
      }
    }
  }

  @Override
  public void beginDetection() {
    // the bare subscriber stamps only print starts, which begin now
  }

  @Override
  public int ready() {
    return askedPrinters.get();
  }

  @Override
  public void startPrint(int i) {
    String name = "scale_" + i + "_" + prints.incrementAndGet(i);
    String json = "{\"print\":{\"gcode_state\":\"RUNNING\",\"subtask_name\":\"" + name
        + "\",\"gcode_file\":\"" + name + ".gcode.3mf\",\"print_type\":\"local\","
        + "\"mc_percent\":0,\"layer_num\":0,\"total_layer_num\":100,\"mc_remaining_time\":60,"
        + "\"stg_cur\":0,\"task_id\":\"0\",\"subtask_id\":\"0\",\"job_id\":\"0\","
        + "\"command\":\"push_status\",\"msg\":1,\"sequence_id\":\"" + sequence.incrementAndGet()
        + "\"}}";
    started.set(i, System.nanoTime());
    printing.set(i, 1);
    send(i, json);
  }

  /** Ends printer {@code i}'s print with FINISH (the isolation scenario). */
  void finishPrint(int i) {
    printing.set(i, 0);
    send(i, "{\"print\":{\"gcode_state\":\"FINISH\",\"mc_percent\":100,\"layer_num\":100,"
        + "\"mc_remaining_time\":0,\"command\":\"push_status\",\"msg\":1,\"sequence_id\":\""
        + sequence.incrementAndGet() + "\"}}");
  }

  /** @return the job name of printer {@code i}'s current or last print */
  String printName(int i) {
    return "scale_" + i + "_" + prints.get(i);
  }

  @Override
  public long startedAt(int i) {
    return started.get(i);
  }

  @Override
  public long[] bareLatencies() {
    long[] out = new long[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (started.get(i) != 0 && bareArrived.get(i) != 0) {
        out[k++] = bareArrived.get(i) - started.get(i);
      }
    }
    return java.util.Arrays.copyOf(out, k);
  }

  @Override
  public String bareDescription() {
    return "bare MQTT subscriber: print-start report published by the simulated printer to its"
        + " arrival at a plain HiveMQ client subscribed to the same broker";
  }

  @Override
  public long externalCpuNanos() {
    long sum = 0;
    for (Process p : brokers) {
      sum += ScaleHarness.processCpuNanos(p.pid());
    }
    return sum;
  }

  @Override
  public String externalDescription() {
    return brokers.size() + " Mosquitto broker" + (brokers.size() == 1 ? "" : "s");
  }

  @Override
  public long messages() {
    return published.get();
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    List<java.util.concurrent.CompletableFuture<Void>> gone = new ArrayList<>();
    for (Mqtt3AsyncClient c : players) {
      gone.add(c.disconnect());
    }
    for (Mqtt3AsyncClient c : bare) {
      gone.add(c.disconnect());
    }
    try { // before the executors go: late callbacks on a shut-down executor only make noise
      java.util.concurrent.CompletableFuture.allOf(gone.toArray(
          new java.util.concurrent.CompletableFuture<?>[0])).get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // closing anyway
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Process p : brokers) {
      p.destroy();
    }
    for (Process p : brokers) {
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    netty.shutdownNow();
    bareNetty.shutdownNow();
    app.shutdownNow();
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
