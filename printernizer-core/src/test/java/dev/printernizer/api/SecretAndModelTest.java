package dev.printernizer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SecretAndModelTest {
  @Test
  void secretsNeverPrint() {
    Secret s = Secret.of("12345678");
    assertEquals("******", s.toString());
    PrinterConfig c = PrinterConfig.builder(PrinterId.of("x1c"), "bambu").host("10.0.0.2")
        .serial("00M09A350100123").credential(s).build();
    assertFalse(c.toString().contains("12345678"), c.toString());
    assertTrue(s.matches("12345678"));
    assertFalse(s.matches("12345679"));
  }

  @Test
  void badValuesAreRejectedWithTheFieldName() {
    Instant now = Instant.EPOCH;
    PrinterId id = PrinterId.of("p");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StatusSnapshot.builder(id, PrinterState.PRINTING, now).progress(101.0));
    assertTrue(e.getMessage().contains("progress"));
    e = assertThrows(IllegalArgumentException.class,
        () -> StatusSnapshot.builder(id, PrinterState.PRINTING, now).progress(Double.NaN));
    assertTrue(e.getMessage().contains("progress"));
    e = assertThrows(IllegalArgumentException.class,
        () -> StatusSnapshot.builder(id, PrinterState.PRINTING, now)
            .remaining(Duration.ofSeconds(-1)));
    assertTrue(e.getMessage().contains("remaining"));
    e = assertThrows(IllegalArgumentException.class, () -> PrinterId.of("has space"));
    assertTrue(e.getMessage().contains("has space"));
    e = assertThrows(IllegalArgumentException.class,
        () -> PrinterConfig.builder(id, "Bambu Lab"));
    assertTrue(e.getMessage().contains("printer type"));
  }

  @Test
  void trackingEndIsNeverBeforeStart() {
    Instant start = Instant.parse("2026-01-01T10:00:00Z");
    Tracking t = Tracking.started(JobStatus.RUNNING, start)
        .closed(JobStatus.FAILED, start.minusSeconds(30), null);
    assertEquals(start, t.endTime().orElseThrow());
    assertThrows(IllegalArgumentException.class, () -> Tracking.of(JobStatus.COMPLETED, start,
        start.minusSeconds(1), 0, null, null, null, 0, Duration.ZERO, java.util.List.of(), null));
  }

  @Test
  void statusWireNames() {
    assertEquals(JobStatus.INTERRUPTED, JobStatus.fromWireName("Interrupted"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JobStatus.fromWireName("printing"));
    assertTrue(e.getMessage().contains("planned, running"));
  }
}
