package dev.printernizer.notifiers.ntfy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.printernizer.api.Job;
import dev.printernizer.api.Secret;
import dev.printernizer.notifiers.internal.Checks;
import dev.printernizer.notifiers.internal.Http;
import dev.printernizer.notifiers.internal.Json;
import dev.printernizer.outbox.DeliveryContext;
import dev.printernizer.outbox.Destination;
import dev.printernizer.outbox.OutboxEntry;
import dev.printernizer.outbox.OutboxEvent;
import dev.printernizer.outbox.PermanentDeliveryFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Push notifications through an ntfy server (ntfy.sh or your own): each entry becomes a message
 * on a topic, with a title, priority and tags by event, in German or English. Published as JSON
 * to the server's root (so titles with umlauts need no header encoding), with an access token
 * as a bearer token when the topic is protected.
 *
 * <p>The topic URL is a secret of its own (anyone who knows it can read the topic): it never
 * appears in {@link #toString()}, logs or errors, which name the server only. ntfy has no
 * idempotency key: a delivery repeated after a crash shows twice.
 *
 * @since 0.4
 */
public final class NtfyDestination implements Destination {
  /** The events sent unless configured: closes and printer trouble. */
  public static final Set<OutboxEvent> DEFAULT_EVENTS = EnumSet.of(OutboxEvent.JOB_COMPLETED,
      OutboxEvent.JOB_FAILED, OutboxEvent.JOB_CANCELLED, OutboxEvent.JOB_INTERRUPTED,
      OutboxEvent.PRINTER_OFFLINE_MID_PRINT, OutboxEvent.PRINTER_CONNECTION_PROBLEM);

  private final String name;
  private final URI server;
  private final String topic;
  private final @Nullable Secret token;
  private final boolean german;
  private final Set<OutboxEvent> events;
  private final Map<OutboxEvent, Integer> priorities;
  private final Http http;

  private NtfyDestination(Builder b) {
    this.name = b.name;
    String path = b.topicUrl.getRawPath();
    int slash = path.lastIndexOf('/');
    this.topic = path.substring(slash + 1);
    this.server = b.topicUrl.resolve(path.substring(0, slash + 1));
    this.token = b.token;
    this.german = b.german;
    this.events = Set.copyOf(b.events);
    this.priorities = Map.copyOf(b.priorities);
    this.http = new Http(server, b.timeout);
  }

  /**
   * @param name the destination's stable name, e.g. {@code ntfy:phone}
   * @param topicUrl the topic's URL, e.g. {@code https://ntfy.sh/my-printers-4f9c}
   * @return a builder
   * @throws IllegalArgumentException if the URL is not an http(s) URL ending in a topic
   * @since 0.4
   */
  public static Builder builder(String name, URI topicUrl) {
    return new Builder(name, topicUrl);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<OutboxEvent> events() {
    return events;
  }

  @Override
  public void deliver(DeliveryContext d) throws IOException, InterruptedException,
      PermanentDeliveryFailure {
    OutboxEntry e = d.entry();
    ObjectNode msg = Json.MAPPER.createObjectNode();
    msg.put("topic", topic);
    msg.put("title", title(e.event()));
    msg.put("message", message(d));
    msg.put("priority", priorities.getOrDefault(e.event(), defaultPriority(e.event())));
    msg.putArray("tags").add(tag(e.event()));
    HttpRequest.Builder r = http.request(server)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(msg)));
    if (token != null) {
      r.header("Authorization", "Bearer " + token.reveal());
    }
    http.send(r.build());
  }

  /**
   * @param event an event
   * @return its title in this destination's language
   * @since 0.4
   */
  public String title(OutboxEvent event) {
    switch (event) {
      case JOB_AUTO_CREATED:
        return german ? "Auftrag automatisch erstellt" : "Job created automatically";
      case JOB_ADOPTED:
        return german ? "Geplanter Auftrag gestartet" : "Planned job started";
      case JOB_PAUSED:
        return german ? "Druck pausiert" : "Print paused";
      case JOB_RESUMED:
        return german ? "Druck fortgesetzt" : "Print resumed";
      case JOB_COMPLETED:
        return german ? "Druck fertig" : "Print completed";
      case JOB_FAILED:
        return german ? "Druck fehlgeschlagen" : "Print failed";
      case JOB_CANCELLED:
        return german ? "Druck abgebrochen" : "Print cancelled";
      case JOB_INTERRUPTED:
        return german ? "Druck unterbrochen" : "Print interrupted";
      case FILAMENT_USED:
        return german ? "Filamentverbrauch erfasst" : "Filament use recorded";
      case PRINTER_OFFLINE_MID_PRINT:
        return german ? "Drucker während des Drucks offline" : "Printer offline mid-print";
      case PRINTER_CONNECTION_PROBLEM:
        return german ? "Verbindungsproblem" : "Connection problem";
      default:
        return event.wireName();
    }
  }

  private String message(DeliveryContext d) {
    Job job = d.job().orElse(null);
    StringBuilder b = new StringBuilder(d.printerName());
    if (job != null) {
      b.append(": ").append(job.fileName().orElse(job.name()));
    }
    String detail = d.entry().detail();
    if (detail != null && !detail.isBlank()) {
      b.append(" (").append(detail).append(')');
    }
    return b.toString();
  }

  private static int defaultPriority(OutboxEvent e) {
    switch (e) {
      case JOB_FAILED:
      case JOB_INTERRUPTED:
      case PRINTER_OFFLINE_MID_PRINT:
      case PRINTER_CONNECTION_PROBLEM:
        return 4;
      case JOB_PAUSED:
      case JOB_RESUMED:
      case FILAMENT_USED:
        return 2;
      default:
        return 3;
    }
  }

  private static String tag(OutboxEvent e) {
    switch (e) {
      case JOB_COMPLETED:
        return "white_check_mark";
      case JOB_FAILED:
        return "x";
      case JOB_CANCELLED:
        return "no_entry_sign";
      case JOB_INTERRUPTED:
      case PRINTER_OFFLINE_MID_PRINT:
        return "warning";
      case PRINTER_CONNECTION_PROBLEM:
        return "rotating_light";
      default:
        return "printer";
    }
  }

  @Override
  public String toString() {
    return "NtfyDestination{" + name + " -> " + Http.describe(server) + ", topic hidden"
        + (token == null ? "" : ", token set") + "}";
  }

  /**
   * Builds an {@link NtfyDestination}. Not thread-safe.
   *
   * @since 0.4
   */
  public static final class Builder {
    private final String name;
    private final URI topicUrl;
    private @Nullable Secret token;
    private boolean german = true;
    private Set<OutboxEvent> events = DEFAULT_EVENTS;
    private final Map<OutboxEvent, Integer> priorities = new EnumMap<>(OutboxEvent.class);
    private Duration timeout = Duration.ofSeconds(10);

    private Builder(String name, URI topicUrl) {
      this.name = Checks.name(name);
      this.topicUrl = Checks.httpUrl("ntfy", name, topicUrl, "https://ntfy.sh/my-printers");
      String path = topicUrl.getRawPath();
      if (path == null || !path.matches(".*/[-_A-Za-z0-9]{1,64}")
          || topicUrl.getRawQuery() != null) {
        throw new IllegalArgumentException("ntfy " + name + ": the url must be an http:// or"
            + " https:// address ending in the topic (letters, digits, - and _), e.g."
            + " https://ntfy.sh/my-printers");
      }
    }

    /**
     * @param token an ntfy access token ({@code tk_...}) for a protected topic
     * @return this
     * @since 0.4
     */
    public Builder token(Secret token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /**
     * @param language {@code de} (default) or {@code en}
     * @return this
     * @since 0.4
     */
    public Builder language(String language) {
      String l = language.trim().toLowerCase(Locale.ROOT);
      if (!l.equals("de") && !l.equals("en")) {
        throw new IllegalArgumentException("ntfy " + name + ": language must be de or en, was "
            + language);
      }
      this.german = l.equals("de");
      return this;
    }

    /**
     * @param events the events to send (default {@link #DEFAULT_EVENTS})
     * @return this
     * @since 0.4
     */
    public Builder events(Set<OutboxEvent> events) {
      if (events.isEmpty()) {
        throw new IllegalArgumentException("ntfy " + name + ": no events to send");
      }
      this.events = EnumSet.copyOf(events);
      return this;
    }

    /**
     * @param event an event
     * @param priority ntfy's priority, 1 (min) to 5 (max); defaults: 4 for failures and
     *     printer trouble, 2 for pauses and filament, else 3
     * @return this
     * @since 0.4
     */
    public Builder priority(OutboxEvent event, int priority) {
      if (priority < 1 || priority > 5) {
        throw new IllegalArgumentException("ntfy " + name + ": priority must be 1-5");
      }
      priorities.put(event, priority);
      return this;
    }

    /**
     * @param timeout connect and request timeout (default 10 s, at most 20 s)
     * @return this
     * @since 0.4
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Checks.timeout("ntfy", name, timeout);
      return this;
    }

    /**
     * @return the destination
     * @since 0.4
     */
    public NtfyDestination build() {
      return new NtfyDestination(this);
    }
  }
}
