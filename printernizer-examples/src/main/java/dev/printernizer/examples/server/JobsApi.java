package dev.printernizer.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.printernizer.Printernizer;
import dev.printernizer.api.BusinessFields;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.PrinterId;
import dev.printernizer.examples.server.HttpIo.HttpError;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The job endpoints of the reference server: the list with its filters and page, manual jobs,
 * edits of business fields, and a job as JSON. Thread-safe (the engine is).
 */
final class JobsApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Printernizer engine;
  private final Map<PrinterId, String> names;

  /**
   * @param engine the engine
   * @param names the configured printers' names (not changed afterwards)
   */
  JobsApi(Printernizer engine, Map<PrinterId, String> names) {
    this.engine = engine;
    this.names = names;
  }

  /** A page of the job list with its total, for {@code GET /api/jobs}. */
  JsonNode list(Map<String, String> q) {
    JobQuery query = JobQueries.filter(q);
    int offset = JobQueries.intParam(q, "offset", 0);
    int limit = JobQueries.intParam(q, "limit", 50);
    query = query.withPage(offset, limit);
    ObjectNode n = JSON.createObjectNode();
    n.put("total", engine.jobStore().count(query));
    n.put("offset", offset);
    n.put("limit", limit);
    ArrayNode items = n.putArray("items");
    for (Job j : engine.jobs(query)) {
      items.add(json(j));
    }
    return n;
  }

  /** A manual job from a {@code POST /api/jobs} body. */
  JsonNode create(JsonNode b) {
    String printer = text(b, "printer_id");
    if (printer == null) {
      throw new IllegalArgumentException("printer_id is required");
    }
    PrinterId id = PrinterId.of(printer);
    if (!names.containsKey(id)) {
      throw new IllegalArgumentException("unknown printer_id '" + printer + "'");
    }
    Job j = engine.createManualJob(id, text(b, "name"), text(b, "file_name"), business(b,
        BusinessFields.EMPTY));
    return json(j);
  }

  /** The business fields of a {@code PATCH /api/jobs/{id}} body. */
  Job edit(String id, JsonNode b) {
    Job current = engine.job(id).orElseThrow(() -> new HttpError(404, "no job " + id));
    for (String f : (Iterable<String>) b::fieldNames) {
      if (!Set.of("customer", "business", "material_cost", "notes").contains(f)) {
        throw new IllegalArgumentException("field '" + f + "' cannot be edited; editable:"
            + " customer, business, material_cost, notes");
      }
    }
    return engine.updateBusiness(id, business(b, current.business()))
        .orElseThrow(() -> new HttpError(404, "no job " + id));
  }

  private static BusinessFields business(JsonNode b, BusinessFields base) {
    String customer = b.has("customer") ? text(b, "customer") : base.customer();
    boolean business = base.business();
    if (b.has("business")) {
      if (!b.get("business").isBoolean()) {
        throw new IllegalArgumentException("business must be true or false");
      }
      business = b.get("business").asBoolean();
    }
    BigDecimal cost = base.materialCost();
    if (b.has("material_cost")) {
      JsonNode c = b.get("material_cost");
      if (c.isNull()) {
        cost = null;
      } else if (!c.isNumber()) {
        throw new IllegalArgumentException("material_cost must be a number");
      } else {
        cost = c.decimalValue();
      }
    }
    String notes = b.has("notes") ? text(b, "notes") : base.notes();
    return new BusinessFields(customer, business, cost, notes);
  }

  private static @Nullable String text(JsonNode b, String f) {
    JsonNode v = b.get(f);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(f + " must be a string");
    }
    return v.asText();
  }

  /** A job as the API shows it. */
  ObjectNode json(Job j) {
    return ApiJson.job(j, names.getOrDefault(j.printerId(), j.printerId().value()));
  }

}
