package dev.printernizer.notifiers.webhook;

import dev.printernizer.api.Secret;
import dev.printernizer.notifiers.internal.Checks;
import dev.printernizer.notifiers.internal.Http;
import dev.printernizer.notifiers.internal.Json;
import dev.printernizer.outbox.DeliveryContext;
import dev.printernizer.outbox.Destination;
import dev.printernizer.outbox.OutboxEvent;
import dev.printernizer.outbox.PermanentDeliveryFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * POSTs each outbox entry as JSON to a URL: the event, its idempotency key, the printer and the
 * job as stored when delivered (the fields of the JSON Lines export). A 2xx answer means
 * delivered; 408, 425, 429, 5xx, timeouts and refused connections are retried; any other status
 * makes the entry a dead letter; redirects are not followed.
 *
 * <p>Headers: {@code Idempotency-Key} (drop repeats by it), {@code X-Printernizer-Event},
 * {@code X-Printernizer-Timestamp} (epoch seconds) and, with a secret, {@code
 * X-Printernizer-Signature: sha256=<hex>}, the HMAC-SHA256 of {@code <timestamp>.<body>} with
 * the secret: recompute it over the raw body and compare in constant time; refuse old
 * timestamps to stop replays.
 *
 * <p>Thread-safe; the secret never appears in {@link #toString()}, logs or exceptions.
 *
 * @since 0.4
 */
public final class WebhookDestination implements Destination {
  /** The events a webhook gets unless configured. */
  public static final Set<OutboxEvent> DEFAULT_EVENTS = EnumSet.of(OutboxEvent.JOB_AUTO_CREATED,
      OutboxEvent.JOB_ADOPTED, OutboxEvent.JOB_COMPLETED, OutboxEvent.JOB_FAILED,
      OutboxEvent.JOB_CANCELLED, OutboxEvent.JOB_INTERRUPTED,
      OutboxEvent.PRINTER_OFFLINE_MID_PRINT, OutboxEvent.PRINTER_CONNECTION_PROBLEM);

  private final String name;
  private final URI url;
  private final @Nullable Secret secret;
  private final Set<OutboxEvent> events;
  private final Http http;

  private WebhookDestination(Builder b) {
    this.name = b.name;
    this.url = b.url;
    this.secret = b.secret;
    this.events = Set.copyOf(b.events);
    this.http = new Http(url, b.timeout);
  }

  /**
   * @param name the destination's stable name, e.g. {@code webhook:orders}
   * @param url where to POST (http or https)
   * @return a builder
   * @throws IllegalArgumentException if the URL is not absolute http(s)
   * @since 0.4
   */
  public static Builder builder(String name, URI url) {
    return new Builder(name, url);
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
    byte[] body = Json.entry(d).getBytes(StandardCharsets.UTF_8);
    String timestamp = Long.toString(d.now().getEpochSecond());
    HttpRequest.Builder r = http.request(url)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", d.entry().key())
        .header("X-Printernizer-Event", d.entry().event().wireName())
        .header("X-Printernizer-Timestamp", timestamp)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (secret != null) {
      r.header("X-Printernizer-Signature", "sha256=" + sign(secret, timestamp, body));
    }
    http.send(r.build());
  }

  /**
   * The signature a receiver recomputes: hex HMAC-SHA256 of {@code <timestamp>.<body>}.
   *
   * @param secret the shared secret
   * @param timestamp the {@code X-Printernizer-Timestamp} header
   * @param body the raw body
   * @return lower-case hex
   * @since 0.4
   */
  public static String sign(Secret secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8),
          "HmacSHA256"));
      mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookDestination{" + name + " -> " + Http.describe(url)
        + (secret == null ? "" : ", signed") + "}";
  }

  /**
   * Builds a {@link WebhookDestination}. Not thread-safe.
   *
   * @since 0.4
   */
  public static final class Builder {
    private final String name;
    private final URI url;
    private @Nullable Secret secret;
    private Set<OutboxEvent> events = DEFAULT_EVENTS;
    private Duration timeout = Duration.ofSeconds(10);

    private Builder(String name, URI url) {
      this.name = Checks.name(name);
      this.url = Checks.httpUrl("webhook", name, url, "https://example.com/hooks/printernizer");
    }

    /**
     * @param secret signs each request (HMAC-SHA256); without one requests are not signed
     * @return this
     * @since 0.4
     */
    public Builder secret(Secret secret) {
      this.secret = Objects.requireNonNull(secret, "secret");
      return this;
    }

    /**
     * @param events the events to send (default {@link #DEFAULT_EVENTS})
     * @return this
     * @since 0.4
     */
    public Builder events(Set<OutboxEvent> events) {
      if (events.isEmpty()) {
        throw new IllegalArgumentException("webhook " + name + ": no events to send");
      }
      this.events = EnumSet.copyOf(events);
      return this;
    }

    /**
     * @param timeout connect and request timeout (default 10 s, at most 20 s: shorter than the
     *     dispatcher's lease)
     * @return this
     * @since 0.4
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Checks.timeout("webhook", name, timeout);
      return this;
    }

    /**
     * @return the destination
     * @since 0.4
     */
    public WebhookDestination build() {
      return new WebhookDestination(this);
    }
  }
}
