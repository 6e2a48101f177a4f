package dev.printernizer.examples.server;

import static dev.printernizer.examples.server.HttpIo.body;
import static dev.printernizer.examples.server.HttpIo.error;
import static dev.printernizer.examples.server.HttpIo.reply;
import static dev.printernizer.examples.server.HttpIo.requireMethod;
import static dev.printernizer.examples.server.HttpIo.staticFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.printernizer.Printernizer;
import dev.printernizer.accounting.CostSettings;
import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.ConnectionProblem;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterStatus;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.api.Thumbnail;
import dev.printernizer.examples.server.HttpIo.HttpError;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference server: wires Printernizer exactly as a host application would (public API
 * only), serves a JSON API, a server-sent-events stream and the web UI.
 *
 * <pre>
 * java -jar printernizer-examples/target/printernizer-server.jar --demo
 * java -jar printernizer-examples/target/printernizer-server.jar --config config.yaml
 * </pre>
 */
public final class ReferenceServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReferenceServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServerConfig config;
  private final Printernizer engine;
  private final ServerStore store;
  private final HttpServer http;
  private final HttpGuard guard;
  private final TokenAuth auth;
  private final ExecutorService threads;
  static {
    ServerThreads.limitRequestTime(); // in time when this class loads before any HTTP server
  }

  /** @return how many request threads the server runs at most */
  public static int threadLimit() {
    return ServerThreads.THREADS;
  }

  private final EventStream events = new EventStream();
  private final JobsApi jobsApi;
  private final PrintersApi printersApi;
  private final Map<PrinterId, String> names = new java.util.concurrent.ConcurrentHashMap<>();
  private final Path settingsFile;
  private final @Nullable DemoPrinters demo;
  private boolean ownsDemo;
  private final List<dev.printernizer.homeassistant.HomeAssistantBridge> bridges =
      new java.util.ArrayList<>();
  /** What {@code GET /metrics} shows, in Prometheus' text format. */
  private final io.micrometer.prometheusmetrics.PrometheusMeterRegistry metrics =
      new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
          io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);

  private ReferenceServer(ServerConfig config, @Nullable DemoPrinters demo, ServerStore store)
      throws IOException {
    this.config = config;
    this.demo = demo;
    this.settingsFile = config.dataDir.resolve("settings.properties");
    this.store = store;
    AutoJobSettings settings = new AutoJobSettings();
    if (demo != null) {
      settings.setMonitoringInterval(Duration.ofSeconds(2)); // the demo should feel alive
    }
    settings.apply(config.settings);
    SettingsApi.loadSaved(settings, settingsFile); // saved from the UI
    List<PrinterConfig> fixed = new java.util.ArrayList<>(config.printers);
    if (demo != null) {
      fixed.addAll(demo.configs);
    }
    PrinterRegistry registry = new PrinterRegistry(config.dataDir);
    List<PrinterConfig> saved = registry.load(); // added in the UI
    java.util.Set<PrinterId> fixedIds = PrinterRegistry.ids(fixed);
    for (PrinterConfig p : saved) {
      if (fixedIds.contains(p.id())) {
        throw new IOException("printer '" + p.id().value() + "' is in config.yaml and was also"
            + " added in the UI (" + config.dataDir.resolve("printers.json") + "); remove it from"
            + " one of them");
      }
    }
    List<PrinterConfig> printers = new java.util.ArrayList<>(fixed);
    printers.addAll(saved);
    List<PrinterId> ids = printers.stream().map(PrinterConfig::id).toList();
    settings.applyEnvironment(System.getenv(), ids); // the environment wins
    CostSettings costs = new CostSettings().apply(config.costs);
    CostApi.loadSaved(costs, config.dataDir.resolve("costs.properties"));
    costs.applyEnvironment(System.getenv(), ids);
    Printernizer.Builder b = Printernizer.builder()
        .jobStore(new dev.printernizer.micrometer.TimedJobStore(store.jobs, metrics))
        .settings(settings)
        .costSettings(costs)
        .notifier(this::broadcast);
    config.destinations().forEach(b::destination);
    for (HomeAssistantEntry entry : config.homeAssistant()) {
      dev.printernizer.homeassistant.HomeAssistantBridge ha = entry.connect();
      bridges.add(ha);
      b.destination(ha).notifier(ha);
    }
    if (demo != null && config.demo) {
      b.destination(demo.spoolmanDestination()); // the demo shows filament deducted once
    }
    for (PrinterConfig p : printers) {
      b.printer(p);
      names.put(p.id(), p.name());
    }
    this.engine = b.build();
    bridges.forEach(ha -> ha.watch(engine::printers));
    new dev.printernizer.micrometer.PrinternizerMetrics(engine).bindTo(metrics);
    this.jobsApi = new JobsApi(engine, names);
    this.printersApi = new PrintersApi(engine, names, registry, fixed, saved);
    threads = ServerThreads.pool();
    guard = new HttpGuard(config.allowedHosts);
    auth = new TokenAuth(config.token, config.tokenForReads);
    http = HttpServer.create(new InetSocketAddress(config.host, config.port), 64);
    http.setExecutor(threads);
    http.createContext("/", this::handle);
  }

  /**
   * Starts a server.
   *
   * @param config the configuration
   * @return the running server
   * @throws IOException if the port cannot be bound or the data directory used
   */
  public static ReferenceServer start(ServerConfig config) throws IOException {
    // the database first: its lock refuses a second server on this data directory before the
    // demo writes anything there (its CA files would replace the running server's)
    ServerStore store = ServerStore.open(config);
    DemoPrinters demo = null;
    try {
      demo = config.demo ? DemoPrinters.start(config.dataDir) : null;
      ReferenceServer s = start(config, demo, config.demo, store);
      s.ownsDemo = demo != null;
      return s;
    } catch (IOException | RuntimeException e) {
      if (demo != null) {
        demo.close();
      }
      store.close();
      throw e;
    }
  }

  /**
   * Starts a server with given simulated printers (tests steer them; the script stays off).
   *
   * @param config the configuration
   * @param printers simulated printers, or null
   * @param script whether to run the demo script
   * @return the running server
   * @throws IOException if the port cannot be bound
   */
  public static ReferenceServer start(ServerConfig config, @Nullable DemoPrinters printers,
      boolean script) throws IOException {
    ServerStore store = ServerStore.open(config);
    try {
      return start(config, printers, script, store);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static ReferenceServer start(ServerConfig config, @Nullable DemoPrinters printers,
      boolean script, ServerStore store) throws IOException {
    ReferenceServer s = new ReferenceServer(config, printers, store);
    s.http.start();
    s.engine.start();
    if (printers != null && script) {
      printers.runScript();
    }
    LOG.info("Printernizer reference server on http://{}:{}/ ({} printers{}; jobs in {})",
        config.host, s.port(), s.names.size(), printers != null ? ", demo" : "", store.where());
    return s;
  }

  /** @return the bound port */
  public int port() {
    return http.getAddress().getPort();
  }

  /** @return the engine */
  public Printernizer engine() {
    return engine;
  }

  @Override
  public void close() {
    http.stop(0);
    events.closeAll();
    engine.close();
    bridges.forEach(dev.printernizer.homeassistant.HomeAssistantBridge::close);
    store.close();
    threads.shutdownNow();
    if (ownsDemo && demo != null) {
      demo.close();
    }
  }

  /**
   * Runs the server until the process ends.
   *
   * @param args {@code --demo}, {@code --config FILE}, {@code --port N}, {@code --data DIR}
   * @throws Exception on a start failure
   */
  public static void main(String[] args) throws Exception {
    ServerMain.run(args);
  }

  // ------------------------------------------------------------------- events

  private void broadcast(PrinternizerEvent e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", e.type());
    n.put("at", e.at().toString());
    n.put("printer_id", e.printerId().value());
    n.put("printer_name", names.getOrDefault(e.printerId(), e.printerId().value()));
    if (e instanceof PrinternizerEvent.JobAutoCreated) {
      PrinternizerEvent.JobAutoCreated a = (PrinternizerEvent.JobAutoCreated) e;
      n.put("file_name", a.fileName());
      n.put("discovered_on_startup", a.discoveredOnStartup());
      n.set("job", jobsApi.json(a.job()));
    } else if (e instanceof PrinternizerEvent.JobAdopted) {
      n.set("job", jobsApi.json(((PrinternizerEvent.JobAdopted) e).job()));
    } else if (e instanceof PrinternizerEvent.JobStatusChanged) {
      n.set("job", jobsApi.json(((PrinternizerEvent.JobStatusChanged) e).job()));
    } else if (e instanceof PrinternizerEvent.JobClosed) {
      n.set("job", jobsApi.json(((PrinternizerEvent.JobClosed) e).job()));
    } else if (e instanceof PrinternizerEvent.PrinterStateChanged) {
      n.put("state", ((PrinternizerEvent.PrinterStateChanged) e).to().name());
    } else if (e instanceof PrinternizerEvent.PrinterConnectionProblem) {
      ConnectionProblem problem = ((PrinternizerEvent.PrinterConnectionProblem) e).problem();
      if (problem == null) {
        n.putNull("problem"); // the problem is over
      } else {
        n.set("problem", ApiJson.problem(problem));
      }
    }
    events.publish(e.type(), n.toString());
  }

  // ------------------------------------------------------------------- HTTP

  private void handle(HttpExchange ex) throws IOException {
    HttpGuard.secureHeaders(ex);
    try {
      guard.admit(ex);
    } catch (HttpError e) {
      try {
        error(ex, e.status, e.getMessage());
      } finally {
        ex.close();
      }
      return;
    }
    if (ex.getRequestURI().getPath() == null) {
      try {
        error(ex, 400, "not a path: " + ex.getRequestURI());
      } finally {
        ex.close();
      }
      return;
    }
    if (auth.required(ex.getRequestMethod(), ex.getRequestURI().getPath())
        && !auth.accepts(ex)) {
      try {
        error(ex, 401, "this server needs its token: 'Authorization: Bearer <token>', or sign in"
            + " on its page");
      } finally {
        ex.close();
      }
      return;
    }
    if (ex.getRequestURI().getPath().equals("/api/events")
        && ex.getRequestMethod().equals("GET")) {
      events.serve(ex, HttpIo::error); // this request's thread writes the stream
      return;
    }
    try {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      if (path.equals("/metrics")) {
        requireMethod(method, "GET");
        byte[] text = metrics.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        ex.sendResponseHeaders(200, text.length);
        ex.getResponseBody().write(text);
        return;
      }
      if (!path.startsWith("/api/")) {
        staticFile(ex, path);
        return;
      }
      if (path.equals("/api/session")) {
        SessionApi.handle(ex, method, auth);
        return;
      }
      if (path.equals("/api/jobs/export")) {
        requireMethod(method, "GET");
        JobQueries.export(ex, engine.jobStore());
        return;
      }
      if (path.startsWith("/api/jobs/") && path.endsWith("/thumbnail")) {
        requireMethod(method, "GET");
        thumbnail(ex, path.substring("/api/jobs/".length(), path.length()
            - "/thumbnail".length()));
        return;
      }
      JsonNode out = route(ex, method, path);
      if (out == null) {
        ex.sendResponseHeaders(204, -1);
      } else {
        // POST creates a job or a printer; other POSTs act
        reply(ex, method.equals("POST") && (path.equals("/api/jobs")
            || path.equals("/api/printers")) ? 201 : 200, out); // created
      }
    } catch (HttpError e) {
      error(ex, e.status, e.getMessage());
    } catch (IllegalArgumentException e) {
      error(ex, 400, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("request {} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
      error(ex, 500, "internal error: " + e.getClass().getSimpleName());
    } finally {
      ex.close();
    }
  }

  /** The picture of a job's print as {@code image/png}; 404 when it has none. */
  private void thumbnail(HttpExchange ex, String id) throws IOException {
    Thumbnail t = engine.jobStore().thumbnail(id).orElseThrow(() -> new HttpError(404,
        "no thumbnail for job " + id));
    byte[] png = t.png();
    ex.getResponseHeaders().set("Content-Type", "image/png");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.getResponseHeaders().set("Cache-Control", "private, max-age=86400");
    ex.sendResponseHeaders(200, png.length);
    ex.getResponseBody().write(png);
  }

  private @Nullable JsonNode route(HttpExchange ex, String method, String path)
      throws IOException {
    if (path.equals("/api/health")) {
      requireMethod(method, "GET");
      return ApiJson.health(engine.printers(), engine.failedTasks());
    }
    if (path.startsWith("/api/printers/")
        || (path.equals("/api/printers") && !method.equals("GET"))) {
      return printersApi.route(ex, method, path);
    }
    if (path.equals("/api/printers")) {
      ArrayNode a = JSON.createArrayNode();
      for (PrinterStatus p : engine.printers()) {
        a.add(printer(p));
      }
      return a;
    }
    if (path.equals("/api/jobs")) {
      if (method.equals("GET")) {
        return jobsApi.list(JobQueries.params(ex));
      }
      requireMethod(method, "POST");
      return jobsApi.create(body(ex));
    }
    if (path.startsWith("/api/jobs/") && path.endsWith("/cost")) {
      requireMethod(method, "POST");
      String id = path.substring("/api/jobs/".length(), path.length() - "/cost".length());
      try {
        return jobsApi.json(engine.recomputeCost(id).orElseThrow(() -> new HttpError(404, "no job "
            + id)));
      } catch (IllegalStateException e) {
        throw new HttpError(409, String.valueOf(e.getMessage()));
      }
    }
    if (path.equals("/api/outbox")) {
      requireMethod(method, "GET");
      return OutboxApi.get(engine.deliveries());
    }
    if (path.equals("/api/outbox/retry")) {
      requireMethod(method, "POST");
      return OutboxApi.retry(engine.deliveries(), body(ex));
    }
    if (path.startsWith("/api/jobs/") && path.endsWith("/deliveries")) {
      requireMethod(method, "GET");
      return OutboxApi.ofJob(engine.deliveries(), path.substring("/api/jobs/".length(),
          path.length() - "/deliveries".length()));
    }
    if (path.equals("/api/statistics")) {
      requireMethod(method, "GET");
      return StatisticsApi.get(engine, JobQueries.params(ex));
    }
    if (path.equals("/api/settings/costs")) {
      if (method.equals("PUT")) {
        Path file = config.dataDir.resolve("costs.properties");
        JsonNode body = body(ex);
        try {
          CostApi.put(engine.costSettings(), body, file);
        } catch (IOException e) {
          LOG.warn("could not save the prices to {}: {}", file, e.toString());
          throw new HttpError(500, "could not save the prices to " + file + " (" + e
              + "); nothing was changed");
        }
      } else {
        requireMethod(method, "GET");
      }
      return CostApi.json(engine.costSettings());
    }
    if (path.startsWith("/api/jobs/")) {
      String id = path.substring("/api/jobs/".length());
      switch (method) {
        case "GET":
          return jobsApi.json(engine.job(id).orElseThrow(() -> new HttpError(404, "no job " + id)));
        case "PATCH":
          return jobsApi.json(jobsApi.edit(id, body(ex)));
        case "DELETE":
          if (!engine.deleteJob(id)) {
            throw new HttpError(404, "no job " + id);
          }
          return null;
        default:
          throw new HttpError(405, "use GET, PATCH or DELETE on a job");
      }
    }
    if (path.equals("/api/settings")) {
      if (method.equals("PUT")) {
        JsonNode body = body(ex);
        try {
          SettingsApi.put(engine.settings(), body, names.keySet(), settingsFile);
        } catch (IOException e) {
          LOG.warn("could not save the settings to {}: {}", settingsFile, e.toString());
          throw new HttpError(500, "could not save the settings to " + settingsFile + " (" + e
              + "); nothing was changed");
        }
      } else {
        requireMethod(method, "GET");
      }
      return SettingsApi.json(engine.settings());
    }
    throw new HttpError(404, "no such endpoint: " + path);
  }

  private ObjectNode printer(PrinterStatus p) {
    return ApiJson.printer(p, engine.settings().autoCreate(p.config().id()));
  }

}
