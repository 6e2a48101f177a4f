package dev.printernizer.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The reference server's configuration, read from {@code config.yaml}. Every error names the
 * key and its line. Secrets are given inline or, better, by the name of an environment variable
 * ({@code access_code_env}, {@code password_env}, {@code api_key_env}).
 */
public final class ServerConfig {
  String host = "127.0.0.1";
  /** Host names the server answers for besides IP addresses and localhost. */
  final java.util.Set<String> allowedHosts = new java.util.TreeSet<>();
  int port = 8080;
  @Nullable String token;
  /** Whether reads and the event stream need the token too (when there is one). */
  boolean tokenForReads = true;
  Path dataDir = Path.of("data");
  /** Where the job history is: the embedded H2 in {@link #dataDir}, or a database server. */
  DatabaseConfig database = DatabaseConfig.embedded();
  boolean demo;
  final List<PrinterConfig> printers = new ArrayList<>();
  final Map<String, String> settings = new LinkedHashMap<>();
  /** The {@code notifications:} list, checked when loaded (see {@code NotifierConfig}). */
  final List<Map<String, Object>> notifications = new ArrayList<>();
  /** The environment the file was read with (secrets by name); the process's when null. */
  @Nullable Map<String, String> env;
  /** Prices ({@code costs:} in the file; keys of {@code CostSettings}). */
  final Map<String, String> costs = new LinkedHashMap<>();

  private static final ObjectMapper NOTIFICATION_JSON = new ObjectMapper();
  private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP =
      new com.fasterxml.jackson.core.type.TypeReference<>() { };

  /**
   * The outbox destinations: the {@code notifications:} list, then those the environment
   * configures ({@code PRINTERNIZER_WEBHOOK_URL}, {@code PRINTERNIZER_NTFY_URL},
   * {@code PRINTERNIZER_SPOOLMAN_URL}); secrets are read from the environment the file was
   * loaded with.
   *
   * @return the destinations
   * @throws IllegalArgumentException naming every problem
   */
  List<dev.printernizer.outbox.Destination> destinations() {
    return destinations(env != null ? env : System.getenv());
  }

  private List<dev.printernizer.outbox.Destination> destinations(Map<String, String> env) {
    List<dev.printernizer.outbox.Destination> out = new ArrayList<>(
        dev.printernizer.notifiers.NotifierConfig.destinations(notifications, env::get,
            java.util.Set.of("homeassistant")));
    out.addAll(dev.printernizer.notifiers.NotifierConfig.fromEnvironment(env::get));
    return out;
  }

  /**
   * @return the {@code type: homeassistant} entries, checked (connected by the server)
   * @throws IllegalArgumentException naming the entry and key
   */
  List<HomeAssistantEntry> homeAssistant() {
    List<HomeAssistantEntry> out = new ArrayList<>();
    for (int i = 0; i < notifications.size(); i++) {
      if ("homeassistant".equals(notifications.get(i).get("type"))) {
        out.add(HomeAssistantEntry.parse(i, notifications.get(i),
            env != null ? env : System.getenv()));
      }
    }
    return out;
  }

  /** @return a configuration for the demo: simulated printers, data in {@code data/} */
  public static ServerConfig demo() {
    ServerConfig c = new ServerConfig();
    c.demo = true;
    c.costs.put("cost_filament_price_per_kg", "25"); // typical prices, so the demo shows costs
    c.costs.put("cost_energy_price_per_kwh", "0.35");
    c.settings.put("job_creation_backfill", "7d"); // the Klipper printer's history shows
    return c;
  }

  /** @return an empty configuration (no printers) */
  public static ServerConfig empty() {
    return new ServerConfig();
  }

  /** @param p port (0: any free port) @return this */
  public ServerConfig port(int p) {
    this.port = p;
    return this;
  }

  /** @param dir the data directory @return this */
  public ServerConfig dataDir(Path dir) {
    this.dataDir = dir;
    return this;
  }

