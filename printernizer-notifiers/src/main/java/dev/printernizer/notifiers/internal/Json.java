package dev.printernizer.notifiers.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
   * as it is stored now (the fields of the JSON Lines export, copied in as written, not parsed
   * again), or null.
   *
   * @param d the delivery
   * @return the JSON text
   */
  public static String entry(DeliveryContext d) {
    OutboxEntry e = d.entry();
    java.io.StringWriter w = new java.io.StringWriter(1536);
    try (com.fasterxml.jackson.core.JsonGenerator g = MAPPER.getFactory().createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("idempotency_key", e.key());
      g.writeStringField("event", e.event().wireName());
      g.writeNumberField("sequence", e.seq());
      g.writeStringField("at", e.at().toString());
      g.writeNumberField("attempt", d.attempt());
      g.writeObjectFieldStart("printer");
      g.writeStringField("id", e.printerId().value());
      g.writeStringField("name", d.printerName());
      g.writeEndObject();
      g.writeStringField("detail", e.detail());
      g.writeStringField("job_id", e.jobId());
      g.writeNumberField("job_version", e.jobVersion());
      g.writeFieldName("job");
      Job job = d.job().orElse(null);
      if (job == null) {
        g.writeNull();
      } else {
        g.writeRawValue(JobExport.jsonObject(job));
      }
      g.writeEndObject();
    } catch (java.io.IOException ex) {
      throw new UncheckedIOException(ex); // a StringWriter does not fail
    }
    return w.toString();
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
