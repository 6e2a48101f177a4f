package dev.printernizer.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.printernizer.examples.server.HttpIo.HttpError;
import dev.printernizer.outbox.Deliveries;
import dev.printernizer.outbox.Delivery;
import dev.printernizer.outbox.OutboxBacklog;
import java.util.List;

/**
 * The outbox for operators: {@code GET /api/outbox} (whether it is durable, each destination's
 * backlog, the newest dead letters), {@code POST /api/outbox/retry} with {@code {"destination":
 * ..., "seq": ...}} (deliver a dead letter again now), and {@code GET /api/jobs/{id}/deliveries}
 * (where a job's events went, with Spoolman's record of the spools it used).
 */
final class OutboxApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DEAD_LETTERS = 100;

  private OutboxApi() {}

  static ObjectNode get(Deliveries d) {
    ObjectNode n = JSON.createObjectNode();
    n.put("durable", d.durable());
    ArrayNode dests = n.putArray("destinations");
    List<String> configured = d.destinations();
    for (OutboxBacklog b : d.backlog()) {
      ObjectNode o = dests.addObject();
      o.put("name", b.destination());
      o.put("configured", configured.contains(b.destination()));
      o.put("pending", b.pending());
      o.put("dead", b.dead());
      o.put("owner", b.leaseOwner());
    }
    ArrayNode dead = n.putArray("dead_letters");
    if (!configured.isEmpty()) {
      d.deadLetters(DEAD_LETTERS).forEach(x -> dead.add(delivery(x)));
    }
    return n;
  }

  static ArrayNode ofJob(Deliveries d, String jobId) {
    ArrayNode a = JSON.createArrayNode();
    d.ofJob(jobId).forEach(x -> a.add(delivery(x)));
    return a;
  }

  static ObjectNode retry(Deliveries d, JsonNode body) {
    JsonNode dest = body.get("destination");
    JsonNode seq = body.get("seq");
    if (dest == null || !dest.isTextual() || seq == null || !seq.canConvertToLong()
        || !seq.isIntegralNumber()) {
      throw new HttpError(400, "send {\"destination\": \"<name>\", \"seq\": <number>}");
    }
    if (!d.retry(dest.asText(), seq.asLong())) {
      throw new HttpError(404, "no undelivered entry " + seq.asLong() + " for destination '"
          + dest.asText() + "'");
    }
    return JSON.createObjectNode().put("retried", true);
  }

  private static ObjectNode delivery(Delivery x) {
    ObjectNode o = JSON.createObjectNode();
    o.put("destination", x.destination());
    o.put("seq", x.entry().seq());
    o.put("key", x.entry().key());
    o.put("event", x.entry().event().wireName());
    o.put("at", x.entry().at().toString());
    o.put("printer_id", x.entry().printerId().value());
    o.put("job_id", x.entry().jobId());
    o.put("state", x.state().name().toLowerCase(java.util.Locale.ROOT));
    o.put("attempts", x.attempts());
    o.put("next_attempt", x.nextAttempt().toString());
    o.put("last_error", x.lastError());
    o.put("memo", x.memo());
    return o;
  }
}
