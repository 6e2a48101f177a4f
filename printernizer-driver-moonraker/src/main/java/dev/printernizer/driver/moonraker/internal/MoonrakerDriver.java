package dev.printernizer.driver.moonraker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.printernizer.api.ConnectionProblem;
import dev.printernizer.api.Job;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.Secret;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.spi.DriverContext;
import dev.printernizer.spi.PastPrint;
import dev.printernizer.spi.PrintFileReader;
import dev.printernizer.spi.PrintHistoryReader;
import dev.printernizer.spi.PrinterDriver;
import dev.printernizer.time.EngineClock;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Klipper printer through Moonraker's WebSocket (JSON-RPC 2.0): connect (with the API key as
 * {@code X-Api-Key}, or a one-shot token), {@code server.connection.identify},
 * {@code printer.objects.subscribe} of print_stats, virtual_sdcard, display_status, webhooks and
 * pause_resume, the newest history job; then deltas and notifications as they come. A lost
 * socket is a connection gap; reconnects back off from 1 s to 60 s with jitter. A message
 * larger than the limit closes the socket (oversized_message); silence for 60 s sends a ping, for
 * 90 s reconnects. Messages are handled on the Netty event loop every Moonraker printer shares
 * ({@code printernizer-moonraker-*}, see {@link NettySocket}; parsing takes microseconds; the
 * engine takes snapshots on its own lanes). The API key never reaches a log.
 */
