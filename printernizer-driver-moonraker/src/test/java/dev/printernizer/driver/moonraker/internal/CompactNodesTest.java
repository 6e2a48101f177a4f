package dev.printernizer.driver.moonraker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompactNodesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void behavesLikeJacksonsOwnObjectNode() throws Exception {
    ObjectNode plain = (ObjectNode) JSON.readTree("{\"state\":\"printing\",\"filename\":\"a.gcode\","
        + "\"info\":{\"current_layer\":3,\"total_layer\":null},\"print_duration\":1.5}");
    ObjectNode compact = CompactNodes.copy(plain);
    assertEquals(plain, compact);
    assertEquals(plain.toString(), compact.toString(), "same fields in the same order");
    compact.put("state", "paused").put("message", "M600");
    ((ObjectNode) compact.get("info")).setAll((ObjectNode) JSON.readTree("{\"current_layer\":4}"));
    assertEquals("{\"state\":\"paused\",\"filename\":\"a.gcode\",\"info\":{\"current_layer\":4,"
        + "\"total_layer\":null},\"print_duration\":1.5,\"message\":\"M600\"}", compact.toString());
    assertEquals(4, compact.path("info").path("current_layer").asInt());
    assertNull(compact.get("missing"));
    assertFalse(compact.has("missing"));
    compact.remove("filename");
    Iterator<Map.Entry<String, JsonNode>> it = compact.properties().iterator();
    List<String> seen = new ArrayList<>();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      seen.add(e.getKey());
      if (e.getKey().equals("info")) {
        it.remove();
      }
    }
    assertEquals(List.of("state", "info", "print_duration", "message"), seen);
    assertEquals("{\"state\":\"paused\",\"print_duration\":1.5,\"message\":\"M600\"}",
        compact.toString());
    assertEquals(compact, compact.deepCopy());
  }
}
