package dev.printernizer.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.jspecify.annotations.Nullable;

/**
 * Simulated Klipper printers behind Moonraker, sharing one WebSocket server (Java-WebSocket, its
 * selector and two decoder threads), in a JVM of their own ({@link #main}, driven by
 * {@link MoonrakerFleet} over standard input and output) so that neither their per-connection
 * memory nor their threads are counted as the library's. As in {@link PrusaFleet}, each printer
 * has its own loopback address ({@code 127.101.x.y}) and the server tells the printers apart by
 * the address a connection arrived at; the driver sees {@code n} hosts and opens {@code n}
 * sockets.
 *
 * <p>Each simulated Moonraker answers what a client asks on connect
 * ({@code server.connection.identify}, {@code printer.objects.subscribe},
 * {@code server.history.list}) and pushes what a real one pushes to every connection:
 * {@code notify_proc_stat_update} once a second (Moonraker's process statistics, about 800
 * bytes), and while printing a {@code notify_status_update} delta every 250 ms (Moonraker's
 * batching interval) with the progress and durations. A print start is
 * {@code notify_history_changed} "added", then the {@code print_stats} delta to printing.
 *
 * <p>The bare client: when detection begins, a second WebSocket per printer (the JDK client,
 * as the driver uses) identifies, subscribes to {@code print_stats} and stamps when the delta to
 * printing arrives: the physical limit our detection is compared with, in the same run. Stamps
 * are {@link System#nanoTime()}, which on Linux reads the system-wide monotonic clock, so the
 * engine's process can subtract them from its own.
 *
 * <p>Commands, one per line: {@code background}, {@code ready}, {@code messages},
 * {@code bare}, {@code start I}, {@code stamps}, {@code quit}.
 */
final class MoonrakerFleetServer {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final int n;
  private final Server server;
  private final ScheduledExecutorService ticker;
  private final ExecutorService bareExecutor;
  private final List<List<org.java_websocket.WebSocket>> connections;
  private final AtomicIntegerArray printing;
  private final AtomicIntegerArray prints;
  private final AtomicIntegerArray ready;
  private final AtomicInteger readyPrinters = new AtomicInteger();
  private final AtomicLongArray started;
  private final AtomicLongArray bareArrived;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicInteger jobIds = new AtomicInteger(0xE000);
  private final List<WebSocket> bare = new CopyOnWriteArrayList<>();
  private @Nullable HttpClient bareClient;
  private volatile long tick;

