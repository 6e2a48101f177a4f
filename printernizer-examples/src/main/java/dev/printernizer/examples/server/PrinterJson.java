package dev.printernizer.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Secret;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A printer's configuration as JSON, for {@code /api/printers/config} and {@code printers.json}:
 * {@code id, name, type, host, port, serial, username, power_watts, options} and, only when it
 * comes in, {@code secret} and {@code auth} ({@code "apikey"} for a PrusaLink API key). A secret
 * never goes out: {@code has_secret} says whether there is one. Every error names the field.
 */
final class PrinterJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FIELDS = List.of("id", "name", "type", "host", "port",
      "serial", "username", "power_watts", "options", "secret", "auth", "has_secret",
      "source");

  private PrinterJson() {}

  /**
   * @param n the JSON object
   * @param secret the secret when the JSON has none ({@code secret} in the JSON wins)
   * @return the configuration
   * @throws IllegalArgumentException naming the field
   */
  static PrinterConfig config(JsonNode n, @Nullable String secret) {
    if (!n.isObject()) {
      throw new IllegalArgumentException("a printer must be a JSON object");
    }
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      if (!FIELDS.contains(e.getKey())) {
        throw new IllegalArgumentException(e.getKey() + ": unknown field (known: id, name, type,"
            + " host, port, serial, username, secret, auth, power_watts, options)");
      }
    }
    String id = text(n, "id");
    String type = text(n, "type");
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("id: required (letters, digits, '-', '_', '.')");
    }
    if (type == null || type.isBlank()) {
      throw new IllegalArgumentException("type: required (prusa or bambu)");
    }
    PrinterConfig.Builder b;
    try {
      b = PrinterConfig.builder(PrinterId.of(id), type);
    } catch (IllegalArgumentException e) {
      String why = String.valueOf(e.getMessage());
      throw new IllegalArgumentException((why.contains("type") ? "type: " : "id: ") + why, e);
    }
    String name = text(n, "name");
    if (name != null && !name.isBlank()) {
      b.name(name.strip());
    }
    String host = text(n, "host");
    if (host != null && !host.isBlank()) {
      b.host(host.strip());
    }
    JsonNode port = n.path("port");
    if (!port.isMissingNode() && !port.isNull()) {
      if (!port.canConvertToInt() || port.asInt() < 0 || port.asInt() > 65535) {
        throw new IllegalArgumentException("port: a whole number 0-65535 (0: the driver's"
            + " default), was " + port);
      }
      b.port(port.asInt());
    }
    String serial = text(n, "serial");
    if (serial != null && !serial.isBlank()) {
      b.serial(serial.strip());
    }
    String user = text(n, "username");
    if (user != null && !user.isBlank()) {
      b.username(user.strip());
    }
    JsonNode watts = n.path("power_watts");
    if (!watts.isMissingNode() && !watts.isNull()) {
      if (!watts.isNumber() || !(watts.asDouble() > 0 && watts.asDouble() <= 100_000)) {
        throw new IllegalArgumentException("power_watts: more than 0 and at most 100000, was "
            + watts);
      }
      b.powerWatts(watts.asDouble());
    }
    JsonNode options = n.path("options");
    if (!options.isMissingNode() && !options.isNull()) {
      if (!options.isObject()) {
        throw new IllegalArgumentException("options: must be an object of driver options");
      }
      for (Map.Entry<String, JsonNode> o : options.properties()) {
        if (!o.getValue().isValueNode()) {
          throw new IllegalArgumentException("options." + o.getKey() + ": must be a value");
        }
        b.option(o.getKey(), o.getValue().asText());
      }
    }
    String auth = text(n, "auth");
    if (auth != null && !auth.isBlank()) {
      if (!auth.equals("apikey") && !auth.equals("password")) {
        throw new IllegalArgumentException("auth: apikey or password, was '" + auth + "'");
      }
      if (auth.equals("apikey")) {
        b.option("auth", "apikey");
      }
    }
    String given = text(n, "secret");
    String s = given != null && !given.isEmpty() ? given : secret;
    if (s != null && !s.isEmpty()) {
      b.credential(Secret.of(s));
    }
    return b.build();
  }

  /**
   * @param p a configuration
   * @return its JSON, without the secret
   */
  static ObjectNode json(PrinterConfig p) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", p.id().value());
    n.put("name", p.name());
    n.put("type", p.type());
    p.host().ifPresent(h -> n.put("host", h));
    n.put("port", p.port());
    p.serial().ifPresent(s -> n.put("serial", s));
    p.username().ifPresent(u -> n.put("username", u));
    p.powerWatts().ifPresent(w -> n.put("power_watts", w));
    ObjectNode o = n.putObject("options");
    new java.util.TreeMap<>(p.options()).forEach(o::put);
    n.put("has_secret", p.credential().isPresent());
    return n;
  }

  private static @Nullable String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(field + ": must be text");
    }
    return v.asText();
  }
}
