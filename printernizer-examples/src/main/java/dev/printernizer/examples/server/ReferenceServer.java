package dev.printernizer.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.printernizer.Printernizer;
import dev.printernizer.accounting.CostSettings;
import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.BusinessFields;
import dev.printernizer.api.ConnectionProblem;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterStatus;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.api.Thumbnail;
import dev.printernizer.jdbc.JdbcJobStore;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  /** Request bodies: a duplicate key or anything after the object is an error, not ignored. */
  private static final ObjectMapper STRICT_JSON = com.fasterxml.jackson.databind.json.JsonMapper
      .builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final int MAX_BODY = 64 * 1024;

  private final ServerConfig config;
  private final Printernizer engine;
  private final JdbcJobStore store;
  private final HttpServer http;
  private final HttpGuard guard;
  private final TokenAuth auth;
  private final ExecutorService threads;
  private final EventStream events = new EventStream();
  private final Map<PrinterId, String> names = new HashMap<>();
  private final Path settingsFile;
  private final @Nullable DemoPrinters demo;
  private boolean ownsDemo;

  private ReferenceServer(ServerConfig config, @Nullable DemoPrinters demo) throws IOException {
    this.config = config;
    this.demo = demo;
    Files.createDirectories(config.dataDir);
    this.settingsFile = config.dataDir.resolve("settings.properties");
    this.store = JdbcJobStore.h2(config.dataDir);
    AutoJobSettings settings = new AutoJobSettings();
    if (demo != null) {
      settings.setMonitoringInterval(Duration.ofSeconds(2)); // the demo should feel alive
    }
    settings.apply(config.settings);
    SettingsApi.loadSaved(settings, settingsFile); // saved from the UI
    List<PrinterConfig> printers = new java.util.ArrayList<>(config.printers);
    if (demo != null) {
      printers.addAll(demo.configs);
    }
    List<PrinterId> ids = printers.stream().map(PrinterConfig::id).toList();
    settings.applyEnvironment(System.getenv(), ids); // the environment wins
    CostSettings costs = new CostSettings().apply(config.costs);
    CostApi.loadSaved(costs, config.dataDir.resolve("costs.properties"));
    costs.applyEnvironment(System.getenv(), ids);
    Printernizer.Builder b = Printernizer.builder().jobStore(store).settings(settings)
        .costSettings(costs)
        .notifier(this::broadcast);
    for (PrinterConfig p : printers) {
      b.printer(p);
      names.put(p.id(), p.name());
    }
    this.engine = b.build();
    threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "server-http");
      t.setDaemon(true);
      return t;
    });
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
    DemoPrinters demo = config.demo ? DemoPrinters.start(config.dataDir) : null;
    try {
      ReferenceServer s = start(config, demo, config.demo);
      s.ownsDemo = demo != null;
      return s;
    } catch (IOException | RuntimeException e) {
      if (demo != null) {
        demo.close();
      }
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
    ReferenceServer s = new ReferenceServer(config, printers);
    s.http.start();
    s.engine.start();
    if (printers != null && script) {
      printers.runScript();
    }
    LOG.info("Printernizer reference server on http://{}:{}/ ({} printers{})", config.host,
        s.port(), s.names.size(), printers != null ? ", demo" : "");
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
    ServerConfig cfg = null;
    Integer port = null;
    Path data = null;
    boolean demo = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--demo": demo = true; break;
        case "--config": cfg = ServerConfig.load(Path.of(arg(args, ++i, "--config")),
            System.getenv()); break;
        case "--port": port = Integer.parseInt(arg(args, ++i, "--port")); break;
        case "--data": data = Path.of(arg(args, ++i, "--data")); break;
        default:
          System.err.println("unknown argument " + args[i]
              + "; use --demo, --config FILE, --port N, --data DIR");
          System.exit(2);
      }
    }
    if (cfg == null && !demo && Files.exists(Path.of("config.yaml"))) {
      cfg = ServerConfig.load(Path.of("config.yaml"), System.getenv());
    }
    if (cfg == null) {
      cfg = demo ? ServerConfig.demo() : ServerConfig.empty();
    }
    cfg.demo |= demo;
    if (port != null) {
      cfg.port = port;
    }
    if (data != null) {
      cfg.dataDir = data;
    }
    ReferenceServer s;
    try {
      s = start(cfg);
    } catch (java.net.BindException e) {
      System.err.println("cannot listen on " + cfg.host + ":" + cfg.port + " (" + e.getMessage()
          + "): another program uses that port; start with --port N or set server.port in"
          + " config.yaml");
      System.exit(2);
      return;
    }
    System.out.println("Printernizer is running: open http://" + cfg.host + ":" + s.port() + "/");
    Runtime.getRuntime().addShutdownHook(new Thread(s::close));
    Thread.currentThread().join();
  }

  private static String arg(String[] args, int i, String name) {
    if (i >= args.length) {
      System.err.println(name + " needs a value");
      System.exit(2);
    }
    return args[i];
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
      n.set("job", job(a.job()));
    } else if (e instanceof PrinternizerEvent.JobAdopted) {
      n.set("job", job(((PrinternizerEvent.JobAdopted) e).job()));
    } else if (e instanceof PrinternizerEvent.JobStatusChanged) {
      n.set("job", job(((PrinternizerEvent.JobStatusChanged) e).job()));
    } else if (e instanceof PrinternizerEvent.JobClosed) {
      n.set("job", job(((PrinternizerEvent.JobClosed) e).job()));
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

  private static final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    HttpError(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    HttpGuard.secureHeaders(ex);
    try {
      guard.admit(ex);
    } catch (HttpGuard.Refusal e) {
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
      events.serve(ex, ReferenceServer::error); // this request's thread writes the stream
      return;
    }
    try {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      if (!path.startsWith("/api/")) {
        staticFile(ex, path);
        return;
      }
      if (path.equals("/api/session")) {
        session(ex, method);
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
        // POST creates, except the recompute of a job's cost
        reply(ex, method.equals("POST") && !path.endsWith("/cost") ? 201 : 200, out);
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

  /**
   * {@code GET}: whether a token is needed and this browser has signed in; {@code POST
   * {"token": ...}}: signs in (a session cookie); {@code DELETE}: signs out.
   */
  private void session(HttpExchange ex, String method) throws IOException {
    switch (method) {
      case "POST": {
        JsonNode b = body(ex);
        if (!auth.configured()) {
          throw new HttpError(409, "this server has no token to sign in with");
        }
        if (!auth.matches(b.path("token").isTextual() ? b.path("token").asText() : null)) {
          throw new HttpError(401, "wrong token");
        }
        auth.startSession(ex);
        ex.sendResponseHeaders(204, -1);
        return;
      }
      case "DELETE":
        TokenAuth.endSession(ex);
        ex.sendResponseHeaders(204, -1);
        return;
      case "GET": {
        ObjectNode n = JSON.createObjectNode();
        n.put("token_required", auth.configured());
        n.put("token_for_reads", auth.forReads());
        n.put("signed_in", !auth.configured() || auth.accepts(ex));
        reply(ex, 200, n);
        return;
      }
      default:
        throw new HttpError(405, "use GET, POST or DELETE on the session");
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
    if (path.equals("/api/printers")) {
      requireMethod(method, "GET");
      ArrayNode a = JSON.createArrayNode();
      for (PrinterStatus p : engine.printers()) {
        a.add(printer(p));
      }
      return a;
    }
    if (path.equals("/api/jobs")) {
      if (method.equals("GET")) {
        return jobs(JobQueries.params(ex));
      }
      requireMethod(method, "POST");
      return createJob(body(ex));
    }
    if (path.startsWith("/api/jobs/") && path.endsWith("/cost")) {
      requireMethod(method, "POST");
      String id = path.substring("/api/jobs/".length(), path.length() - "/cost".length());
      try {
        return job(engine.recomputeCost(id).orElseThrow(() -> new HttpError(404, "no job "
            + id)));
      } catch (IllegalStateException e) {
        throw new HttpError(409, String.valueOf(e.getMessage()));
      }
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
          return job(engine.job(id).orElseThrow(() -> new HttpError(404, "no job " + id)));
        case "PATCH":
          return job(editJob(id, body(ex)));
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

  private static void requireMethod(String method, String allowed) {
    if (!method.equals(allowed)) {
      throw new HttpError(405, "use " + allowed);
    }
  }

  private static JsonNode body(HttpExchange ex) throws IOException {
    byte[] b;
    try (InputStream in = ex.getRequestBody()) {
      b = in.readNBytes(MAX_BODY + 1);
    }
    if (b.length > MAX_BODY) {
      throw new HttpError(413, "request body larger than 64 KiB");
    }
    try {
      JsonNode n = STRICT_JSON.readTree(b);
      if (n == null || !n.isObject()) {
        throw new HttpError(400, "the body must be a JSON object");
      }
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new HttpError(400, "invalid JSON: " + e.getOriginalMessage());
    }
  }

  // ------------------------------------------------------------------- jobs

  private JsonNode jobs(Map<String, String> q) {
    JobQuery query = JobQueries.filter(q);
    int offset = JobQueries.intParam(q, "offset", 0);
    int limit = JobQueries.intParam(q, "limit", 50);
    query = query.withPage(offset, limit);
    ObjectNode n = JSON.createObjectNode();
    n.put("total", engine.jobStore().count(query));
    n.put("offset", offset);
    n.put("limit", limit);
    ArrayNode items = n.putArray("items");
    for (Job j : engine.jobs(query)) {
      items.add(job(j));
    }
    return n;
  }

  private JsonNode createJob(JsonNode b) {
    String printer = text(b, "printer_id");
    if (printer == null) {
      throw new IllegalArgumentException("printer_id is required");
    }
    PrinterId id = PrinterId.of(printer);
    if (!names.containsKey(id)) {
      throw new IllegalArgumentException("unknown printer_id '" + printer + "'");
    }
    Job j = engine.createManualJob(id, text(b, "name"), text(b, "file_name"), business(b,
        BusinessFields.EMPTY));
    return job(j);
  }

  private Job editJob(String id, JsonNode b) {
    Job current = engine.job(id).orElseThrow(() -> new HttpError(404, "no job " + id));
    for (String f : (Iterable<String>) b::fieldNames) {
      if (!Set.of("customer", "business", "material_cost", "notes").contains(f)) {
        throw new IllegalArgumentException("field '" + f + "' cannot be edited; editable:"
            + " customer, business, material_cost, notes");
      }
    }
    return engine.updateBusiness(id, business(b, current.business()))
        .orElseThrow(() -> new HttpError(404, "no job " + id));
  }

  private static BusinessFields business(JsonNode b, BusinessFields base) {
    String customer = b.has("customer") ? text(b, "customer") : base.customer();
    boolean business = base.business();
    if (b.has("business")) {
      if (!b.get("business").isBoolean()) {
        throw new IllegalArgumentException("business must be true or false");
      }
      business = b.get("business").asBoolean();
    }
    BigDecimal cost = base.materialCost();
    if (b.has("material_cost")) {
      JsonNode c = b.get("material_cost");
      if (c.isNull()) {
        cost = null;
      } else if (!c.isNumber()) {
        throw new IllegalArgumentException("material_cost must be a number");
      } else {
        cost = c.decimalValue();
      }
    }
    String notes = b.has("notes") ? text(b, "notes") : base.notes();
    return new BusinessFields(customer, business, cost, notes);
  }

  private static @Nullable String text(JsonNode b, String f) {
    JsonNode v = b.get(f);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(f + " must be a string");
    }
    return v.asText();
  }

  private ObjectNode job(Job j) {
    return ApiJson.job(j, names.getOrDefault(j.printerId(), j.printerId().value()));
  }

  private ObjectNode printer(PrinterStatus p) {
    return ApiJson.printer(p, engine.settings().autoCreate(p.config().id()));
  }

  // ------------------------------------------------------------------- plumbing

  private void staticFile(HttpExchange ex, String path) throws IOException {
    String file = path.equals("/") ? "index.html" : path.substring(1);
    if (file.contains("..") || file.contains("/")) {
      throw new HttpError(404, "not found");
    }
    try (InputStream in = ReferenceServer.class.getResourceAsStream("/web/" + file)) {
      if (in == null) {
        throw new HttpError(404, "not found: " + path);
      }
      byte[] b = in.readAllBytes();
      String type = file.endsWith(".html") ? "text/html; charset=utf-8"
          : file.endsWith(".js") ? "text/javascript; charset=utf-8"
          : file.endsWith(".css") ? "text/css; charset=utf-8" : "application/octet-stream";
      ex.getResponseHeaders().set("Content-Type", type);
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
    }
  }

  private static void reply(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] b = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  private static void error(HttpExchange ex, int status, @Nullable String message)
      throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("error", message);
    n.put("status", status);
    reply(ex, status, n);
  }
}