public final class MoonrakerDriver implements PrinterDriver, PrintHistoryReader, PrintFileReader {
  private static final Logger LOG = LoggerFactory.getLogger(MoonrakerDriver.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration PING_AFTER = Duration.ofSeconds(60);
  static final Duration DEAD_AFTER = Duration.ofSeconds(90);
  static final String VERSION = "0.4";

  private final PrinterConfig config;
  private final URI socketUri;
  /** Only for one-shot tokens (each URI keeps several strings: not kept otherwise). */
  private final @Nullable URI httpBase;
  private final @Nullable Secret key;
  private final boolean oneshot;
  private final int maxChars;
  private final StatusMapper mapper = new StatusMapper();
  /** Held while snapshots are handed to the engine (see {@link #publish}). */
  private final Object publishing = new Object();
  private volatile @Nullable DriverContext ctx;

  // guarded by this
  private @Nullable NettySocket socket;
  private boolean started;
  private boolean closed;
  private int generation;
  private int attempts;
  private long nextId = 1;
  private long lastMessageTick;
  private EngineClock.@Nullable Cancellable retry;
  /** Requests waiting for their answer; null while none waits (most of the time). */
  private @Nullable Map<Long, Consumer<JsonNode>> pending;
  private EngineClock.@Nullable Cancellable watchdog;

  /**
   * @param config the printer
   * @param socketUri ws(s)://host:port/websocket
   * @param httpBase http(s)://host:port (for a one-shot token)
   * @param oneshot whether to fetch a one-shot token with the key instead of sending the key
   * @param maxChars the largest message accepted, in characters
   */
  public MoonrakerDriver(PrinterConfig config, URI socketUri, URI httpBase, boolean oneshot,
      int maxChars) {
    this.config = config;
    this.socketUri = socketUri;
    this.httpBase = oneshot ? httpBase : null;
    this.key = config.credential().orElse(null);
    this.oneshot = oneshot;
    this.maxChars = maxChars;
  }

  @Override
  public void start(DriverContext context) {
    this.ctx = context;
    synchronized (this) {
      if (started || closed) {
        return;
      }
      started = true;
      lastMessageTick = context.clock().ticks();
      NettySocket.Loop.acquire(); // under the lock: a close cannot release before this
    }
    connect();
    scheduleWatchdog();
  }

  private DriverContext ctx() {
    DriverContext c = ctx;
    if (c == null) {
      throw new IllegalStateException("printer " + config.id() + ": driver not started");
    }
    return c;
  }

  // ------------------------------------------------------------------ connection

  private void connect() {
    int gen;
    synchronized (this) {
      if (closed) {
        return;
      }
      gen = ++generation;
    }
    URI base = httpBase;
    CompletableFuture<URI> uri = base != null && key != null
        ? OneShotToken.fetch(SharedClient.CLIENT, base, key, socketUri)
        : CompletableFuture.completedFuture(socketUri);
    Secret k = key;
    String header = k != null && !oneshot ? k.reveal() : null;
    var unused = uri.thenCompose(u -> NettySocket.open(u, header, maxChars, new Events(gen),
        ctx().executor()))
        .whenComplete((ws, err) -> {
      if (err != null) {
        failed(gen, err);
      } else {
        opened(gen, ws);
      }
    });
  }

  private void opened(int gen, NettySocket ws) {
    synchronized (this) {
      if (closed || gen != generation) {
        ws.abort();
        return;
      }
      socket = ws;
      lastMessageTick = ctx().clock().ticks();
    }
    ObjectNode p = JSON.createObjectNode().put("client_name", "Printernizer")
        .put("version", VERSION).put("type", "other").put("url", "https://printernizer.dev");
    Secret k = key;
    if (k != null && !oneshot) {
      p.put("api_key", k.reveal());
    }
    call(gen, "server.connection.identify", p, r -> subscribe(gen));
  }

  private void subscribe(int gen) {
    ObjectNode objects = JSON.createObjectNode();
    StatusMapper.FIELDS.forEach((o, fields) -> fields.forEach(objects.putArray(o)::add));
    call(gen, "printer.objects.subscribe", JSON.createObjectNode().set("objects", objects),
        r -> {
          if (!mapper.reset(r.path("status"))) {
            ctx().badInput("subscription", "the subscription's status is not usable");
            return;
          }
          call(gen, "server.history.list", JSON.createObjectNode().put("limit", 1)
              .put("order", "desc"), h -> {
                JsonNode jobs = h.path("jobs");
                if (jobs.isArray() && jobs.size() > 0) {
                  mapper.history(jobs.get(0));
                }
                synchronized (this) {
                  attempts = 0; // a full answer: the printer is really back
                }
                LOG.info("printer {}: connected to Moonraker at {}", config.id(),
                    socketUri.getHost());
                publish(gen);
              });
        });
  }

  private void failed(int gen, Throwable err) {
    ConnectFailures.Failure f = ConnectFailures.classify(err, socketUri);
    lost(gen, f.kind(), f.detail());
  }

  /** The connection is gone: a gap for the engine, and a reconnect after a back-off. */
  private void lost(int gen, ConnectionProblem.Kind kind, @Nullable String detail) {
    synchronized (publishing) { // ordered with publish, and never after close returned
      lostOrdered(gen, kind, detail);
    }
  }

  private void lostOrdered(int gen, ConnectionProblem.Kind kind, @Nullable String detail) {
    Duration wait;
    NettySocket old;
    Map<Long, Consumer<JsonNode>> waiting;
    synchronized (this) {
      if (closed || gen != generation) {
        return;
      }
      generation++; // callbacks of this connection are ignored from now on
      old = socket;
      socket = null;
      waiting = pending;
      pending = null;
      mapper.connectionEnded();
      long base = Math.min(60_000, 1000L << Math.min(attempts, 6));
      attempts++;
      wait = Duration.ofMillis(Math.round(base * (0.8 + ThreadLocalRandom.current()
          .nextDouble() * 0.4)));
      retry = ctx().clock().schedule(wait, this::connect);
    }
    if (old != null) {
      old.abort();
    }
    failWaiting(waiting);
    String d = redact(detail);
    LOG.info("printer {}: Moonraker connection lost ({}: {}); retry in {} ms", config.id(),
        kind.code(), d, wait.toMillis());
    ctx().connectionProblem(kind, d, wait);
  }

  /** Requests still waiting for an answer get a failure now, not after their timeout. */
  private static void failWaiting(@Nullable Map<Long, Consumer<JsonNode>> waiting) {
    if (waiting != null) {
      JsonNode gone = JSON.createObjectNode().set("error", JSON.createObjectNode()
          .put("code", -1).put("message", "the connection to Moonraker ended"));
      waiting.values().forEach(h -> h.accept(gone));
    }
  }

  private String redact(@Nullable String s) {
    String out = String.valueOf(s);
    Secret k = key;
    return k == null ? out : out.replace(k.reveal(), "***").replaceAll("token=[^&\\s]+",
        "token=***");
  }

  // ------------------------------------------------------------------ JSON-RPC

  private void call(int gen, String method, JsonNode params, Consumer<JsonNode> onResult) {
    call(gen, method, params, onResult, error -> onError(gen, method, error));
  }

  private void call(int gen, String method, JsonNode params, Consumer<JsonNode> onResult,
      Consumer<JsonNode> onFailure) {
    String text;
    NettySocket ws;
    long id;
    synchronized (this) {
      ws = socket;
      if (ws == null || gen != generation) {
        return;
      }
      id = nextId++;
      Map<Long, Consumer<JsonNode>> waiting = pending;
      if (waiting == null) {
        waiting = new java.util.HashMap<>(4);
        pending = waiting;
      }
      waiting.put(id, reply -> {
        JsonNode error = reply.get("error");
        if (error != null) {
          onFailure.accept(error);
        } else {
          onResult.accept(reply.path("result"));
        }
      });
      ObjectNode req = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
      req.set("params", params);
      req.put("id", id);
      text = req.toString();
    }
    var unused = ws.sendText(text); // Netty queues writes in order; a failed one ends the socket
  }

  private void onError(int gen, String method, JsonNode error) {
    int code = error.path("code").asInt();
    String message = error.path("message").asText("");
    if (code == -32602 || code == 401 || message.toLowerCase(java.util.Locale.ROOT)
        .contains("unauthorized")) {
      lost(gen, ConnectionProblem.Kind.AUTHENTICATION_REFUSED, "Moonraker refused " + method
          + " (" + message + "): " + (key == null ? "it needs an API key" : "the API key is"
          + " wrong"));
      return;
    }
    lost(gen, ConnectionProblem.Kind.PROTOCOL_ERROR, method + " failed: " + code + " "
        + message);
  }

  private void onMessage(int gen, String text) {
    synchronized (this) {
      if (gen != generation) {
        return;
      }
      lastMessageTick = ctx().clock().ticks();
    }
    if (Envelope.ignorable(text)) {
      return; // proc stats, gcode responses, file lists: not parsed (most of an idle farm's load)
    }
    JsonNode m;
    try {
      m = JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      ctx().badInput("json", "a message that is not JSON (" + e.getOriginalMessage() + ")");
      return;
    }
    if (m == null || !m.isObject()) {
      ctx().badInput("json", "a message that is not a JSON object");
      return;
    }
    JsonNode id = m.get("id");
    if (id != null && id.canConvertToLong() && (m.has("result") || m.has("error"))) {
      Consumer<JsonNode> handler;
      synchronized (this) {
        Map<Long, Consumer<JsonNode>> waiting = pending;
        handler = waiting == null ? null : waiting.remove(id.asLong());
        if (waiting != null && waiting.isEmpty()) {
          pending = null;
        }
      }
      if (handler != null) {
        handler.accept(m);
      }
      return;
    }
    JsonNode params = m.path("params");
    switch (m.path("method").asText("")) {
      case "notify_status_update":
        if (!mapper.merge(params.path(0))) {
          ctx().badInput("notify_status_update", "an update with fields of the wrong type");
          return;
        }
        publish(gen);
        return;
      case "notify_klippy_shutdown":
        mapper.klippy("shutdown");
        publish(gen);
        return;
      case "notify_klippy_disconnected":
        mapper.klippy("disconnected");
        publish(gen);
        return;
      case "notify_klippy_ready":
        mapper.klippy("ready");
        subscribe(gen); // Klippy restarted: its subscriptions are gone
        return;
      case "notify_history_changed":
        mapper.history(params.path(0).path("job"));
        publish(gen);
        return;
      default: // proc stats, gcode responses, file lists: not ours
    }
  }

  /**
   * Publishes what the mapper has, unless this connection is over. {@link #close()} waits on
   * {@link #publishing} after it marked the driver closed, so nothing is published once close
   * has returned; the driver's own lock is not held while the engine takes the snapshot.
   */
  private void publish(int gen) {
    DriverContext c = ctx();
    synchronized (publishing) {
      synchronized (this) {
        if (closed || gen != generation) {
          return;
        }
      }
      for (StatusSnapshot s : mapper.snapshots(config.id(), c.clock().instant())) {
        c.publish(s);
      }
    }
  }

  // ------------------------------------------------------------------ history (backfill)

  /** The printer's history since an instant (see {@link HistoryPages}); blocks. */
  @Override
  public List<PastPrint> pastPrints(Instant since) throws IOException {
    return HistoryPages.read(since, this::historyPage);
  }

  /** What the job's file says, from Moonraker's history or file metadata; blocks. */
  @Override
  public Optional<PrintFile> readPrintFile(Job job) throws IOException {
    return FileDescriptions.read(job, this::request);
  }

  /** One page of {@code server.history.list} on the current connection. */
  private CompletableFuture<JsonNode> historyPage(JsonNode params) {
    return request("server.history.list", params);
  }

  /** One JSON-RPC request on the current connection; its error fails the answer. */
  private CompletableFuture<JsonNode> request(String method, JsonNode params) {
    int gen;
    synchronized (this) {
      if (socket == null) {
        return CompletableFuture.failedFuture(new IOException("not connected to Moonraker"));
      }
      gen = generation;
    }
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    call(gen, method, params, answer::complete,
        e -> answer.completeExceptionally(new FileDescriptions.RpcError(e.path("code").asInt(),
            method + ": " + e.path("message").asText(""))));
    return answer;
  }

  // ------------------------------------------------------------------ watchdog and close

  private void scheduleWatchdog() {
    synchronized (this) {
      if (!closed) {
        watchdog = ctx().clock().schedule(Duration.ofSeconds(10), this::onWatchdog);
      }
    }
  }

  private void onWatchdog() {
    int gen;
    NettySocket ws;
    long silent;
    synchronized (this) {
      ws = socket;
      gen = generation;
      silent = ctx().clock().ticks() - lastMessageTick;
    }
    if (ws != null && silent > DEAD_AFTER.toNanos()) {
      lost(gen, ConnectionProblem.Kind.TIMED_OUT, "no message for " + DEAD_AFTER.toSeconds()
          + " s");
    } else if (ws != null && silent > PING_AFTER.toNanos()) {
      ws.ping();
    }
    scheduleWatchdog();
  }

  @Override
  public void close() {
    NettySocket ws;
    boolean wasStarted;
    Map<Long, Consumer<JsonNode>> waiting;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      wasStarted = started;
      generation++;
      ws = socket;
      socket = null;
      if (retry != null) {
        retry.cancel();
      }
      if (watchdog != null) {
        watchdog.cancel();
      }
      waiting = pending;
      pending = null;
    }
    if (ws != null) {
      ws.abort();
    }
    failWaiting(waiting);
    synchronized (publishing) {
      // a publish that began before close marked the driver closed has ended now
    }
    if (wasStarted) {
      NettySocket.Loop.release();
    }
  }

  /** One socket's events, on Netty's event loop. */
  private final class Events implements NettySocket.Handler {
    private final int gen;

    Events(int gen) {
      this.gen = gen;
    }

    @Override
    public void onText(String text) {
      try {
        onMessage(gen, text);
      } catch (RuntimeException e) { // P17: never let a message stop the connection
        LOG.warn("printer {}: a Moonraker message could not be handled: {}", config.id(),
            e.toString());
      }
    }

    @Override
    public void onPong() {
      synchronized (MoonrakerDriver.this) {
        if (gen == generation) {
          lastMessageTick = ctx().clock().ticks();
        }
      }
    }

    @Override
    public void onGone(@Nullable Throwable cause, int code, String reason) {
      if (cause instanceof NettySocket.Oversized) {
        lost(gen, ConnectionProblem.Kind.OVERSIZED_MESSAGE, cause.getMessage()
            + " (option max_message_kib)");
      } else if (cause != null) {
        failed(gen, cause);
      } else {
        lost(gen, ConnectionProblem.Kind.UNREACHABLE, "Moonraker closed the connection ("
            + code + (reason.isEmpty() ? "" : " " + reason) + ")");
      }
    }
  }
}
