package dev.printernizer.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/** The shapes of the simulated Moonraker's messages: status objects, JSON-RPC replies. */
final class SimMoonrakerJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SimMoonrakerJson() {}

  static ObjectNode initialStatus() {
    ObjectNode s = JSON.createObjectNode();
    s.putObject("print_stats").put("state", "standby").put("filename", "")
        .put("print_duration", 0.0).put("total_duration", 0.0).put("filament_used", 0.0)
        .put("message", "").putObject("info").putNull("current_layer").putNull("total_layer");
    s.putObject("virtual_sdcard").put("progress", 0.0).put("is_active", false)
        .put("file_position", 0);
    s.putObject("display_status").put("progress", 0.0).putNull("message");
    s.putObject("webhooks").put("state", "ready").put("state_message", "Printer is ready");
    s.putObject("pause_resume").put("is_paused", false);
    return s;
  }

  static ObjectNode notification(String method, @Nullable ArrayNode params) {
    ObjectNode n = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
    if (params != null) {
      n.set("params", params);
    }
    return n;
  }

  static ObjectNode result(@Nullable JsonNode id, JsonNode result) {
    ObjectNode n = JSON.createObjectNode().put("jsonrpc", "2.0");
    n.set("result", result);
    n.set("id", id);
    return n;
  }

  static ObjectNode error(@Nullable JsonNode id, int code, String message) {
    ObjectNode n = JSON.createObjectNode().put("jsonrpc", "2.0");
    n.putObject("error").put("code", code).put("message", message);
    n.set("id", id);
    return n;
  }
}
