package dev.printernizer.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metadata IDEs complete {@code printernizer.*} from is generated and described. */
class ConfigurationMetadataTest {
  @Test
  void everyPropertyIsDescribedWithItsDefault() throws Exception {
    Map<String, JsonNode> byName = new HashMap<>();
    try (InputStream in = getClass().getResourceAsStream(
        "/META-INF/spring-configuration-metadata.json")) {
      assertNotNull(in, "the configuration processor wrote no metadata");
      JsonNode root = new ObjectMapper().readTree(in);
      root.path("properties").forEach(p -> byName.put(p.path("name").asText(), p));
      assertTrue(root.path("hints").toString().contains("bambu"),
          "the additional metadata (type hints) is merged in");
    }
    for (String name : new String[] {"printernizer.enabled", "printernizer.printers",
        "printernizer.job-creation.dedup-window", "printernizer.job-creation.auto-create",
        "printernizer.job-creation.skip-system-jobs", "printernizer.job-creation.backfill",
        "printernizer.monitoring-interval",
        "printernizer.progress-write-interval", "printernizer.costs.filament-price-per-kg",
        "printernizer.jdbc.enabled", "printernizer.events.publish",
        "printernizer.health.down-on-printer-problem", "printernizer.metrics.printer-tags",
        "printernizer.metrics.store-timing", "management.health.printernizer.enabled"}) {
      JsonNode p = byName.get(name);
      assertNotNull(p, name + " missing from the metadata; have " + byName.keySet());
      assertTrue(p.path("description").asText().length() > 10, name + " has no description");
    }
    assertEquals(true, byName.get("printernizer.enabled").path("defaultValue").asBoolean());
    assertEquals(false, byName.get("printernizer.health.down-on-printer-problem")
        .path("defaultValue").asBoolean(true));
  }
}
