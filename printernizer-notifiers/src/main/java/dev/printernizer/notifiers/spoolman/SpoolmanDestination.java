package dev.printernizer.notifiers.spoolman;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.FilamentUsage;
import dev.printernizer.api.Job;
import dev.printernizer.api.PrinterId;
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
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports the filament a job used to Spoolman ({@code PUT /api/v1/spool/{id}/use} with
 * {@code use_weight} in grams, or {@code use_length} in mm when only metres are known), once per
 * job and spool, when the job's filament use became known ({@link OutboxEvent#FILAMENT_USED}:
 * at the close, partial for failed and cancelled prints, or when the print file arrived later).
 *
 * <p><b>Which spool.</b> A printer's slot (extruder, AMS tray: slot 0 is the first) is mapped to
 * a spool id in the configuration ({@link Builder#spool}); a slot not mapped there is looked up
 * among Spoolman's spools by two extra fields (default {@code printernizer_printer} and {@code
 * printernizer_slot}, e.g. {@code "x1c"} and {@code 2}). A slot with no spool is skipped and
 * recorded as {@code slotN=unmapped}.
 *
 * <p><b>Once.</b> Spoolman has no idempotency key, so before each use the spool's used weight is
 * remembered in the outbox ({@code slot0=spool12:sent@340.5@<when>}); after Spoolman's answer the spool is marked
 * {@code slot0=spool12:done} and never sent again. When the answer was lost (a timeout, the process died),
 * the next attempt reads the spool first: if its used weight grew by the amount, the use took
 * effect and is not sent again; if not, it is sent again only when three request timeouts have
 * passed since (a slow Spoolman may still apply the first one). The memo is the job's record of the spools it used
 * ({@code Printernizer.deliveries().ofJob(id)}). Weak spot: a spool used by something else
 * between the lost answer and the check can be taken for ours (the use is then not repeated:
 * never deducted twice, possibly once too few).
 *
 * @since 0.4
 */
public final class SpoolmanDestination implements Destination {
  private static final Logger LOG = LoggerFactory.getLogger(SpoolmanDestination.class);
  private static final double TOLERANCE_GRAMS = 0.01;

  private final String name;
  private final URI base;
  private final Map<PrinterId, Map<Integer, Integer>> spools;
  private final String printerField;
  private final String slotField;
  private final @Nullable Secret apiKey;
  private final Http http;
  /** How long an unconfirmed use may still take effect before it is sent again. */
  private final Duration settle;

  private SpoolmanDestination(Builder b) {
    this.name = b.name;
    this.base = b.base;
    Map<PrinterId, Map<Integer, Integer>> m = new HashMap<>();
    b.spools.forEach((p, slots) -> m.put(p, Map.copyOf(slots)));
    this.spools = Map.copyOf(m);
    this.printerField = b.printerField;
    this.slotField = b.slotField;
    this.apiKey = b.apiKey;
    this.http = new Http(base, b.timeout);
    this.settle = b.timeout.multipliedBy(3);
  }

  /**
   * @param name the destination's stable name, e.g. {@code spoolman}
   * @param baseUrl Spoolman's address, e.g. {@code http://spoolman.local:7912}
   * @return a builder
   * @since 0.4
   */
  public static Builder builder(String name, URI baseUrl) {
    return new Builder(name, baseUrl);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<OutboxEvent> events() {
    return Set.of(OutboxEvent.FILAMENT_USED);
  }

  @Override
  public void deliver(DeliveryContext d) throws IOException, InterruptedException,
      PermanentDeliveryFailure {
    Job job = d.job().orElseThrow(() -> new PermanentDeliveryFailure("job " + d.entry().jobId()
        + " was deleted before its filament use was reported"));
    FilamentUsage usage = job.filamentUsed().orElseThrow(() -> new PermanentDeliveryFailure(
        "job " + job.id() + " has no filament use"));
    SpoolMemo memo = SpoolMemo.parse(d.memo().orElse(null));
    @Nullable JsonNode all = null;
    for (FilamentUse f : usage.filaments()) {
      double grams = f.grams() == null ? 0 : f.grams();
      double meters = f.meters() == null ? 0 : f.meters();
      boolean byWeight = grams > 0;
      boolean byLength = !byWeight && meters > 0;
      if (!byWeight && !byLength) {
        continue;
      }
      Integer spool = spools.getOrDefault(job.printerId(), Map.of()).get(f.slot());
      if (spool == null) {
        if (all == null) {
          all = get(URI.create(root() + "api/v1/spool"));
        }
        spool = byExtraFields(all, job.printerId(), f.slot());
      }
      if (spool == null) {
        memo.unmapped(f.slot());
        d.remember(memo.text());
        LOG.info("spoolman {}: no spool for slot {} of {} (map it in the configuration or set"
            + " the spool's extra fields {} and {}); job {} not deducted there", name, f.slot(),
            job.printerId(), printerField, slotField, job.id());
        continue;
      }
      if (memo.isDone(f.slot(), spool)) {
        continue;
      }
      SpoolMemo.Sent sent = memo.sent(f.slot(), spool);
      double usedNow = usedWeight(spool);
      if (sent != null) {
        if (byWeight ? usedNow >= sent.usedBefore() + grams - TOLERANCE_GRAMS
            : usedNow > sent.usedBefore() + TOLERANCE_GRAMS) {
          memo.done(f.slot(), spool); // the use whose answer was lost took effect
          d.remember(memo.text());
          continue;
        }
        long since = d.now().toEpochMilli() - sent.atMillis();
        if (since < settle.toMillis()) { // a slow Spoolman may still apply it: not yet again
          throw new IOException("the use sent to spool " + spool + " " + since + " ms ago has"
              + " not shown yet; checked again before it is sent again");
        }
      }
      memo.sent(f.slot(), spool, usedNow, d.now().toEpochMilli());
      d.remember(memo.text());
      ObjectNode body = Json.MAPPER.createObjectNode();
      if (byWeight) {
        body.put("use_weight", grams);
      } else {
        body.put("use_length", meters * 1000);
      }
      http.send(request(URI.create(root() + "api/v1/spool/" + spool + "/use"))
          .header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(Json.write(body))).build());
      memo.done(f.slot(), spool);
      d.remember(memo.text());
    }
  }

