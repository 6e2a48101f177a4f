package dev.printernizer.notifiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.Secret;
import dev.printernizer.notifiers.ntfy.NtfyDestination;
import dev.printernizer.outbox.Delivery;
import dev.printernizer.outbox.OutboxEvent;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.testkit.fake.ManualClock;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class NtfyDestinationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aFailedPrintIsAGermanMessageOnTheTopicWithPriorityAndToken() throws Exception {
    try (Receiver r = new Receiver()) {
      ManualClock clock = new ManualClock();
      NtfyDestination ntfy = NtfyDestination.builder("ntfy:phone",
          URI.create(r.url("/werkstatt-7f3a"))).token(Secret.of("tk_secret123")).build();
      try (Farm farm = new Farm(clock, new InMemoryJobStore(clock), ntfy)) {
        farm.print("Halterung.3mf", PrinterState.FAILED, 40, 10);
        List<Receiver.Request> got = r.requests();
        assertEquals(1, got.size(), "only the close is sent by default: " + got);
        Receiver.Request q = got.get(0);
        assertEquals("/", q.path(), "published as JSON to the server's root");
        assertEquals("Bearer tk_secret123", q.header("Authorization"));
        JsonNode m = JSON.readTree(q.body());
        assertEquals("werkstatt-7f3a", m.get("topic").asText());
        assertEquals("Druck fehlgeschlagen", m.get("title").asText());
        assertEquals("Werkstatt X1C: Halterung.3mf", m.get("message").asText());
        assertEquals(4, m.get("priority").asInt());
        assertEquals("x", m.get("tags").get(0).asText());
        assertFalse(ntfy.toString().contains("7f3a") || ntfy.toString().contains("tk_"),
            "neither topic nor token in toString: " + ntfy);
      }
    }
  }

  @Test
  void englishTextsAndAnUnreachableServerNamedWithoutTheTopic() throws Exception {
    NtfyDestination en = NtfyDestination.builder("n", URI.create("https://ntfy.sh/t"))
        .language("en").build();
    assertEquals("Print completed", en.title(OutboxEvent.JOB_COMPLETED));
    assertEquals("Printer offline mid-print", en.title(OutboxEvent.PRINTER_OFFLINE_MID_PRINT));
    assertThrows(IllegalArgumentException.class, () -> NtfyDestination.builder("n",
        URI.create("https://ntfy.sh/")));
    ManualClock clock = new ManualClock();
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: connections are refused
    }
    NtfyDestination down = NtfyDestination.builder("ntfy", URI.create("http://127.0.0.1:" + port
        + "/secret-topic")).events(java.util.Set.of(OutboxEvent.JOB_AUTO_CREATED)).build();
    try (Farm farm = new Farm(clock, new InMemoryJobStore(clock), down)) {
      farm.printer().publish(farm.printer().snapshot(PrinterState.IDLE));
      farm.printer().publish(farm.printer().snapshot(PrinterState.PRINTING).fileName("a.3mf"));
      Delivery d = farm.engine.deliveries().ofJob(farm.store.query(
          dev.printernizer.api.JobQuery.all()).get(0).id()).get(0);
      assertEquals(1, d.attempts(), d.toString());
      assertEquals(Delivery.State.PENDING, d.state(), "retried later");
      assertTrue(d.lastError() != null && !d.lastError().contains("secret-topic"),
          "no topic in the error: " + d.lastError());
    }
  }
}
