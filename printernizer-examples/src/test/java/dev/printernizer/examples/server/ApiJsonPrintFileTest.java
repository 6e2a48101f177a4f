package dev.printernizer.examples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.Job;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.PrinterId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JSON API shows a job's print file description (nothing for a job without one) and its
 * connection gaps.
 */
class ApiJsonPrintFileTest {
  @Test
  void printFileMembers() {
    Job plain = Job.builder("j1", PrinterId.of("p1"), "Benchy", Instant.EPOCH).build();
    assertFalse(ApiJson.job(plain, "P1").has("print_file"));
    Job described = plain.toBuilder().printFile(PrintFile.builder()
        .estimatedTime(Duration.ofSeconds(4092)).layerHeightMm(0.15)
        .filaments(List.of(new FilamentUse(0, "PLA", "#FF8800", 12.8, 4.29))).build()).build();
    ObjectNode n = (ObjectNode) ApiJson.job(described, "P1").get("print_file");
    assertEquals(4092, n.get("estimated_seconds").asLong());
    assertEquals(12.8, n.get("total_grams").asDouble());
    assertTrue(n.get("slicer").isNull());
    assertEquals("PLA", n.get("filaments").get(0).get("material").asText());
    assertEquals("#FF8800", n.get("filaments").get(0).get("color").asText());
  }

  @Test
  void connectionGapsAreListed() {
    Instant start = Instant.parse("2026-03-01T08:00:00Z");
    Job j = Job.builder("j2", PrinterId.of("p1"), "Gap", start).run(new dev.printernizer.api
        .RunLink("k", null, dev.printernizer.api.Detection.LIVE, start, null)).tracking(
        dev.printernizer.api.Tracking.started(dev.printernizer.api.JobStatus.RUNNING, start)
            .withGap(new dev.printernizer.api.ConnectionGap(start.plusSeconds(60),
                start.plusSeconds(90)))).build();
    ObjectNode n = ApiJson.job(j, "P1");
    assertEquals(1, n.get("connection_gaps").asInt());
    assertEquals("2026-03-01T08:01:00Z", n.get("gaps").get(0).get("from").asText());
    assertEquals("2026-03-01T08:01:30Z", n.get("gaps").get(0).get("to").asText());
    assertEquals(0, ApiJson.job(j.toBuilder().tracking(dev.printernizer.api.Tracking.started(
        dev.printernizer.api.JobStatus.RUNNING, start)).build(), "P1").get("gaps").size());
  }
}