  private String root() {
    String b = base.toString();
    return b.endsWith("/") ? b : b + "/";
  }

  private double usedWeight(int spool) throws IOException, InterruptedException,
      PermanentDeliveryFailure {
    JsonNode s = get(URI.create(root() + "api/v1/spool/" + spool));
    JsonNode used = s.get("used_weight");
    if (used == null || !used.isNumber()) {
      throw new IOException("spool " + spool + " from " + http.where() + " has no used_weight");
    }
    return used.asDouble();
  }

  private JsonNode get(URI uri) throws IOException, InterruptedException,
      PermanentDeliveryFailure {
    String text = http.send(request(uri).GET().build());
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new IOException("Spoolman at " + http.where() + " answered no JSON");
    }
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder r = http.request(uri);
    if (apiKey != null) {
      r.header("Authorization", "Bearer " + apiKey.reveal());
    }
    return r;
  }

  private @Nullable Integer byExtraFields(JsonNode list, PrinterId printer, int slot) {
    if (!list.isArray()) {
      return null;
    }
    for (JsonNode s : list) {
      JsonNode extra = s.get("extra");
      if (extra == null || !extra.isObject() || s.path("archived").asBoolean(false)) {
        continue;
      }
      if (printer.value().equals(extraValue(extra.get(printerField)))
          && Integer.toString(slot).equals(extraValue(extra.get(slotField)))) {
        return s.path("id").asInt();
      }
    }
    return null;
  }

  /** Spoolman keeps extra values as JSON texts ({@code "\"x1c\""}, {@code "2"}). */
  private static @Nullable String extraValue(@Nullable JsonNode v) {
    if (v == null || !v.isTextual()) {
      return null;
    }
    try {
      JsonNode inner = Json.MAPPER.readTree(v.asText());
      return inner.isValueNode() ? inner.asText() : null;
    } catch (IOException e) {
      return v.asText().trim(); // a plain text written by hand
    }
  }

  @Override
  public String toString() {
    return "SpoolmanDestination{" + name + " -> " + Http.describe(base) + "}";
  }

  /**
   * Builds a {@link SpoolmanDestination}. Not thread-safe.
   *
   * @since 0.4
   */
  public static final class Builder {
    private final String name;
    private final URI base;
    private final Map<PrinterId, Map<Integer, Integer>> spools = new HashMap<>();
    private String printerField = "printernizer_printer";
    private String slotField = "printernizer_slot";
    private @Nullable Secret apiKey;
    private Duration timeout = Duration.ofSeconds(10);

    private Builder(String name, URI base) {
      this.name = Checks.name(name);
      this.base = Checks.httpUrl("spoolman", name, base, "http://spoolman.local:7912");
    }

    /**
     * Maps a printer's slot to a spool.
     *
     * @param printer the printer
     * @param slot its slot (0 = first extruder or AMS tray)
     * @param spoolId Spoolman's spool id
     * @return this
     * @since 0.4
     */
    public Builder spool(PrinterId printer, int slot, int spoolId) {
      if (slot < 0 || spoolId < 1) {
        throw new IllegalArgumentException("spoolman " + name + ": slot must be 0 or more and"
            + " the spool id 1 or more");
      }
      spools.computeIfAbsent(printer, p -> new HashMap<>()).put(slot, spoolId);
      return this;
    }

    /**
     * @param printer the spool extra field naming the printer (default {@code
     *     printernizer_printer})
     * @param slot the spool extra field naming the slot (default {@code printernizer_slot})
     * @return this
     * @since 0.4
     */
    public Builder extraFields(String printer, String slot) {
      this.printerField = Objects.requireNonNull(printer, "printer");
      this.slotField = Objects.requireNonNull(slot, "slot");
      return this;
    }

    /**
     * @param key a bearer token for a Spoolman behind an authenticating proxy
     * @return this
     * @since 0.4
     */
    public Builder apiKey(Secret key) {
      this.apiKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /**
     * @param timeout connect and request timeout (default 10 s, at most 20 s)
     * @return this
     * @since 0.4
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Checks.timeout("spoolman", name, timeout);
      return this;
    }

    /**
     * @return the destination
     * @since 0.4
     */
    public SpoolmanDestination build() {
      return new SpoolmanDestination(this);
    }
  }
}