  /**
   * Whether reads and the event stream need the token too (default true; only with a token).
   *
   * @param reads false: anyone who reaches the server may read
   * @return this
   */
  public ServerConfig tokenForReads(boolean reads) {
    this.tokenForReads = reads;
    return this;
  }

  /**
   * Sets the token that protects the API (changes always; reads unless
   * {@link #tokenForReads(boolean)} is false).
   *
   * @param t the token, or null for none
   * @return this
   */
  public ServerConfig token(@Nullable String t) {
    if (t != null && t.isBlank()) {
      throw new IllegalArgumentException("the server token must not be empty");
    }
    this.token = t;
    return this;
  }

  /** @param p a printer @return this */
  public ServerConfig printer(PrinterConfig p) {
    printers.add(p);
    return this;
  }

  /**
   * Sets one setting.
   *
   * @param key a settings key
   * @param value its value
   * @return this
   */
  public ServerConfig setting(String key, String value) {
    settings.put(key, value);
    return this;
  }

  /**
   * Reads a config file.
   *
   * @param file the YAML file
   * @param env environment variables (for secrets)
   * @return the configuration
   * @throws IllegalArgumentException naming the file, line and key of the first problem
   */
  public static ServerConfig load(Path file, Map<String, String> env) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
    JsonNode root;
    Map<String, Integer> lines;
    try {
      root = new YAMLMapper().readTree(text);
      lines = YamlLines.of(text);
    } catch (IOException e) {
      String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException
          && ((com.fasterxml.jackson.core.JsonProcessingException) e).getLocation() != null
          ? " line " + ((com.fasterxml.jackson.core.JsonProcessingException) e).getLocation()
              .getLineNr() : "";
      throw new IllegalArgumentException(file + where + ": not valid YAML ("
          + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")", e);
    }
    Reader r = new Reader(file, lines);
    ServerConfig c = new ServerConfig();
    c.env = Map.copyOf(env);
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(file + ": the file must be a mapping of keys");
    }
    JsonNode server = root.path("server");
    if (!server.isMissingNode()) {
      c.host = Objects.requireNonNullElse(r.text(server, "server.host", "host", c.host), c.host);
      c.port = r.integer(server, "server.port", "port", c.port, 0, 65535);
      JsonNode hosts = server.path("allowed_hosts");
      if (hosts.isArray()) {
        hosts.forEach(h -> c.allowedHosts.add(h.asText()));
      } else if (!hosts.isMissingNode() && !hosts.isNull()) {
        for (String h : hosts.asText().split(",", -1)) {
          if (!h.isBlank()) {
            c.allowedHosts.add(h.strip());
          }
        }
      }
      JsonNode reads = server.path("token_for_reads");
      if (!reads.isMissingNode() && !reads.isNull()) {
        if (!reads.isBoolean()) {
          throw r.error("server.token_for_reads", "must be true or false");
        }
        c.tokenForReads = reads.asBoolean();
      }
      String tokenEnv = r.text(server, "server.token_env", "token_env", null);
      c.token = tokenEnv != null ? r.env(env, "server.token_env", tokenEnv)
          : r.text(server, "server.token", "token", null);
      if (c.token != null && c.token.isBlank()) {
        throw r.error(tokenEnv != null ? "server.token_env" : "server.token",
            "must not be empty (an empty token would let anyone change things)");
      }
    }
    JsonNode db = root.path("database");
    if (!db.isMissingNode()) {
      c.dataDir = Path.of(r.text(db, "database.directory", "directory", "data"));
      c.database = r.database(db, env);
    }
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String k = e.getKey();
      if (k.startsWith("job_") || k.equals("monitoring_interval")) {
        if (!e.getValue().isValueNode()) {
          throw r.error(k, "must be a value");
        }
        c.settings.put(k, e.getValue().asText());
      } else if (k.equals("costs")) {
        if (!e.getValue().isObject()) {
          throw r.error(k, "must be a mapping of cost settings (cost_currency: EUR, ...)");
        }
        for (Map.Entry<String, JsonNode> cost : e.getValue().properties()) {
          if (!cost.getValue().isValueNode()) {
            throw r.error("costs." + cost.getKey(), "must be a value");
          }
          c.costs.put(cost.getKey(), cost.getValue().isNull() ? "" : cost.getValue().asText());
        }
      } else if (k.equals("notifications")) {
        if (!e.getValue().isArray()) {
          throw r.error(k, "must be a list of destinations (- type: webhook, url: ...)");
        }
        for (JsonNode n : e.getValue()) {
          c.notifications.add(NOTIFICATION_JSON.convertValue(n, MAP));
        }
        try {
          c.destinations(env); // checked now, built again at start
          c.homeAssistant();
        } catch (IllegalArgumentException ex) {
          String m = String.valueOf(ex.getMessage()).replaceFirst("^notification settings: ", "");
          int colon = m.indexOf(':');
          throw r.error(colon > 0 ? m.substring(0, colon) : k, colon > 0
              ? m.substring(colon + 1).strip() : m);
        }
      } else if (!List.of("server", "database", "printers").contains(k)) {
        throw r.error(k, "unknown key (known: server, database, printers, notifications, costs,"
            + " job_creation_auto_create, job_creation_dedup_window, monitoring_interval, ...)");
      }
    }
    JsonNode printers = root.path("printers");
    if (!printers.isMissingNode()) {
      if (!printers.isArray()) {
        throw r.error("printers", "must be a list");
      }
      for (int i = 0; i < printers.size(); i++) {
        c.printers.add(r.printer(printers.get(i), "printers[" + i + "]", env));
      }
    }
    try {
      new dev.printernizer.api.AutoJobSettings().apply(c.settings); // validate now
    } catch (IllegalArgumentException e) {
      String why = String.valueOf(e.getMessage());
      String key = c.settings.keySet().stream().filter(why::contains).findFirst()
          .orElse("settings");
      throw r.error(key, e.getMessage());
    }
    try {
      new dev.printernizer.accounting.CostSettings().apply(c.costs); // validate now
    } catch (IllegalArgumentException e) {
      String why = String.valueOf(e.getMessage());
      String key = c.costs.keySet().stream().filter(why::contains).findFirst().orElse("");
      throw r.error("costs" + (key.isEmpty() ? "" : "." + key), e.getMessage());
    }
    return c;
  }

  /** Reads values, with errors that name the file, the line and the key. */
  private static final class Reader {
    final Path file;
    final Map<String, Integer> lines;

    Reader(Path file, Map<String, Integer> lines) {
      this.file = file;
      this.lines = lines;
    }

    IllegalArgumentException error(String key, @Nullable String what) {
      Integer line = lines.get(key);
      return new IllegalArgumentException(file + (line == null ? "" : " line " + line) + ": "
          + key + ": " + what);
    }

    @Nullable String text(JsonNode n, String key, String field, @Nullable String dflt) {
      JsonNode v = n.get(field);
      if (v == null || v.isNull()) {
        return dflt;
      }
      if (!v.isValueNode()) {
        throw error(key, "must be a single value");
      }
      return v.asText();
    }

    int integer(JsonNode n, String key, String field, int dflt, int min, int max) {
      JsonNode v = n.get(field);
      if (v == null || v.isNull()) {
        return dflt;
      }
      if (!v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
        throw error(key, "must be a whole number " + min + "-" + max + ", was '" + v.asText()
            + "'");
      }
      return v.asInt();
    }

    String env(Map<String, String> env, String key, String name) {
      String v = env.get(name);
      if (v == null || v.isEmpty()) {
        throw error(key, "environment variable " + name + " is not set");
      }
      return v;
    }

    DatabaseConfig database(JsonNode db, Map<String, String> env) {
      for (Map.Entry<String, JsonNode> e : db.properties()) {
        if (!List.of("directory", "url", "user", "password", "password_env", "pool_size")
            .contains(e.getKey())) {
          throw error("database." + e.getKey(), "unknown key (known: directory, url, user,"
              + " password_env, pool_size)");
        }
      }
      String url = text(db, "database.url", "url", null);
      String user = text(db, "database.user", "user", null);
      String inline = text(db, "database.password", "password", null);
      String envName = text(db, "database.password_env", "password_env", null);
      if (inline != null && envName != null) {
        throw error("database.password", "give either password or password_env");
      }
      String password = envName != null ? env(env, "database.password_env", envName) : inline;
      int pool = integer(db, "database.pool_size", "pool_size", DatabaseConfig.DEFAULT_POOL, 1,
          100);
      if (url == null && (user != null || password != null)) {
        throw error(user != null ? "database.user" : "database.password",
            "needs database.url (without a url the history is the embedded database in"
            + " database.directory)");
      }
      try {
        return new DatabaseConfig(url, user, password == null ? null : Secret.of(password),
            pool);
      } catch (IllegalArgumentException e) {
        throw error("database.url", e.getMessage());
      }
    }

    PrinterConfig printer(JsonNode n, String key, Map<String, String> env) {
      if (!n.isObject()) {
        throw error(key, "must be a mapping with id, type, host, ...");
      }
      String id = text(n, key + ".id", "id", null);
      String type = text(n, key + ".type", "type", null);
      if (id == null) {
        throw error(key, "needs 'id'");
      }
      if (type == null) {
        throw error(key, "needs 'type' (bambu or prusa)");
      }
      PrinterConfig.Builder b;
      try {
        b = PrinterConfig.builder(PrinterId.of(id), type);
      } catch (IllegalArgumentException e) {
        String why = String.valueOf(e.getMessage());
        throw error(key + (why.contains("type") ? ".type" : ".id"), why);
      }
      try {
        String name = text(n, key + ".name", "name", null);
        if (name != null) {
          b.name(name);
        }
        String host = text(n, key + ".host", "host", null);
        if (host != null) {
          b.host(host);
        }
        b.port(integer(n, key + ".port", "port", 0, 0, 65535));
        String serial = text(n, key + ".serial", "serial", null);
        if (serial != null) {
          b.serial(serial);
        }
        String user = text(n, key + ".username", "username", null);
        if (user != null) {
          b.username(user);
        }
        JsonNode watts = n.path("power_watts");
        if (!watts.isMissingNode()) {
          if (!watts.isNumber() || watts.asDouble() <= 0 || watts.asDouble() > 100_000) {
            throw error(key + ".power_watts", "must be the printer's average power draw while"
                + " printing in watts, more than 0 and at most 100000 (e.g. 120), was '"
                + watts.asText() + "'");
          }
          b.powerWatts(watts.asDouble());
        }
      } catch (IllegalArgumentException e) {
        throw error(key, e.getMessage());
      }
      for (String secret : new String[] {"access_code", "password", "api_key"}) {
        String inline = text(n, key + "." + secret, secret, null);
        String envName = text(n, key + "." + secret + "_env", secret + "_env", null);
        if (inline != null && envName != null) {
          throw error(key + "." + secret, "give either " + secret + " or " + secret + "_env");
        }
        String v = envName != null ? env(env, key + "." + secret + "_env", envName) : inline;
        if (v != null) {
          b.credential(Secret.of(v));
          if (secret.equals("api_key")) {
            b.option("auth", "apikey");
          }
        }
      }
      JsonNode options = n.path("options");
      if (!options.isMissingNode()) {
        if (!options.isObject()) {
          throw error(key + ".options", "must be a mapping");
        }
        for (Map.Entry<String, JsonNode> e : options.properties()) {
          b.option(e.getKey(), e.getValue().asText());
        }
      }
      return b.build();
    }
  }
}
