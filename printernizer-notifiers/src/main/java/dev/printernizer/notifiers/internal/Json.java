package dev.printernizer.notifiers.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.printernizer.api.Job;
import dev.printernizer.export.JobExport;
import dev.printernizer.outbox.DeliveryContext;
import dev.printernizer.outbox.OutboxEntry;
import java.io.UncheckedIOException;

/** JSON for the notifiers: the payload of an entry, written and read with one mapper. */
public final class Json {
  /** The shared mapper (thread-safe once configured). */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /**
   * The JSON of an entry as a webhook sends it: key, event, times, printer, detail and the job
   * as it is stored now (the fields of the JSON Lines export), or null.
   *
   * @param d the delivery
   * @return the object
   */
  public static ObjectNode entry(DeliveryContext d) {
    OutboxEntry e = d.entry();
    ObjectNode n = MAPPER.createObjectNode();
    n.put("idempotency_key", e.key());
    n.put("event", e.event().wireName());
    n.put("sequence", e.seq());
    n.put("at", e.at().toString());
    n.put("attempt", d.attempt());
    ObjectNode p = n.putObject("printer");
    p.put("id", e.printerId().value());
    p.put("name", d.printerName());
    n.put("detail", e.detail());
    n.put("job_id", e.jobId());
    n.put("job_version", e.jobVersion());
    Job job = d.job().orElse(null);
    n.set("job", job == null ? MAPPER.nullNode() : parse(JobExport.jsonObject(job)));
    return n;
  }

  /**
   * @param text JSON text
   * @return the tree
   * @throws UncheckedIOException if it is not JSON
   */
  public static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param node a tree
   * @return its compact text
   */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
