package dev.printernizer.examples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.printernizer.api.ConnectionProblem;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterStatus;
import dev.printernizer.api.Secret;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API shows why a printer is unreachable and why health is degraded, never a secret. */
class ApiJsonTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final PrinterConfig X1C = PrinterConfig.builder(PrinterId.of("x1c"), "bambu")
      .host("192.0.2.10").serial("01S00A000000001").credential(Secret.of("12345678")).build();

  @Test
  void anUnreachablePrinterShowsItsProblem() {
    ConnectionProblem p = new ConnectionProblem(ConnectionProblem.Kind.AUTHENTICATION_REFUSED,
        "the printer refused the access code", T0, T0.plusSeconds(300));
    JsonNode n = ApiJson.printer(new PrinterStatus(X1C, null, false, null, p, 3, null), true);
    assertEquals("UNKNOWN", n.path("state").asText(), "unreachable before the first report");
    assertFalse(n.path("connected").asBoolean());
    assertEquals("authentication_refused", n.path("problem").path("kind").asText());
    assertEquals("the printer refused the access code", n.path("problem").path("detail").asText());
    assertEquals(T0.toString(), n.path("problem").path("since").asText());
    assertEquals(T0.plusSeconds(300).toString(), n.path("problem").path("next_retry").asText());
    assertEquals(3, n.path("bad_inputs").asInt());
    assertFalse(n.toString().contains("12345678"), n.toString());
  }

  @Test
  void aConnectedPrinterHasNoProblem() {
    JsonNode n = ApiJson.printer(new PrinterStatus(X1C, null, true, null), true);
    assertTrue(n.path("problem").isNull(), n.toString());
  }

  @Test
  void healthIsDegradedWithTheReasonWhenJobWritesFail() {
    PrinterStatus failing = new PrinterStatus(X1C, null, true, null, null, 0,
        "job store failed while creating the job for Benchy: SQLException (disk full)");
    JsonNode h = ApiJson.health(List.of(failing), 0);
    assertEquals("degraded", h.path("status").asText());
    assertTrue(h.path("reasons").get(0).asText().contains("disk full"), h.toString());
    assertEquals("ok", ApiJson.health(List.of(new PrinterStatus(X1C, null, true, null)), 0)
        .path("status").asText());
  }
}
