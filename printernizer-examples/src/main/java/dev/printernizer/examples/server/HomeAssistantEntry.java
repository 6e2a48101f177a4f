package dev.printernizer.examples.server;

import dev.printernizer.api.Secret;
import dev.printernizer.homeassistant.HomeAssistantBridge;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@code type: homeassistant} entry of {@code notifications:}: checked when the file is read,
 * connected when the server starts.
 *
 * @param index its position in the list
 * @param broker the broker URL
 * @param username the broker user, or null
 * @param password the password (from {@code password_env}), or null
 * @param language de or en
 * @param name the destination name
 * @param events the events the event entity fires, or null for the default
 */
record HomeAssistantEntry(int index, URI broker, @Nullable String username,
    @Nullable Secret password, String language, String name,
    @Nullable Set<dev.printernizer.outbox.OutboxEvent> events) {
  private static final Set<String> KEYS = Set.of("type", "name", "url", "username",
      "password_env", "language", "events");

  static HomeAssistantEntry parse(int index, Map<String, Object> e, Map<String, String> env) {
    String where = "notifications[" + index + "]";
    for (String k : e.keySet()) {
      if (!KEYS.contains(k)) {
        throw new IllegalArgumentException(where + "." + k + ": unknown key for homeassistant"
            + " (known: " + new java.util.TreeSet<>(KEYS) + ")");
      }
    }
    Object url = e.get("url");
    URI broker;
    try {
      broker = new URI(String.valueOf(url).trim());
    } catch (URISyntaxException ex) {
      throw new IllegalArgumentException(where + ".url: not a URL", ex);
    }
    if (url == null || broker.getHost() == null
        || !("mqtt".equals(broker.getScheme()) || "mqtts".equals(broker.getScheme()))) {
      throw new IllegalArgumentException(where + ".url: must be mqtt://host[:port] or"
          + " mqtts://host[:port]");
    }
    Secret password = null;
    Object var = e.get("password_env");
    if (var != null) {
      String v = env.get(var.toString());
      if (v == null || v.isEmpty()) {
        throw new IllegalArgumentException(where + ".password_env: the environment variable "
            + var + " is not set");
      }
      password = Secret.of(v);
    }
    String lang = String.valueOf(e.getOrDefault("language", "de"));
    if (!lang.equals("de") && !lang.equals("en")) {
      throw new IllegalArgumentException(where + ".language: must be de or en");
    }
    Set<dev.printernizer.outbox.OutboxEvent> events = null;
    Object ev = e.get("events");
    if (ev != null) {
      events = java.util.EnumSet.noneOf(dev.printernizer.outbox.OutboxEvent.class);
      List<?> names = ev instanceof List ? (List<?>) ev : List.of(ev.toString().split(",", -1));
      for (Object n : names) {
        String name = String.valueOf(n).trim();
        if (!name.isEmpty()) {
          events.add(dev.printernizer.outbox.OutboxEvent.parse(name).orElseThrow(
              () -> new IllegalArgumentException(where + ".events: unknown event '" + name
                  + "'")));
        }
      }
    }
    Object user = e.get("username");
    return new HomeAssistantEntry(index, broker, user == null ? null : user.toString(), password,
        lang, String.valueOf(e.getOrDefault("name", "homeassistant")), events);
  }

  /** @return a bridge that starts connecting now */
  HomeAssistantBridge connect() {
    HomeAssistantBridge.Builder b = HomeAssistantBridge.builder(broker).name(name)
        .language(language);
    if (username != null) {
      b.username(username);
    }
    if (password != null) {
      b.password(password);
    }
    if (events != null && !events.isEmpty()) {
      b.events(events);
    }
    return b.build();
  }
}
