package dev.printernizer.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.jspecify.annotations.Nullable;

/**
 * A Klipper printer behind Moonraker on loopback: a WebSocket JSON-RPC 2.0 server at
 * {@code /websocket} that answers {@code server.connection.identify}, {@code server.info},
 * {@code printer.objects.subscribe} (the full status of the asked objects, then
 * {@code notify_status_update} with only the changed fields), {@code server.history.list} and
 * {@code server.history.get_job}, and sends {@code notify_klippy_ready/shutdown/disconnected} and
 * {@code notify_history_changed} (added / finished, with hex job ids that increase). Optional API
 * key: without {@code X-Api-Key} on the upgrade or {@code api_key} in identify every call but
 * identify is refused with JSON-RPC error -32602 ("Unauthorized"), as Moonraker answers an
 * unauthenticated socket. Faults: dropped connections, silence, garbage, an oversized message.
 *
 * <p>Thread-safe; the test steers it from any thread. Objects and their fields follow Klipper's
 * {@code print_stats}, {@code virtual_sdcard}, {@code display_status}, {@code webhooks} and
 * {@code pause_resume}.
 *
 * @since 0.4
 */
public final class MoonrakerSimulator implements SimulatedPrinter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> OBJECTS = List.of("print_stats", "virtual_sdcard",
      "display_status", "webhooks", "pause_resume");

  private final @Nullable String apiKey;
  private final Server server;
  private final Map<WebSocket, Session> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger identifies = new AtomicInteger();
  private final AtomicInteger historyLists = new AtomicInteger();
  // the printer, guarded by this
  private ObjectNode status = SimMoonrakerJson.initialStatus();
  private final SimMoonrakerHistory history = new SimMoonrakerHistory();
  private double startEpoch;
  private boolean reachable = true;
  private boolean silent;
  private int garbage;
  private boolean oversize;

  /** One connected client. */
  private static final class Session {
    volatile boolean authorized;
    volatile boolean identified;
    final Set<String> subscribed = ConcurrentHashMap.newKeySet();
  }

  private MoonrakerSimulator(@Nullable String apiKey, javax.net.ssl.@Nullable SSLContext tls) {
    this.apiKey = apiKey;
    this.server = new Server(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
    server.setReuseAddr(true);
    if (tls != null) {
      server.setWebSocketFactory(
          new org.java_websocket.server.DefaultSSLWebSocketServerFactory(tls));
    }
    server.start();
    try {
      if (!server.started.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the Moonraker simulator did not start");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** @return a simulator that trusts every client (Moonraker's trusted_clients) */
  public static MoonrakerSimulator start() {
    return new MoonrakerSimulator(null, null);
  }

  /**
   * A trusting simulator behind TLS ({@code wss://}), as behind a reverse proxy.
   *
   * @param keyStore its key and certificate (password "changeit"), e.g. from
   *     {@link TestCertificates#printerKeyStore(String)}
   * @return the simulator
   * @throws IllegalStateException if the key store cannot be used
   */
  public static MoonrakerSimulator withTls(java.security.KeyStore keyStore) {
    try {
      javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
          javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keyStore, "changeit".toCharArray());
      javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
      tls.init(kmf.getKeyManagers(), null, null);
      return new MoonrakerSimulator(null, tls);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up the simulator's TLS: " + e, e);
    }
  }

  /**
   * @param apiKey the key clients must send ({@code X-Api-Key} or identify's {@code api_key})
   * @return a simulator with API-key authorization
   */
  public static MoonrakerSimulator withApiKey(String apiKey) {
    return new MoonrakerSimulator(apiKey, null);
  }

  /** @return the port of {@code ws://127.0.0.1:<port>/websocket} */
  public int port() {
    return server.getPort();
  }

  /** @return successful {@code server.connection.identify} calls so far */
  public int identifies() {
    return identifies.get();
  }

  /** @return {@code server.history.list} calls answered so far */
  public int historyLists() {
    return historyLists.get();
  }

  /** @return open WebSocket connections */
  public int connections() {
    return sessions.size();
  }

  // ------------------------------------------------------------------ the printer

  /**
   * Starts a print: a history job is added ({@code notify_history_changed} "added") and
   * {@code print_stats} goes to printing.
   *
   * @param file the file, relative to the gcodes root
   */
  public synchronized void startPrint(String file) {
    startEpoch = System.currentTimeMillis() / 1000.0;
    ObjectNode job = history.start(file, startEpoch);
    notifyHistory("added", job);
    update("print_stats", o -> o.put("state", "printing").put("filename", file)
        .put("print_duration", 0.0).put("total_duration", 0.0).put("filament_used", 0.0)
        .put("message", ""));
    update("virtual_sdcard", o -> o.put("progress", 0.0).put("is_active", true)
        .put("file_path", "/home/pi/printer_data/gcodes/" + file));
    update("display_status", o -> o.put("progress", 0.0));
    update("pause_resume", o -> o.put("is_paused", false));
  }

  /**
   * @param percent progress 0-100
   * @param layer the current layer (0: the slicer set none)
   * @param totalLayers the total layers
   */
  public synchronized void progress(double percent, int layer, int totalLayers) {
    double elapsed = Math.max(1, percent * 36);
    update("virtual_sdcard", o -> o.put("progress", percent / 100.0));
    update("display_status", o -> o.put("progress", percent / 100.0));
    update("print_stats", o -> {
      o.put("print_duration", elapsed).put("total_duration", elapsed + 5)
          .put("filament_used", percent * 25.0);
      if (layer > 0) {
        o.putObject("info").put("current_layer", layer).put("total_layer", totalLayers);
      }
    });
  }

  /** Pauses the print ({@code PAUSE} macro). */
  public synchronized void pause() {
    update("print_stats", o -> o.put("state", "paused"));
    update("pause_resume", o -> o.put("is_paused", true));
  }

  /** Resumes the print. */
  public synchronized void resume() {
    update("print_stats", o -> o.put("state", "printing"));
    update("pause_resume", o -> o.put("is_paused", false));
  }

  /** The print completes; the history job finishes as completed. */
  public synchronized void finish() {
    end("complete", "completed", "");
  }

  /** The print is cancelled; the history job finishes as cancelled. */
  public synchronized void cancel() {
    end("cancelled", "cancelled", "");
  }

  /**
   * Klippy shuts down mid-print (a heater fault, an MCU lost): {@code webhooks} goes to shutdown,
   * {@code notify_klippy_shutdown}, {@code print_stats} to error, the history job to
   * klippy_shutdown.
   *
   * @param message Klippy's message, e.g. "MCU 'mcu' shutdown: Timer too close"
   */
  public synchronized void klippyShutdown(String message) {
    update("webhooks", o -> o.put("state", "shutdown").put("state_message", message));
    broadcast(SimMoonrakerJson.notification("notify_klippy_shutdown", null));
    end("error", "klippy_shutdown", message);
  }

  /**
   * A firmware restart: Klippy disconnects ({@code notify_klippy_disconnected}), the print is
   * lost (its history job ends as klippy_disconnect), and Klippy comes back ready and idle
   * ({@code notify_klippy_ready}); subscriptions must be made again.
   */
  public synchronized void firmwareRestart() {
    broadcast(SimMoonrakerJson.notification("notify_klippy_disconnected", null));
    ObjectNode job = runningJob();
    if (job != null) {
      finishJob(job, "klippy_disconnect");
    }
    status = SimMoonrakerJson.initialStatus();
    sessions.values().forEach(s -> s.subscribed.clear());
    broadcast(SimMoonrakerJson.notification("notify_klippy_ready", null));
  }

  private void end(String state, String historyStatus, String message) {
    update("print_stats", o -> o.put("state", state).put("message", message));
    update("virtual_sdcard", o -> o.put("is_active", false));
    update("pause_resume", o -> o.put("is_paused", false));
    ObjectNode job = runningJob();
    if (job != null) {
      finishJob(job, historyStatus);
    }
  }

  private void finishJob(ObjectNode job, String historyStatus) {
    history.finish(job, historyStatus, status.path("print_stats"));
    notifyHistory("finished", job);
  }

  private @Nullable ObjectNode runningJob() {
    return history.running();
  }

  /**
   * Adds a print to the history that ended before anyone watched (for backfill).
   *
   * @param file the file
   * @param startEpochSeconds when it started
   * @param minutes how long it ran
   * @param status completed, cancelled, error, klippy_shutdown, ...
   * @return its job id
   */
  public synchronized String addPastPrint(String file, double startEpochSeconds, int minutes,
      String status) {
    return history.addPast(file, startEpochSeconds, minutes, status);
  }

  /** Back to standby (Klipper's state after SDCARD_RESET_FILE or a restart). */
  public synchronized void standby() {
    update("print_stats", o -> o.put("state", "standby").put("filename", "")
        .put("message", "").put("print_duration", 0.0).put("total_duration", 0.0));
    update("virtual_sdcard", o -> o.put("progress", 0.0).put("is_active", false));
  }

  /**
   * @param s true: answer nothing (no notifications, no replies) while connections stay open
   */
  public synchronized void setSilent(boolean s) {
    this.silent = s;
  }

  /** The next message sent is a frame larger than the driver accepts (2 MiB of JSON). */
  public synchronized void sendOversized() {
    oversize = true;
    update("display_status", o -> o.put("message", "x"));
  }

  /** Closes every connection (Moonraker restarted, Wi-Fi dropped). */
  public void dropConnections() {
    for (WebSocket w : sessions.keySet()) {
      w.close(1001, "going away");
    }
  }

  /** @return the job history, oldest first: job id to status (in_progress, completed, ...) */
  public synchronized Map<String, String> history() {
    return history.statuses();
  }

  // ---------------------------------------------------------- SimulatedPrinter

  @Override
  public synchronized void printing(String file, double progress) {
    ObjectNode job = runningJob();
    if (job == null || !job.path("filename").asText().equals(file)) {
      startPrint(file);
    }
    progress(progress, 0, 0);
  }

  @Override
  public synchronized void finished(String file) {
    if (runningJob() == null) {
      startPrint(file);
    }
    finish();
  }

  @Override
  public synchronized void idle() {
    standby();
  }

  @Override
  public void setReachable(boolean r) {
    synchronized (this) {
      reachable = r;
    }
    if (!r) {
      dropConnections();
    }
  }

  @Override
  public synchronized void sendGarbage() {
    garbage = 3;
    update("display_status", o -> o.put("message", "garbage follows"));
  }

  @Override
  public void close() {
    try {
      server.stop(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ------------------------------------------------------------------ protocol

  /** Changes one object's fields and sends exactly the changed ones to its subscribers. */
  private void update(String object, java.util.function.Consumer<ObjectNode> change) {
    ObjectNode before = ((ObjectNode) status.get(object)).deepCopy();
    change.accept((ObjectNode) status.get(object));
    ObjectNode diff = JSON.createObjectNode();
    status.get(object).properties().forEach(e -> {
      if (!e.getValue().equals(before.get(e.getKey()))) {
        diff.set(e.getKey(), e.getValue().deepCopy());
      }
    });
    if (diff.isEmpty() && !oversize && garbage == 0) {
      return;
    }
    for (Map.Entry<WebSocket, Session> e : sessions.entrySet()) {
      if (e.getValue().subscribed.contains(object)) {
        ArrayNode params = JSON.createArrayNode();
        params.addObject().set(object, diff);
        params.add(System.nanoTime() / 1e9);
        send(e.getKey(), SimMoonrakerJson.notification("notify_status_update", params));
      }
    }
  }

  private void notifyHistory(String action, ObjectNode job) {
    ArrayNode params = JSON.createArrayNode();
    params.addObject().put("action", action).set("job", job.deepCopy());
    broadcast(SimMoonrakerJson.notification("notify_history_changed", params));
  }

  private void broadcast(ObjectNode message) {
    for (WebSocket w : sessions.keySet()) {
      send(w, message);
    }
  }

  /**
   * Sends unless silent; applies the faults: a garbage frame goes before the real message (the
   * real one still arrives), an oversized frame replaces it. Called holding this.
   */
  private void send(WebSocket w, JsonNode message) {
    if (silent || !w.isOpen()) {
      return;
    }
    if (garbage > 0) {
      garbage--;
      String[] bad = {"{\"jsonrpc\": \"2.0\", \"method\": \"notify_status_update\", \"params\":",
          "\u0000\u0001 not json", "{\"jsonrpc\":\"2.0\",\"method\":\"notify_status_update\","
              + "\"params\":[{\"print_stats\":{\"state\":42,\"print_duration\":\"soon\"}}]}"};
      w.send(bad[garbage % bad.length]); // before the real message, which still follows
    }
    if (oversize) {
      oversize = false;
      w.send("{\"jsonrpc\":\"2.0\",\"method\":\"notify_gcode_response\",\"params\":[\""
          + "x".repeat(2 * 1024 * 1024) + "\"]}");
      return;
    }
    try {
      w.send(JSON.writeValueAsString(message));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private synchronized void onRequest(WebSocket w, Session s, String text) {
    JsonNode req;
    try {
      req = JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      send(w, SimMoonrakerJson.error(null, -32700, "Parse error"));
      return;
    }
    JsonNode id = req.get("id");
    String method = req.path("method").asText();
    JsonNode params = req.path("params");
    if (method.equals("server.connection.identify")) {
      if (s.identified) {
        send(w, SimMoonrakerJson.error(id, -32600, "Connection already identified"));
        return;
      }
      if (apiKey != null && !s.authorized) {
        if (!apiKey.equals(params.path("api_key").asText(null))) {
          send(w, SimMoonrakerJson.error(id, -32602, "Unauthorized"));
          return;
        }
        s.authorized = true;
      }
      s.identified = true;
      identifies.incrementAndGet();
      send(w, SimMoonrakerJson.result(id, JSON.createObjectNode().put("connection_id", w.hashCode())));
      return;
    }
    if (apiKey != null && !s.authorized) {
      send(w, SimMoonrakerJson.error(id, -32602, "Unauthorized"));
      return;
    }
    switch (method) {
      case "server.info":
        send(w, SimMoonrakerJson.result(id, JSON.createObjectNode().put("klippy_connected", true)
            .put("klippy_state", status.path("webhooks").path("state").asText())
            .put("moonraker_version", "v0.9.3-sim")));
        return;
      case "printer.objects.subscribe": {
        ObjectNode out = JSON.createObjectNode();
        params.path("objects").fieldNames().forEachRemaining(o -> {
          if (OBJECTS.contains(o)) {
            s.subscribed.add(o);
            out.set(o, status.get(o).deepCopy());
          }
        });
        send(w, SimMoonrakerJson.result(id, JSON.createObjectNode().put("eventtime", System.nanoTime() / 1e9)
            .set("status", out)));
        return;
      }
      case "server.history.list":
        send(w, SimMoonrakerJson.result(id, history.list(params)));
        historyLists.incrementAndGet();
        return;
      case "server.files.metadata":
        send(w, history.metadataAnswer(id, params.path("filename").asText()));
        return;
      case "server.history.get_job": {
        ObjectNode job = history.get(params.path("uid").asText());
        send(w, job == null ? SimMoonrakerJson.error(id, -32601, "No job with id " + params.path("uid").asText())
            : SimMoonrakerJson.result(id, JSON.createObjectNode().set("job", job)));
        return;
      }
      default:
        send(w, SimMoonrakerJson.error(id, -32601, "Method not found: " + method));
    }
  }

  /** The WebSocket server. */
  private final class Server extends WebSocketServer {
    final CountDownLatch started = new CountDownLatch(1);

    Server(InetSocketAddress address) {
      super(address, 1);
    }

    @Override
    public void onStart() {
      started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
      boolean up;
      synchronized (MoonrakerSimulator.this) {
        up = reachable;
      }
      if (!up || !handshake.getResourceDescriptor().startsWith("/websocket")) {
        conn.close(1011, up ? "not found" : "unreachable");
        return;
      }
      Session s = new Session();
      s.authorized = apiKey == null || apiKey.equals(handshake.getFieldValue("X-Api-Key"));
      sessions.put(conn, s);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
      sessions.remove(conn);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
      Session s = sessions.get(conn);
      if (s != null) {
        onRequest(conn, s, message);
      }
    }

    @Override
    public void onError(@Nullable WebSocket conn, Exception ex) {
      if (conn == null) {
        started.countDown(); // failed to bind: the constructor times out with a message
      }
    }
  }
}
