package dev.printernizer.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The simulated Moonraker's job history: jobs with hex ids that increase, as
 * {@code server.history.list} (since, start, limit, order) and {@code get_job} answer them.
 * Not thread-safe: the simulator calls it holding its own lock.
 */
final class SimMoonrakerHistory {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<ObjectNode> jobs = new ArrayList<>();
  private int nextJobId = 0xE0;

  private String nextId() {
    return String.format(Locale.ROOT, "%06X", nextJobId++);
  }

  /** A print starts: a job in progress. */
  ObjectNode start(String file, double startEpoch) {
    ObjectNode job = JSON.createObjectNode();
    job.put("job_id", nextId());
    job.put("filename", file);
    job.put("status", "in_progress");
    job.put("start_time", startEpoch);
    job.putNull("end_time");
    job.put("print_duration", 0.0);
    job.put("total_duration", 0.0);
    job.put("filament_used", 0.0);
    job.putObject("metadata").put("estimated_time", 3600).put("filament_total", 2500.0)
        .put("filament_weight_total", 7.5).put("slicer", "OrcaSlicer").put("layer_height", 0.2);
    job.put("exists", true);
    jobs.add(job);
    return job;
  }

  /** @return the answer to {@code server.files.metadata}: the file's metadata, or not found */
  ObjectNode metadataAnswer(@Nullable JsonNode id, String file) {
    JsonNode meta = metadata(file);
    return meta == null ? SimMoonrakerJson.error(id, -32601, "Metadata not available for " + file)
        : SimMoonrakerJson.result(id, meta.deepCopy());
  }

  /** @return the slicer metadata of the newest job of this file, or null */
  @Nullable JsonNode metadata(String file) {
    for (int i = jobs.size() - 1; i >= 0; i--) {
      ObjectNode j = jobs.get(i);
      if (j.path("filename").asText().equals(file) && j.path("metadata").isObject()) {
        return j.get("metadata");
      }
    }
    return null;
  }

  /** A print that ended before anyone watched; returns its id. */
  String addPast(String file, double startEpochSeconds, int minutes, String status) {
    ObjectNode job = JSON.createObjectNode();
    String id = nextId();
    job.put("job_id", id).put("filename", file).put("status", status)
        .put("start_time", startEpochSeconds).put("end_time", startEpochSeconds + minutes * 60.0)
        .put("print_duration", minutes * 60.0).put("total_duration", minutes * 60.0 + 30)
        .put("filament_used", minutes * 40.0).put("exists", true);
    // the file's slicer metadata as Moonraker copies it into the job: 90 minutes and 3.6 m
    // (10.8 g) planned, so a shorter print that did not complete used its share of that
    job.putObject("metadata").put("estimated_time", 5400).put("filament_total", 3600.0)
        .put("filament_weight_total", 10.8).put("filament_type", "PETG;PLA")
        .put("slicer", "PrusaSlicer").put("slicer_version", "2.8.1").put("layer_height", 0.2);
    jobs.add(job);
    return id;
  }

  /** The running job ends with a status; its durations come from print_stats. */
  void finish(ObjectNode job, String status, JsonNode printStats) {
    job.put("status", status);
    job.put("end_time", System.currentTimeMillis() / 1000.0);
    job.put("print_duration", printStats.path("print_duration").asDouble());
    job.put("total_duration", printStats.path("total_duration").asDouble());
    job.put("filament_used", printStats.path("filament_used").asDouble());
  }

  @Nullable ObjectNode running() {
    for (int i = jobs.size() - 1; i >= 0; i--) {
      if (jobs.get(i).path("status").asText().equals("in_progress")) {
        return jobs.get(i);
      }
    }
    return null;
  }

  Map<String, String> statuses() {
    Map<String, String> out = new LinkedHashMap<>();
    jobs.forEach(j -> out.put(j.path("job_id").asText(), j.path("status").asText()));
    return out;
  }

  /** The answer of {@code server.history.list}. */
  ObjectNode list(JsonNode params) {
    int limit = params.path("limit").asInt(50);
    double since = params.path("since").asDouble(0);
    boolean asc = params.path("order").asText("desc").equals("asc");
    List<ObjectNode> found = new ArrayList<>();
    for (ObjectNode j : jobs) {
      if (j.path("start_time").asDouble() >= since) {
        found.add(j);
      }
    }
    if (!asc) {
      Collections.reverse(found);
    }
    ArrayNode a = JSON.createArrayNode();
    found.stream().skip(Math.max(0, params.path("start").asInt(0))).limit(limit)
        .forEach(j -> a.add(j.deepCopy()));
    return JSON.createObjectNode().put("count", found.size()).set("jobs", a);
  }

  @Nullable ObjectNode get(String uid) {
    for (ObjectNode j : jobs) {
      if (j.path("job_id").asText().equals(uid)) {
        return j.deepCopy();
      }
    }
    return null;
  }
}
