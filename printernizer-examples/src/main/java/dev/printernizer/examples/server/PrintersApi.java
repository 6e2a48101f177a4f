package dev.printernizer.examples.server;

import static dev.printernizer.examples.server.HttpIo.body;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.printernizer.examples.server.HttpIo.HttpError;
import dev.printernizer.Printernizer;
import dev.printernizer.PrinternizerException;
import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterStatus;
import dev.printernizer.store.InMemoryJobStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Printers managed in the UI: {@code GET /api/printers/config} (every printer's configuration,
 * never a secret; {@code source} says where it is defined), {@code POST /api/printers} (add),
 * {@code PUT /api/printers/{id}} and {@code DELETE /api/printers/{id}} (only those added in the
 * UI: a printer of config.yaml is changed there), {@code POST /api/printers/test} (connect once,
 * at most 8 s, and say what happened). A change is checked like config.yaml's, saved, then
 * applied: a change that cannot be saved changes nothing. Changes are serialized; the test runs
 * beside them on the request's thread.
 */
final class PrintersApi {
  private static final Logger LOG = LoggerFactory.getLogger(PrintersApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final long TEST_SECONDS = 8;

  private final Printernizer engine;
  private final Map<PrinterId, String> names;
  private final PrinterRegistry registry;
  private final List<PrinterConfig> fixed;
  private List<PrinterConfig> saved;

  /**
   * @param engine the engine
   * @param names printer names for the job list (updated here)
   * @param registry where UI printers are kept
   * @param fixed printers of config.yaml and the demo (read-only here)
   * @param saved printers loaded from the registry (already in the engine)
   */
  PrintersApi(Printernizer engine, Map<PrinterId, String> names, PrinterRegistry registry,
      List<PrinterConfig> fixed, List<PrinterConfig> saved) {
    this.engine = engine;
    this.names = names;
    this.registry = registry;
    this.fixed = List.copyOf(fixed);
    this.saved = List.copyOf(saved);
  }

  /** Routes {@code /api/printers/...} (not {@code GET /api/printers}, the status list). */
  @Nullable JsonNode route(HttpExchange ex, String method, String path) throws IOException {
    if (path.equals("/api/printers/config")) {
      HttpIo.requireMethod(method, "GET");
      return list();
    }
    if (path.equals("/api/printers/test")) {
      HttpIo.requireMethod(method, "POST");
      JsonNode b = body(ex); // testing an edit without retyping the secret: the saved one
      return test(PrinterJson.config(b, storedSecret(b.path("id").asText())));
    }
    if (path.equals("/api/printers")) {
      HttpIo.requireMethod(method, "POST");
      return add(body(ex));
    }
    String id = path.substring("/api/printers/".length());
    switch (method) {
      case "PUT":
        return edit(id, body(ex));
      case "DELETE":
        remove(id);
        return null;
      default:
        throw new HttpError(405, "use PUT or DELETE on a printer");
    }
  }

  synchronized ArrayNode list() {
    ArrayNode a = JSON.createArrayNode();
    for (PrinterConfig p : fixed) {
      a.add(PrinterJson.json(p).put("source", "config"));
    }
    for (PrinterConfig p : saved) {
      a.add(PrinterJson.json(p).put("source", "ui"));
    }
    return a;
  }

  synchronized ObjectNode add(JsonNode body) throws IOException {
    PrinterConfig c = PrinterJson.config(body, null);
    if (find(c.id().value()) != null || owned(c.id().value()) != null) {
      throw new HttpError(409, "a printer with id '" + c.id().value() + "' exists already");
    }
    check(c);
    List<PrinterConfig> next = new ArrayList<>(saved);
    next.add(c);
    save(next);
    engine.addPrinter(c);
    names.put(c.id(), c.name());
    LOG.info("printer {} ({}) added in the UI", c.id().value(), c.type());
    return PrinterJson.json(c).put("source", "ui");
  }

  synchronized ObjectNode edit(String id, JsonNode body) throws IOException {
    PrinterConfig old = editable(id);
    if (!body.isObject()) {
      throw new IllegalArgumentException("the body must be a JSON object");
    }
    ObjectNode b = ((ObjectNode) body).deepCopy();
    if (b.has("id") && !b.path("id").asText().equals(id)) {
      throw new IllegalArgumentException("id: a printer's id cannot change (remove it and add"
          + " a new one)");
    }
    b.put("id", id);
    PrinterConfig c = PrinterJson.config(b, old.credential().map(s -> s.reveal()).orElse(null));
    check(c);
    List<PrinterConfig> next = new ArrayList<>();
    for (PrinterConfig p : saved) {
      next.add(p.id().equals(c.id()) ? c : p);
    }
    save(next);
    engine.removePrinter(c.id());
    engine.addPrinter(c);
    names.put(c.id(), c.name());
    LOG.info("printer {} changed in the UI", id);
    return PrinterJson.json(c).put("source", "ui");
  }

  synchronized void remove(String id) throws IOException {
    PrinterConfig old = editable(id);
    List<PrinterConfig> next = new ArrayList<>(saved);
    next.remove(old);
    save(next);
    engine.removePrinter(old.id()); // its jobs stay in the history, with its name
    LOG.info("printer {} removed in the UI", id);
  }

  private synchronized @Nullable String storedSecret(String id) {
    PrinterConfig p = owned(id);
    return p == null ? null : p.credential().map(c -> c.reveal()).orElse(null);
  }

  private PrinterConfig editable(String id) {
    PrinterConfig p = owned(id);
    if (p != null) {
      return p;
    }
    if (find(id) != null) {
      throw new HttpError(409, "printer '" + id + "' is defined in config.yaml (or is a demo"
          + " printer); change it there");
    }
    throw new HttpError(404, "no printer " + id);
  }

  private @Nullable PrinterConfig owned(String id) {
    return saved.stream().filter(p -> p.id().value().equals(id)).findFirst().orElse(null);
  }

  private @Nullable PrinterConfig find(String id) {
    return fixed.stream().filter(p -> p.id().value().equals(id)).findFirst().orElse(null);
  }

  private void save(List<PrinterConfig> next) throws IOException {
    try {
      registry.save(next);
    } catch (IOException e) {
      LOG.warn("could not save the printers: {}", e.toString());
      throw new HttpError(500, "could not save the printers (" + e.getMessage()
          + "); nothing was changed");
    }
    saved = List.copyOf(next);
  }

  /** The drivers' own checks (host, serial, credential, options), without connecting. */
  private static void check(PrinterConfig c) {
    try (Printernizer p = probe(c, new AutoJobSettings()).build()) {
      LOG.debug("printer {} checked: {}", c.id().value(), p);
    } catch (PrinternizerException e) {
      throw new IllegalArgumentException(String.valueOf(e.getMessage())
          .replaceFirst("^printer " + java.util.regex.Pattern.quote(c.id().value()) + ": ", ""),
          e);
    }
  }

  private static Printernizer.Builder probe(PrinterConfig c, AutoJobSettings settings) {
    return Printernizer.builder().jobStore(new InMemoryJobStore()).settings(settings).printer(c);
  }

  /**
   * Connects once with a throw-away engine (no jobs are made) and reports what happened within
   * {@value #TEST_SECONDS} s: connected and its state, or the connection problem with its kind
   * and detail.
   */
  static ObjectNode test(PrinterConfig c) {
    check(c);
    java.util.concurrent.Semaphore events = new java.util.concurrent.Semaphore(0);
    ObjectNode n = JSON.createObjectNode();
    try (Printernizer p = probe(c, new AutoJobSettings().setAutoCreate(false))
        .notifier(e -> events.release()).build()) {
      p.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TEST_SECONDS);
      PrinterStatus s = p.printer(c.id()).orElseThrow();
      // every event may be the answer (connected with a report, or a connection problem); the
      // status is read again at most 100 ms after one, as the event can come before the view
      while (!(s.connected() && s.lastSnapshot() != null) && s.connectionProblem().isEmpty()
          && System.nanoTime() < deadline) {
        var unused = events.tryAcquire(Math.min(100_000_000L,
            Math.max(0, deadline - System.nanoTime())), TimeUnit.NANOSECONDS);
        s = p.printer(c.id()).orElseThrow();
      }
      s = p.printer(c.id()).orElseThrow();
      n.put("ok", s.connected());
      n.put("state", s.state().name());
      s.connectionProblem().ifPresent(problem -> n.set("problem", ApiJson.problem(problem)));
      if (!s.connected() && s.connectionProblem().isEmpty()) {
        n.put("detail", "no answer within " + TEST_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HttpError(503, "the test was interrupted");
    }
    return n;
  }

}
