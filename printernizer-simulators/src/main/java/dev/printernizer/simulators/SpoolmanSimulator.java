package dev.printernizer.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A Spoolman server on loopback, as its published REST API v1 describes it: {@code GET
 * /api/v1/info}, {@code GET /api/v1/health}, {@code GET /api/v1/spool} (a list, archived spools
 * with {@code allow_archived=true}), {@code GET /api/v1/spool/{id}} and {@code PUT
 * /api/v1/spool/{id}/use} with either {@code use_weight} (g) or {@code use_length} (mm), answering
 * the spool afterwards; 404 with {@code {"message": ...}} for a missing spool, 400 for a use with
 * both or neither amount. Spools carry {@code used_weight}, {@code remaining_weight} and the
 * {@code extra} fields (values are JSON texts, as Spoolman keeps them).
 *
 * <p>Faults for tests: {@link Fault#DOWN} (the port refuses connections), {@link Fault#SLOW}
 * (answers after a delay), {@link Fault#SLOW_APPLY} (applies a use late, after the caller may
 * have given up), {@link Fault#SERVER_ERROR} (500 without applying the use) and {@link
 * Fault#LOST_RESPONSE} (applies the use, then drops the connection without an answer: the
 * caller cannot know it took effect). Thread-safe.
 *
 * @since 0.4
 */
public final class SpoolmanSimulator implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SPOOL = Pattern.compile("/api/v1/spool/(\\d+)(/use)?");

  /**
   * A fault of the server.
   *
   * @since 0.4
   */
  public enum Fault {
    /** Answers normally. */
    NONE,
    /** Not listening: connections are refused. */
    DOWN,
    /** Answers after {@link #slowMillis(long)}. */
    SLOW,
    /**
     * Reads answer at once; a use is applied after {@link #slowMillis(long)} and answered then:
     * a caller whose timeout is shorter gives up before the use takes effect.
     */
    SLOW_APPLY,
    /** Answers 500 to uses (nothing applied); reads work. */
    SERVER_ERROR,
    /** Applies a use, then closes the connection without answering. */
    LOST_RESPONSE
  }

  private record Spool(int id, String material, double initialWeight, double usedWeight,
      Map<String, String> extra, boolean archived) {}

  private final Map<Integer, Spool> spools = new LinkedHashMap<>();
  private final List<String> uses = new ArrayList<>();
  private int useRequests;
  private final ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
    Thread t = new Thread(r, "spoolman-sim");
    t.setDaemon(true);
    return t;
  });
  private @Nullable HttpServer server;
  private int port;
  private int nextId = 1;
  private volatile Fault fault = Fault.NONE;
  private volatile long slowMillis = 2_000;

  private SpoolmanSimulator() {}

  /**
   * @return a started simulator on 127.0.0.1 and a free port, without spools
   * @since 0.4
   */
  public static SpoolmanSimulator start() {
    SpoolmanSimulator s = new SpoolmanSimulator();
    s.bind(0);
    return s;
  }

  private synchronized void bind(int wanted) {
    try {
      HttpServer h = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
          wanted), 50);
      h.setExecutor(threads);
      h.createContext("/", this::handle);
      h.start();
      server = h;
      port = h.getAddress().getPort();
    } catch (IOException e) {
      throw new IllegalStateException("cannot bind the Spoolman simulator: " + e, e);
    }
  }

  /**
   * @return {@code http://127.0.0.1:<port>}
   * @since 0.4
   */
  public synchronized String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * Adds a spool.
   *
   * @param material the filament's material, e.g. PLA
   * @param initialWeight grams of filament on a full spool
   * @param extra extra fields (values as JSON texts, e.g. {@code "\"x1c\""})
   * @return its id
   * @since 0.4
   */
  public synchronized int addSpool(String material, double initialWeight,
      Map<String, String> extra) {
    int id = nextId++;
    spools.put(id, new Spool(id, material, initialWeight, 0, Map.copyOf(extra), false));
    return id;
  }

  /**
   * @param id a spool
   * @return the grams used from it so far
   * @since 0.4
   */
  public synchronized double usedWeight(int id) {
    Spool s = spools.get(id);
    if (s == null) {
      throw new IllegalArgumentException("no spool " + id);
    }
    return s.usedWeight();
  }

  /**
   * @return every use applied, as {@code "<spool>:<grams>"}, in order
   * @since 0.4
   */
  public synchronized List<String> uses() {
    return List.copyOf(uses);
  }

  /**
   * @return use requests received so far, applied or not (counted on arrival, before any delay)
   * @since 0.4
   */
  public synchronized int useRequests() {
    return useRequests;
  }

  /**
   * Sets the fault; {@link Fault#DOWN} closes the port, any other reopens it on the same port.
   *
   * @param f the fault
   * @since 0.4
   */
  public synchronized void fault(Fault f) {
    Fault before = fault;
    fault = f;
    if (f == Fault.DOWN && before != Fault.DOWN && server != null) {
      server.stop(0);
      server = null;
    } else if (f != Fault.DOWN && before == Fault.DOWN) {
      bind(port);
    }
  }

  /**
   * @param millis the delay of {@link Fault#SLOW} and {@link Fault#SLOW_APPLY}
   * @since 0.4
   */
  public void slowMillis(long millis) {
    this.slowMillis = millis;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (fault == Fault.SLOW) {
        try {
          Thread.sleep(slowMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      if (method.equals("GET") && path.equals("/api/v1/info")) {
        send(ex, 200, JSON.createObjectNode().put("version", "0.22.1").put("db_type", "sqlite"));
        return;
      }
      if (method.equals("GET") && path.equals("/api/v1/health")) {
        send(ex, 200, JSON.createObjectNode().put("status", "healthy"));
        return;
      }
      if (method.equals("GET") && path.equals("/api/v1/spool")) {
        boolean archived = String.valueOf(ex.getRequestURI().getQuery())
            .contains("allow_archived=true");
        ArrayNode list = JSON.createArrayNode();
        synchronized (this) {
          spools.values().stream().filter(s -> archived || !s.archived())
              .forEach(s -> list.add(json(s)));
        }
        send(ex, 200, list);
        return;
      }
      Matcher m = SPOOL.matcher(path);
      if (!m.matches()) {
        send(ex, 404, message("Not Found"));
        return;
      }
      int id = Integer.parseInt(m.group(1));
      boolean use = m.group(2) != null;
      if ((use && !method.equals("PUT")) || (!use && !method.equals("GET"))) {
        send(ex, 405, message("Method Not Allowed"));
        return;
      }
      if (!use) {
        Spool s;
        synchronized (this) {
          s = spools.get(id);
        }
        send(ex, s == null ? 404 : 200, s == null ? message("No spool with ID " + id
            + " found.") : json(s));
        return;
      }
      use(ex, id);
    }
  }

  private void use(HttpExchange ex, int id) throws IOException {
    synchronized (this) {
      useRequests++;
    }
    JsonNode body;
    try (InputStream in = ex.getRequestBody()) {
      body = JSON.readTree(in.readNBytes(64 * 1024));
    } catch (IOException e) {
      send(ex, 422, message("body is not JSON"));
      return;
    }
    double weight = number(body, "use_weight");
    double length = number(body, "use_length");
    boolean hasW = !Double.isNaN(weight);
    boolean hasL = !Double.isNaN(length);
    if (hasW == hasL) {
      send(ex, 400, message("Only specify either use_weight or use_length."));
      return;
    }
    if (fault == Fault.SERVER_ERROR) {
      send(ex, 500, message("Internal Server Error"));
      return;
    }
    if (fault == Fault.SLOW_APPLY) {
      try {
        Thread.sleep(slowMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    Spool after;
    synchronized (this) {
      Spool s = spools.get(id);
      if (s == null) {
        send(ex, 404, message("No spool with ID " + id + " found."));
        return;
      }
      // length in mm of 1.75 mm PLA (1.24 g/cm3): about 2.98 mg per mm
      double grams = hasW ? weight : length * 0.00298;
      after = new Spool(id, s.material(), s.initialWeight(), s.usedWeight() + grams, s.extra(),
          s.archived());
      spools.put(id, after);
      uses.add(id + ":" + grams);
    }
    if (fault == Fault.LOST_RESPONSE) {
      return; // applied; the connection closes without an answer
    }
    send(ex, 200, json(after));
  }

  /** @return the field's number, or NaN when it is absent or null */
  private static double number(@Nullable JsonNode body, String field) {
    JsonNode v = body == null ? null : body.get(field);
    return v == null || v.isNull() ? Double.NaN : v.asDouble();
  }

  private static ObjectNode json(Spool s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", s.id());
    n.put("registered", "2026-01-01T00:00:00Z");
    ObjectNode f = n.putObject("filament");
    f.put("id", s.id());
    f.put("name", s.material() + " basic");
    f.put("material", s.material());
    f.put("density", 1.24);
    f.put("diameter", 1.75);
    n.put("initial_weight", s.initialWeight());
    n.put("used_weight", s.usedWeight());
    n.put("remaining_weight", Math.max(0, s.initialWeight() - s.usedWeight()));
    n.put("archived", s.archived());
    ObjectNode extra = n.putObject("extra");
    s.extra().forEach(extra::put);
    return n;
  }

  private static ObjectNode message(String text) {
    return JSON.createObjectNode().put("message", text);
  }

  private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] b = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  /** Stops the server. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
    threads.shutdownNow();
  }
}
