package dev.printernizer.driver.bambu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.StatusSnapshot;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The driver keeps only {@link ReportMapper#FIELDS} of the reports it merges (to keep the heap per
 * printer small). Mapping that slim state must give exactly what mapping the whole merged report
 * gives, report after report.
 */
class KeptFieldsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode print(String fixture) throws Exception {
    try (InputStream in = KeptFieldsTest.class.getResourceAsStream("/fixtures/" + fixture)) {
      return (ObjectNode) JSON.readTree(in).get("print");
    }
  }

  private static void mergeAll(ObjectNode into, ObjectNode delta) {
    delta.properties().forEach(e -> {
      JsonNode old = into.get(e.getKey());
      if (old != null && old.isObject() && e.getValue().isObject()) {
        mergeAll((ObjectNode) old, (ObjectNode) e.getValue());
      } else {
        into.set(e.getKey(), e.getValue());
      }
    });
  }

  private static Map<String, Object> values(StatusSnapshot s) throws Exception {
    Map<String, Object> out = new TreeMap<>();
    for (Method m : StatusSnapshot.class.getMethods()) {
      if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
          && m.getDeclaringClass() == StatusSnapshot.class && !m.getName().equals("toBuilder")) {
        out.put(m.getName(), m.invoke(s));
      }
    }
    return out;
  }

  @Test
  void theSlimStateMapsLikeTheWholeReport() throws Exception {
    ObjectNode whole = print("rep-full-p1s-running-lan-pushall.json").deepCopy();
    ObjectNode slim = JSON.createObjectNode();
    ObjectNode first = print("rep-full-p1s-running-lan-pushall.json");
    for (String f : ReportMapper.FIELDS) {
      if (first.has(f)) {
        slim.set(f, first.get(f));
      }
    }
    assertTrue(whole.size() > 3 * slim.size(), "the full report has many more fields");
    ReportMapper a = new ReportMapper();
    ReportMapper b = new ReportMapper();
    Instant now = Instant.parse("2025-06-01T10:00:00Z");
    PrinterId id = PrinterId.of("p1s");
    assertEquals(values(a.map(id, whole, now)), values(b.map(id, slim, now)));
    for (String delta : new String[] {"rep-delta-p1s-layer-progress.json",
        "rep-delta-p1s-pause-user.json", "rep-delta-p1s-resume.json",
        "rep-delta-p1s-finish.json"}) {
      ObjectNode d = print(delta);
      mergeAll(whole, d);
      for (String f : ReportMapper.FIELDS) {
        if (d.has(f)) {
          slim.set(f, d.get(f));
        }
      }
      now = now.plusSeconds(60);
      assertEquals(values(a.map(id, whole, now)), values(b.map(id, slim, now)), delta);
    }
  }
}
