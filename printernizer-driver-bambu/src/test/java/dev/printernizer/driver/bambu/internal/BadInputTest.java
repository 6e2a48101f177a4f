package dev.printernizer.driver.bambu.internal;

import dev.printernizer.testkit.fake.RecordingDriverContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.PrinterState;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.spi.PrinterDriver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Garbage from the printer goes to {@code ctx.badInput} under a few stable kinds (the engine's
 * log-once key), is skipped, and does not cost the connection.
 */
class BadInputTest {
  private static final String TOPIC = "device/" + ConnectionProblemTest.SERIAL + "/report";

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void everyKindOfGarbageIsReportedAsBadInputUnderAStableKind() throws Exception {
    List<byte[]> payloads = new ArrayList<>();
    for (int i = 0; i < 10; i++) { // alternating garbage: two kinds, not twenty
      payloads.add(b("{\"print\": {\"gcode_state\": \"RUNN" + i));
      payloads.add(b("[" + i + "]"));
    }
    payloads.add(b("{\"print\": 5}"));
    payloads.add(b("{\"print\":{\"x\":\"" + "a".repeat(2 << 20) + "\"}}"));
    payloads.add(b("{\"print\":{\"command\":\"push_status\",\"msg\":0,\"gcode_state\":\"RUNNING\","
        + "\"subtask_name\":\"Benchy\",\"mc_percent\":\"abc\",\"layer_num\":[1],"
        + "\"gcode_file\":\"" + "x".repeat(5000) + "\","
        + "\"total_layer_num\":{\"n\":2},\"mc_remaining_time\":30}}"));
    try (FakeMqttBroker broker = FakeMqttBroker.publishing(TOPIC, payloads)) {
      RecordingDriverContext ctx = new RecordingDriverContext(ConnectionProblemTest.config(broker.port()));
      PrinterDriver d = ConnectionProblemTest.driver(ctx.printer(), Duration.ofSeconds(5));
      try {
        d.start(ctx);
        ConnectionProblemTest.await("the good report (got " + ctx.everything() + ")",
            Duration.ofSeconds(20), () -> !ctx.snapshots().isEmpty());
      } finally {
        d.close();
      }
      Map<String, Integer> kinds = new TreeMap<>();
      ctx.badInputs().forEach(x -> kinds.merge(x.kind(), 1, Integer::sum));
      assertEquals(Set.of("invalid JSON", "not a JSON object", "report too large",
          "wrong type", "value too long"), kinds.keySet(), ctx.everything());
      assertEquals(10, kinds.get("invalid JSON"));
      assertEquals(10, kinds.get("not a JSON object"));
      assertEquals(4, kinds.get("wrong type"), ctx.badInputs().toString()); // print, 3 fields
      StatusSnapshot s = ctx.snapshots().get(0);
      assertEquals(PrinterState.PRINTING, s.state());
      assertEquals("Benchy", s.displayName().orElseThrow());
      assertTrue(s.fileName().isEmpty(), "the over-long gcode_file was refused: " + s);
      assertTrue(s.progress().isEmpty());
      assertEquals(Duration.ofMinutes(30), s.remaining().orElseThrow());
      assertTrue(ctx.problems().isEmpty() && ctx.losses().isEmpty(), ctx.everything());
      assertEquals(1, broker.connects(), "bad input does not cost the connection");
      assertFalse(ctx.everything().contains(ConnectionProblemTest.CODE));
    }
  }
}
