package dev.printernizer.notifiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.printernizer.api.Job;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.Secret;
import dev.printernizer.notifiers.webhook.WebhookDestination;
import dev.printernizer.outbox.Delivery;
import dev.printernizer.outbox.OutboxEvent;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.testkit.fake.ManualClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WebhookDestinationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Secret SECRET = Secret.of("s3cr3t-webhook-key");

  @Test
  void postsSignedJsonWithTheJobAndTheIdempotencyKey() throws Exception {
    try (Receiver r = new Receiver()) {
      ManualClock clock = new ManualClock();
      WebhookDestination hook = WebhookDestination.builder("webhook:orders",
          URI.create(r.url("/hooks/printernizer"))).secret(SECRET).build();
      try (Farm farm = new Farm(clock, new InMemoryJobStore(clock), hook)) {
        Job job = farm.print("Benchy.3mf", PrinterState.FINISHED, 100, 12.5);
        List<Receiver.Request> got = r.requests();
        assertEquals(List.of("job_auto_created", "job_completed"), got.stream()
            .map(q -> q.header("X-Printernizer-Event")).collect(Collectors.toList()));
        Receiver.Request done = got.get(1);
        assertEquals("POST", done.method());
        assertEquals("/hooks/printernizer", done.path());
        assertEquals("application/json", done.header("Content-Type"));
        JsonNode body = JSON.readTree(done.body());
        String key = body.get("idempotency_key").asText();
        assertEquals(key, done.header("Idempotency-Key"));
        assertTrue(key.startsWith(job.id() + ":job_completed:"), key);
        assertEquals("job_completed", body.get("event").asText());
        assertEquals("Werkstatt X1C", body.get("printer").get("name").asText());
        assertEquals("Benchy.3mf", body.get("job").get("file_name").asText());
        assertEquals("completed", body.get("job").get("status").asText());
        String expected = WebhookDestination.sign(SECRET, done.header("X-Printernizer-Timestamp"),
            done.body().getBytes(StandardCharsets.UTF_8));
        assertEquals("sha256=" + expected, done.header("X-Printernizer-Signature"),
            "the signature covers timestamp and body");
        assertFalse(hook.toString().contains("s3cr3t"), hook.toString());
      }
    }
  }

  @Test
  void serverErrorsAndTimeoutsAreRetriedWithTheSameKeyAndA404IsADeadLetter() throws Exception {
    try (Receiver r = new Receiver()) {
      ManualClock clock = new ManualClock();
      WebhookDestination hook = WebhookDestination.builder("hook", URI.create(r.url("/h")))
          .events(Set.of(OutboxEvent.JOB_AUTO_CREATED, OutboxEvent.JOB_COMPLETED))
          .timeout(Duration.ofMillis(300)).build();
      try (Farm farm = new Farm(clock, new InMemoryJobStore(clock), hook)) {
        r.answer(503, 429);
        farm.printer().publish(farm.printer().snapshot(PrinterState.IDLE));
        farm.printer().publish(farm.printer().snapshot(PrinterState.PRINTING)
            .fileName("a.3mf").progress(1.0));
        assertEquals(1, r.requests().size(), "503: retried later, not at once");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(2, r.requests().size(), "429: retried later again");
        r.delay(1_000); // longer than the timeout
        clock.advance(Duration.ofSeconds(3));
        r.delay(0);
        assertEquals(3, r.requests().size());
        clock.advance(Duration.ofSeconds(10));
        List<String> keys = r.requests().stream().map(q -> q.header("Idempotency-Key"))
            .distinct().collect(Collectors.toList());
        assertEquals(1, keys.size(), "every attempt has the same key: " + keys);
        int before = r.requests().size();
        assertEquals(4, before, "delivered on the 4th attempt");
        r.answer(404);
        farm.printer().publish(farm.printer().snapshot(PrinterState.FINISHED)
            .fileName("a.3mf").progress(100.0));
        List<Delivery> dead = farm.engine.deliveries().deadLetters(10);
        assertEquals(1, dead.size(), "a 404 is not retried: " + dead);
        assertTrue(dead.get(0).lastError().contains("HTTP 404"), dead.get(0).lastError());
        assertTrue(dead.get(0).lastError().contains("127.0.0.1"), dead.get(0).lastError());
        assertFalse(dead.get(0).lastError().contains("/h"), "no path in errors");
      }
    }
  }

  @Test
  void aBadUrlOrTimeoutIsRefusedAtOnce() {
    assertThrows(IllegalArgumentException.class, () -> WebhookDestination.builder("h",
        URI.create("ftp://example.com/x")));
    assertThrows(IllegalArgumentException.class, () -> WebhookDestination.builder("h",
        URI.create("http://example.com/x")).timeout(Duration.ofMinutes(5)));
  }
}
