package dev.printernizer.homeassistant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.printernizer.api.PrinterId;
import dev.printernizer.outbox.OutboxEvent;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The MQTT discovery messages of one printer: a device with four sensors (state, progress,
 * current job, connection problem) reading one retained state topic, and an event entity for
 * the job events. Topics and unique ids are derived from the printer id, so they are stable
 * across restarts and instances.
 */
final class Discovery {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String discoveryPrefix;
  private final String topicPrefix;
  private final boolean german;

  Discovery(String discoveryPrefix, String topicPrefix, boolean german) {
    this.discoveryPrefix = discoveryPrefix;
    this.topicPrefix = topicPrefix;
    this.german = german;
  }

  /** Home Assistant's object ids allow letters, digits, '_' and '-'. */
  static String objectId(PrinterId id) {
    return id.value().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
  }

  String availabilityTopic() {
    return topicPrefix + "/status";
  }

  String stateTopic(PrinterId id) {
    return topicPrefix + "/" + objectId(id) + "/state";
  }

  String eventTopic(PrinterId id) {
    return topicPrefix + "/" + objectId(id) + "/event";
  }

  /** @return the config topics and their retained payloads */
  Map<String, String> configs(PrinterId id, String printerName, Set<OutboxEvent> events) {
    String node = "printernizer_" + objectId(id);
    Map<String, String> out = new LinkedHashMap<>();
    out.put(discoveryPrefix + "/sensor/" + node + "/state/config", write(sensor(id, printerName,
        "state", german ? "Status" : "State", "{{ value_json.state }}", "mdi:printer-3d")));
    ObjectNode progress = sensor(id, printerName, "progress", german ? "Fortschritt" : "Progress",
        "{{ value_json.progress }}", "mdi:progress-clock");
    progress.put("unit_of_measurement", "%");
    progress.put("state_class", "measurement");
    out.put(discoveryPrefix + "/sensor/" + node + "/progress/config", write(progress));
    out.put(discoveryPrefix + "/sensor/" + node + "/job/config", write(sensor(id, printerName,
        "job", german ? "Aktueller Auftrag" : "Current job", "{{ value_json.job }}",
        "mdi:file-document-outline")));
    ObjectNode problem = base(id, printerName, "problem", german ? "Verbindungsproblem"
        : "Connection problem");
    problem.put("state_topic", stateTopic(id));
    problem.put("value_template", "{{ 'ON' if value_json.problem else 'OFF' }}");
    problem.put("device_class", "problem");
    problem.put("json_attributes_topic", stateTopic(id));
    problem.put("json_attributes_template", "{{ {'reason': value_json.problem} | tojson }}");
    out.put(discoveryPrefix + "/binary_sensor/" + node + "/problem/config", write(problem));
    ObjectNode event = base(id, printerName, "job_events", german ? "Auftragsereignis"
        : "Job event");
    event.put("state_topic", eventTopic(id));
    ArrayNode types = event.putArray("event_types");
    events.forEach(e -> types.add(e.wireName()));
    out.put(discoveryPrefix + "/event/" + node + "/job_events/config", write(event));
    return out;
  }

  private ObjectNode sensor(PrinterId id, String printerName, String key, String name,
      String template, String icon) {
    ObjectNode n = base(id, printerName, key, name);
    n.put("state_topic", stateTopic(id));
    n.put("value_template", template);
    n.put("icon", icon);
    return n;
  }

  private ObjectNode base(PrinterId id, String printerName, String key, String name) {
    ObjectNode n = JSON.createObjectNode();
    n.put("name", name);
    n.put("unique_id", "printernizer_" + objectId(id) + "_" + key);
    n.put("availability_topic", availabilityTopic());
    ObjectNode device = n.putObject("device");
    device.putArray("identifiers").add("printernizer_" + objectId(id));
    device.put("name", printerName);
    device.put("manufacturer", "Printernizer");
    device.put("model", "3D printer");
    return n;
  }

  static String write(ObjectNode n) {
    try {
      return JSON.writeValueAsString(n);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