  MoonrakerFleetServer(int printers) throws IOException, InterruptedException {
    if (printers > 250 * 250) {
      throw new IllegalArgumentException("at most 62,500 Moonraker printers (loopback"
          + " addresses)");
    }
    this.n = printers;
    printing = new AtomicIntegerArray(n);
    prints = new AtomicIntegerArray(n);
    ready = new AtomicIntegerArray(n);
    started = new AtomicLongArray(n);
    bareArrived = new AtomicLongArray(n);
    connections = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      connections.add(new CopyOnWriteArrayList<>());
    }
    server = new Server();
    server.start();
    if (!server.up.await(10, TimeUnit.SECONDS) || server.getPort() <= 0) {
      throw new IllegalStateException("the simulated Moonraker server did not start");
    }
    ticker = Executors.newSingleThreadScheduledExecutor(ScaleHarness.named("scale-sim-tick"));
    bareExecutor = Executors.newFixedThreadPool(2, ScaleHarness.named("scale-sim-bare"));
  }

  static String host(int i) {
    return "127.101." + (i / 250) + "." + (i % 250 + 1);
  }

  private static int index(@Nullable InetSocketAddress local) {
    if (local == null) {
      return -1;
    }
    InetAddress a = local.getAddress();
    byte[] b = a.getAddress();
    if (b.length != 4 || b[0] != 127 || b[1] != 101) {
      return -1;
    }
    return (b[2] & 0xFF) * 250 + (b[3] & 0xFF) - 1;
  }

  // ------------------------------------------------------------------ the simulated Moonrakers

  /** What the server knows of one connection. */
  private static final class Conn {
    final int printer;
    boolean bare;
    boolean subscribed;

    Conn(int printer) {
      this.printer = printer;
    }
  }

  private final class Server extends WebSocketServer {
    final CountDownLatch up = new CountDownLatch(1);

    Server() {
      super(new InetSocketAddress(0), 2);
      setReuseAddr(true);
      setConnectionLostTimeout(0); // the driver pings on silence; no timer thread here
      setMaxPendingConnections(4096);
      setDaemon(true);
    }

    @Override
    public void onStart() {
      up.countDown();
    }

    @Override
    public void onOpen(org.java_websocket.WebSocket conn, ClientHandshake handshake) {
      int i = index(conn.getLocalSocketAddress());
      if (i < 0 || i >= n || !handshake.getResourceDescriptor().startsWith("/websocket")) {
        conn.close(1008, "unknown printer");
        return;
      }
      conn.setAttachment(new Conn(i));
      connections.get(i).add(conn);
    }

    @Override
    public void onClose(org.java_websocket.WebSocket conn, int code, String reason,
        boolean remote) {
      Conn c = conn.getAttachment();
      if (c != null) {
        connections.get(c.printer).remove(conn);
      }
    }

    @Override
    public void onMessage(org.java_websocket.WebSocket conn, String message) {
      Conn c = conn.getAttachment();
      if (c != null) {
        answer(conn, c, message);
      }
    }

    @Override
    public void onError(org.java_websocket.@Nullable WebSocket conn, Exception ex) {
      if (conn == null) {
        up.countDown(); // could not bind: the constructor's check names it
      }
    }
  }

  private void answer(org.java_websocket.WebSocket conn, Conn c, String message) {
    JsonNode req;
    try {
      req = JSON.readTree(message);
    } catch (IOException e) {
      return;
    }
    String id = req.path("id").asText();
    int i = c.printer;
    switch (req.path("method").asText()) {
      case "server.connection.identify" -> {
        c.bare = req.path("params").path("client_name").asText().equals("bare");
        send(conn, "{\"jsonrpc\":\"2.0\",\"result\":{\"connection_id\":" + conn.hashCode()
            + "},\"id\":" + id + "}");
      }
      case "printer.objects.subscribe" -> {
        boolean busy = printing.get(i) == 1;
        String file = busy ? printName(i) + ".gcode" : "";
        send(conn, "{\"jsonrpc\":\"2.0\",\"result\":{\"eventtime\":" + eventTime()
            + ",\"status\":{\"print_stats\":{\"state\":\"" + (busy ? "printing" : "standby")
            + "\",\"filename\":\"" + file + "\",\"print_duration\":0.0,\"total_duration\":0.0,"
            + "\"filament_used\":0.0,\"message\":\"\",\"info\":{\"current_layer\":null,"
            + "\"total_layer\":null}},\"virtual_sdcard\":{\"progress\":0.0,\"is_active\":" + busy
            + ",\"file_position\":0},\"display_status\":{\"progress\":0.0,\"message\":null},"
            + "\"webhooks\":{\"state\":\"ready\",\"state_message\":\"Printer is ready\"},"
            + "\"pause_resume\":{\"is_paused\":false}}},\"id\":" + id + "}");
        c.subscribed = true;
      }
      case "server.history.list" -> {
        send(conn, "{\"jsonrpc\":\"2.0\",\"result\":{\"count\":0,\"jobs\":[]},\"id\":" + id
            + "}");
        if (!c.bare && ready.getAndIncrement(i) == 0) {
          readyPrinters.incrementAndGet();
        }
      }
      default -> send(conn, "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":"
          + "\"Method not found\"},\"id\":" + id + "}");
    }
  }

  private static String eventTime() {
    return String.format(Locale.ROOT, "%.3f", System.nanoTime() / 1e9);
  }

  private void send(org.java_websocket.WebSocket conn, String text) {
    if (conn.isOpen()) {
      sent.incrementAndGet();
      conn.send(text);
    }
  }

  private void toPrinter(int i, String text) {
    for (org.java_websocket.WebSocket conn : connections.get(i)) {
      Conn c = conn.getAttachment();
      if (c != null && c.subscribed) {
        send(conn, text);
      }
    }
  }

  void startBackground() {
    ticker.scheduleAtFixedRate(this::tick, 50, 50, TimeUnit.MILLISECONDS);
  }

  /** Every 50 ms: proc stats for the printers whose second it is, deltas for the printing. */
  private void tick() {
    long k = tick++;
    for (int i = 0; i < n; i++) {
      if (ready.get(i) == 0) {
        continue;
      }
      if (i % 20 == k % 20) {
        toPrinter(i, procStats(k));
      }
      if (printing.get(i) == 1 && i % 5 == k % 5) {
        double progress = Math.min(0.99, (k % 2000) / 2000.0);
        toPrinter(i, "{\"jsonrpc\":\"2.0\",\"method\":\"notify_status_update\",\"params\":"
            + "[{\"print_stats\":{\"print_duration\":" + k / 20.0 + ",\"total_duration\":"
            + k / 20.0 + ",\"filament_used\":" + k / 10.0 + "},\"virtual_sdcard\":{\"progress\":"
            + progress + ",\"file_position\":" + k * 100 + "},\"display_status\":{\"progress\":"
            + progress + "}}," + eventTime() + "]}");
      }
    }
  }

  private static String procStats(long k) {
    return "{\"jsonrpc\":\"2.0\",\"method\":\"notify_proc_stat_update\",\"params\":[{"
        + "\"moonraker_stats\":{\"time\":" + eventTime() + ",\"cpu_usage\":1.52,\"memory\":"
        + "44112,\"mem_units\":\"kB\"},\"cpu_temp\":46.2,\"network\":{\"lo\":{\"rx_bytes\":"
        + (1_000_000 + k) + ",\"tx_bytes\":" + (1_000_000 + k) + ",\"rx_packets\":" + k
        + ",\"tx_packets\":" + k + ",\"rx_errs\":0,\"tx_errs\":0,\"rx_drop\":0,\"tx_drop\":0,"
        + "\"bandwidth\":812.4},\"wlan0\":{\"rx_bytes\":" + (9_000_000 + k) + ",\"tx_bytes\":"
        + (7_000_000 + k) + ",\"rx_packets\":" + k + ",\"tx_packets\":" + k + ",\"rx_errs\":0,"
        + "\"tx_errs\":0,\"rx_drop\":0,\"tx_drop\":0,\"bandwidth\":2311.7}},"
        + "\"system_cpu_usage\":{\"cpu\":3.1,\"cpu0\":2.9,\"cpu1\":3.4,\"cpu2\":2.8,\"cpu3\":3.3},"
        + "\"system_memory\":{\"total\":3884124,\"available\":3122512,\"used\":761612},"
        + "\"websocket_connections\":2}]}";
  }

  int ready() {
    return readyPrinters.get();
  }

  private volatile CountDownLatch bareReady = new CountDownLatch(0);

  /** Opens the bare client's sockets, one per printer, and waits until each has subscribed. */
  void openBare() {
    bareReady = new CountDownLatch(n);
    HttpClient client = HttpClient.newBuilder().executor(bareExecutor)
        .connectTimeout(Duration.ofSeconds(10)).build();
    bareClient = client;
    List<CompletableFuture<WebSocket>> opening = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int printer = i;
      opening.add(client.newWebSocketBuilder().buildAsync(URI.create("ws://" + host(i) + ":"
          + server.getPort() + "/websocket"), new BareListener(printer)));
    }
    for (CompletableFuture<WebSocket> f : opening) {
      WebSocket ws = f.join();
      bare.add(ws);
      var unused = ws.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"server.connection.identify\","
          + "\"params\":{\"client_name\":\"bare\",\"version\":\"1\",\"type\":\"other\","
          + "\"url\":\"-\"},\"id\":1}", true);
    }
    try {
      if (!bareReady.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("bare client: " + bareReady.getCount() + " of " + n
            + " sockets did not subscribe within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the bare client subscribed", e);
    }
  }

  /** The bare client's socket to one printer: identify, subscribe, stamp the print start. */
  private final class BareListener implements WebSocket.Listener {
    private final int printer;
    private final StringBuilder text = new StringBuilder();

    BareListener(int printer) {
      this.printer = printer;
    }

    @Override
    public @Nullable CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      long now = System.nanoTime();
      text.append(data);
      if (last) {
        String m = text.toString();
        text.setLength(0);
        if (m.contains("\"connection_id\"")) {
          var unused = ws.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"printer.objects.subscribe\","
              + "\"params\":{\"objects\":{\"print_stats\":[\"state\",\"filename\"]}},\"id\":2}",
              true);
        } else if (m.contains("\"eventtime\"") && m.contains("\"id\":2")) {
          bareReady.countDown();
        } else if (m.contains("\"state\":\"printing\"") && started.get(printer) != 0) {
          bareArrived.compareAndSet(printer, 0, now);
        }
      }
      ws.request(1);
      return null;
    }
  }

  void startPrint(int i) {
    int print = prints.incrementAndGet(i);
    String file = "scale_" + i + "_" + print + ".gcode";
    double epoch = System.currentTimeMillis() / 1000.0;
    String jobId = String.format(Locale.ROOT, "%06X", jobIds.incrementAndGet());
    started.set(i, System.nanoTime());
    printing.set(i, 1);
    toPrinter(i, "{\"jsonrpc\":\"2.0\",\"method\":\"notify_history_changed\",\"params\":[{"
        + "\"action\":\"added\",\"job\":{\"job_id\":\"" + jobId + "\",\"exists\":true,"
        + "\"end_time\":null,\"filament_used\":0.0,\"filename\":\"" + file + "\",\"metadata\":"
        + "{\"size\":1234567,\"slicer\":\"PrusaSlicer\",\"estimated_time\":3600},"
        + "\"print_duration\":0.0,\"status\":\"in_progress\",\"start_time\":" + epoch
        + ",\"total_duration\":0.0}}]}");
    toPrinter(i, "{\"jsonrpc\":\"2.0\",\"method\":\"notify_status_update\",\"params\":[{"
        + "\"print_stats\":{\"state\":\"printing\",\"filename\":\"" + file + "\","
        + "\"print_duration\":0.0,\"total_duration\":0.0,\"filament_used\":0.0,\"message\":\"\"},"
        + "\"virtual_sdcard\":{\"progress\":0.0,\"is_active\":true},\"display_status\":"
        + "{\"progress\":0.0}}," + eventTime() + "]}");
  }

  private String printName(int i) {
    return "scale_" + i + "_" + prints.get(i);
  }

  long messages() {
    return sent.get();
  }

  void close() {
    ticker.shutdownNow();
    for (WebSocket ws : bare) {
      ws.abort();
    }
    try {
      server.stop(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.nio.channels.ClosedSelectorException e) {
      // Java-WebSocket 1.6.0 closing many sockets can race its own selector's close: gone anyway
    }
    bareExecutor.shutdownNow();
    bareClient = null;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "MoonrakerFleetServer[%d printers]", n);
  }

  /**
   * The simulated fleet's JVM: {@code MoonrakerFleetServer PRINTERS}; prints {@code PORT p},
   * then answers commands from standard input (see the class comment) until {@code quit} or the
   * end of the input.
   *
   * @param args the printer count
   * @throws Exception if the server cannot start
   */
  public static void main(String[] args) throws Exception {
    MoonrakerFleetServer fleet = new MoonrakerFleetServer(Integer.parseInt(args[0]));
    java.io.PrintStream out = new java.io.PrintStream(new java.io.FileOutputStream(
        java.io.FileDescriptor.out), false, java.nio.charset.StandardCharsets.UTF_8);
    out.println("PORT " + fleet.server.getPort());
    out.flush();
    try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
        System.in, java.nio.charset.StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null && !line.equals("quit")) {
        String[] c = line.split(" ");
        switch (c[0]) {
          case "background" -> {
            fleet.startBackground();
            out.println("OK");
          }
          case "ready" -> out.println("READY " + fleet.ready());
          case "messages" -> out.println("MESSAGES " + fleet.messages());
          case "bare" -> {
            try {
              fleet.openBare();
              out.println("OK");
            } catch (RuntimeException e) {
              out.println("ERROR " + e.getMessage());
            }
          }
          case "start" -> fleet.startPrint(Integer.parseInt(c[1])); // no answer: not in the way
          case "stamps" -> {
            for (int i = 0; i < fleet.n; i++) {
              out.println("S " + i + " " + fleet.started.get(i) + " " + fleet.bareArrived.get(i));
            }
            out.println("END");
          }
          default -> out.println("ERROR unknown command " + c[0]);
        }
        out.flush();
      }
    } finally {
      fleet.close();
    }
    System.exit(0);
  }
}
