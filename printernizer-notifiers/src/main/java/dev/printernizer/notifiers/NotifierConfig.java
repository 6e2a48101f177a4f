package dev.printernizer.notifiers;

import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Secret;
import dev.printernizer.notifiers.ntfy.NtfyDestination;
import dev.printernizer.notifiers.spoolman.SpoolmanDestination;
import dev.printernizer.notifiers.webhook.WebhookDestination;
import dev.printernizer.outbox.Destination;
import dev.printernizer.outbox.OutboxEvent;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Destinations from configuration: a list of maps (the {@code notifications:} list of the
 * reference server's {@code config.yaml}), or environment variables.
 *
 * <pre>{@code
 * notifications:
 *   - type: webhook                # POST signed JSON
 *     name: orders                 # optional; default: the type and its position
 *     url: https://erp.example.com/hooks/printernizer
 *     secret_env: ORDERS_SECRET    # or secret: ... (prefer the environment)
 *     events: [job_auto_created, job_completed, job_failed]
 *     timeout_seconds: 10
 *   - type: ntfy
 *     url: https://ntfy.sh/my-printers-4f9c
 *     token_env: NTFY_TOKEN        # optional
 *     language: en                 # de (default) or en
 *     priorities: {job_failed: 5}
 *   - type: spoolman
 *     url: http://spoolman.local:7912
 *     spools: {x1c: {0: 12, 1: 15}}  # printer id -> slot -> spool id
 *     extra_printer_field: printernizer_printer
 *     extra_slot_field: printernizer_slot
 * }</pre>
 *
 * <p>Every problem is reported at once, each naming the entry and the key; secrets are read
 * from the environment by name ({@code *_env}) and never appear in messages.
 *
 * @since 0.4
 */
public final class NotifierConfig {
  private static final Set<String> COMMON = Set.of("type", "name", "url", "events",
      "timeout_seconds");
  private static final Map<String, Set<String>> KEYS = Map.of(
      "webhook", Set.of("secret", "secret_env"),
      "ntfy", Set.of("token", "token_env", "language", "priorities"),
      "spoolman", Set.of("spools", "extra_printer_field", "extra_slot_field", "api_key",
          "api_key_env"));

  private NotifierConfig() {}

  /**
   * @param entries the configured destinations
   * @param env the environment (e.g. {@code System::getenv})
   * @return the destinations, in order
   * @throws IllegalArgumentException listing every problem
   * @since 0.4
   */
  public static List<Destination> destinations(List<Map<String, Object>> entries,
      Function<String, @Nullable String> env) {
    return destinations(entries, env, Set.of());
  }

  /**
   * Like {@link #destinations(List, Function)}, skipping the entries whose {@code type} another
   * module reads (the reference server reads {@code homeassistant} itself); positions in
   * messages stay those of the whole list.
   *
   * @param entries the configured destinations
   * @param env the environment
   * @param elsewhere types read elsewhere
   * @return the destinations of the other entries, in order
   * @throws IllegalArgumentException listing every problem
   * @since 0.4
   */
  public static List<Destination> destinations(List<Map<String, Object>> entries,
      Function<String, @Nullable String> env, Set<String> elsewhere) {
    List<Destination> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      Map<String, Object> e = entries.get(i);
      String where = "notifications[" + i + "]";
      if (elsewhere.contains(String.valueOf(e.get("type")))) {
        continue;
      }
      try {
        Destination d = one(e, i, env, where);
        if (!names.add(d.name())) {
          problems.add(where + ": the name '" + d.name() + "' is used twice");
        } else {
          out.add(d);
        }
      } catch (IllegalArgumentException ex) {
        problems.add(ex.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("notification settings: " + String.join("; ",
          problems));
    }
    return out;
  }

  /**
   * Destinations from environment variables, one of each kind at most:
   * {@code PRINTERNIZER_WEBHOOK_URL} (+ {@code PRINTERNIZER_WEBHOOK_SECRET}),
   * {@code PRINTERNIZER_NTFY_URL} (+ {@code PRINTERNIZER_NTFY_TOKEN},
   * {@code PRINTERNIZER_NTFY_LANGUAGE}), {@code PRINTERNIZER_SPOOLMAN_URL} (spools found by their
   * extra fields).
   *
   * @param env the environment
   * @return the destinations configured there
   * @since 0.4
   */
  public static List<Destination> fromEnvironment(Function<String, @Nullable String> env) {
    List<Map<String, Object>> entries = new ArrayList<>();
    String hook = env.apply("PRINTERNIZER_WEBHOOK_URL");
    if (hook != null && !hook.isBlank()) {
      Map<String, Object> w = new java.util.HashMap<>(Map.of("type", "webhook", "name",
          "webhook", "url", hook));
      if (env.apply("PRINTERNIZER_WEBHOOK_SECRET") != null) {
        w.put("secret_env", "PRINTERNIZER_WEBHOOK_SECRET");
      }
      entries.add(w);
    }
    String ntfy = env.apply("PRINTERNIZER_NTFY_URL");
    if (ntfy != null && !ntfy.isBlank()) {
      String lang = env.apply("PRINTERNIZER_NTFY_LANGUAGE");
      Map<String, Object> n = new java.util.HashMap<>(Map.of("type", "ntfy", "name", "ntfy",
          "url", ntfy, "language", lang == null ? "de" : lang));
      if (env.apply("PRINTERNIZER_NTFY_TOKEN") != null) {
        n.put("token_env", "PRINTERNIZER_NTFY_TOKEN");
      }
      entries.add(n);
    }
    String spoolman = env.apply("PRINTERNIZER_SPOOLMAN_URL");
    if (spoolman != null && !spoolman.isBlank()) {
      entries.add(Map.of("type", "spoolman", "name", "spoolman", "url", spoolman));
    }
    return destinations(entries, env);
  }

  private static Destination one(Map<String, Object> e, int index,
      Function<String, @Nullable String> env, String where) {
    String type = text(e, "type", where);
    if (type == null || !KEYS.containsKey(type)) {
      throw new IllegalArgumentException(where + ".type: must be webhook, ntfy or spoolman");
    }
    for (String k : e.keySet()) {
      if (!COMMON.contains(k) && !KEYS.get(type).contains(k)) {
        throw new IllegalArgumentException(where + "." + k + ": unknown key for a " + type
            + " (known: " + new java.util.TreeSet<>(union(COMMON, KEYS.get(type))) + ")");
      }
    }
    String name = text(e, "name", where);
    if (name == null) {
      name = type + ":" + index;
    }
    String url = text(e, "url", where);
    if (url == null) {
      throw new IllegalArgumentException(where + ".url: required");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException ex) {
      throw new IllegalArgumentException(where + ".url: not a URL", ex);
    }
    Duration timeout = Duration.ofSeconds(integer(e, "timeout_seconds", where, 10));
    try {
      switch (type) {
        case "webhook": {
          WebhookDestination.Builder b = WebhookDestination.builder(name, uri).timeout(timeout);
          Secret s = secret(e, "secret", env, where);
          if (s != null) {
            b.secret(s);
          }
          Set<OutboxEvent> ev = events(e, where);
          if (ev != null) {
            b.events(ev);
          }
          return b.build();
        }
        case "ntfy": {
          NtfyDestination.Builder b = NtfyDestination.builder(name, uri).timeout(timeout);
          Secret s = secret(e, "token", env, where);
          if (s != null) {
            b.token(s);
          }
          String lang = text(e, "language", where);
          if (lang != null) {
            b.language(lang);
          }
          Set<OutboxEvent> ev = events(e, where);
          if (ev != null) {
            b.events(ev);
          }
          Object p = e.get("priorities");
          if (p instanceof Map) {
            for (Map.Entry<?, ?> pe : ((Map<?, ?>) p).entrySet()) {
              OutboxEvent ev1 = OutboxEvent.parse(String.valueOf(pe.getKey())).orElseThrow(
                  () -> new IllegalArgumentException(where + ".priorities: unknown event '"
                      + pe.getKey() + "'"));
              b.priority(ev1, toInt(pe.getValue(), where + ".priorities." + pe.getKey()));
            }
          } else if (p != null) {
            throw new IllegalArgumentException(where + ".priorities: must map events to 1-5");
          }
          return b.build();
        }
        default: {
          SpoolmanDestination.Builder b = SpoolmanDestination.builder(name, uri)
              .timeout(timeout);
          Secret s = secret(e, "api_key", env, where);
          if (s != null) {
            b.apiKey(s);
          }
          String pf = text(e, "extra_printer_field", where);
          String sf = text(e, "extra_slot_field", where);
          b.extraFields(pf == null ? "printernizer_printer" : pf,
              sf == null ? "printernizer_slot" : sf);
          Object spools = e.get("spools");
          if (spools instanceof Map) {
            for (Map.Entry<?, ?> pe : ((Map<?, ?>) spools).entrySet()) {
              PrinterId printer = PrinterId.of(String.valueOf(pe.getKey()));
              if (!(pe.getValue() instanceof Map)) {
                throw new IllegalArgumentException(where + ".spools." + pe.getKey()
                    + ": must map slots to spool ids");
              }
              for (Map.Entry<?, ?> se : ((Map<?, ?>) pe.getValue()).entrySet()) {
                String at = where + ".spools." + pe.getKey() + "." + se.getKey();
                b.spool(printer, toInt(se.getKey(), at), toInt(se.getValue(), at));
              }
            }
          } else if (spools != null) {
            throw new IllegalArgumentException(where + ".spools: must map printer ids to"
                + " {slot: spool id}");
          }
          return b.build();
        }
      }
    } catch (IllegalArgumentException ex) {
      String m = ex.getMessage();
      throw new IllegalArgumentException(m != null && m.startsWith(where) ? m
          : where + ": " + m, ex);
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new HashSet<>(a);
    u.addAll(b);
    return u;
  }

  private static @Nullable String text(Map<String, Object> e, String key, String where) {
    Object v = e.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
      throw new IllegalArgumentException(where + "." + key + ": must be a text");
    }
    return v.toString();
  }

  private static long integer(Map<String, Object> e, String key, String where, long dflt) {
    Object v = e.get(key);
    return v == null ? dflt : toInt(v, where + "." + key);
  }

  private static int toInt(Object v, String where) {
    try {
      return v instanceof Number ? Math.toIntExact(((Number) v).longValue())
          : Integer.parseInt(v.toString().trim());
    } catch (NumberFormatException | ArithmeticException ex) {
      throw new IllegalArgumentException(where + ": must be a whole number, was '" + v + "'",
          ex);
    }
  }

  private static @Nullable Secret secret(Map<String, Object> e, String key,
      Function<String, @Nullable String> env, String where) {
    String inline = text(e, key, where);
    String var = text(e, key + "_env", where);
    if (inline != null && var != null) {
      throw new IllegalArgumentException(where + ": set " + key + " or " + key + "_env, not"
          + " both");
    }
    if (var != null) {
      String v = env.apply(var);
      if (v == null || v.isEmpty()) {
        throw new IllegalArgumentException(where + "." + key + "_env: the environment variable "
            + var + " is not set");
      }
      return Secret.of(v);
    }
    return inline == null ? null : Secret.of(inline);
  }

  private static @Nullable Set<OutboxEvent> events(Map<String, Object> e, String where) {
    Object v = e.get("events");
    if (v == null) {
      return null;
    }
    List<String> names = new ArrayList<>();
    if (v instanceof List) {
      ((List<?>) v).forEach(x -> names.add(String.valueOf(x)));
    } else {
      for (String s : v.toString().split(",", -1)) {
        names.add(s);
      }
    }
    Set<OutboxEvent> out = EnumSet.noneOf(OutboxEvent.class);
    for (String n : names) {
      if (n.isBlank()) {
        continue;
      }
      out.add(OutboxEvent.parse(n).orElseThrow(() -> new IllegalArgumentException(where
          + ".events: unknown event '" + n.trim() + "' (known: " + known() + ")")));
    }
    return out;
  }

  private static String known() {
    List<String> k = new ArrayList<>();
    for (OutboxEvent e : OutboxEvent.values()) {
      k.add(e.wireName());
    }
    return String.join(", ", k).toLowerCase(Locale.ROOT);
  }
}
