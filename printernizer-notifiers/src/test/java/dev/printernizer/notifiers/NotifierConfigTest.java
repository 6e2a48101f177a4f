package dev.printernizer.notifiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.outbox.Destination;
import dev.printernizer.outbox.OutboxEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NotifierConfigTest {
  private static final Map<String, String> ENV = Map.of("ORDERS_SECRET", "very-secret-value",
      "NTFY_TOKEN", "tk_abc");

  @Test
  void readsEachKindWithItsOptions() {
    List<Destination> ds = NotifierConfig.destinations(List.of(
        Map.of("type", "webhook", "name", "orders", "url", "https://erp.example.com/hook",
            "secret_env", "ORDERS_SECRET", "events", List.of("job_auto_created",
                "job_completed")),
        Map.of("type", "ntfy", "url", "https://ntfy.sh/printers-x", "token_env", "NTFY_TOKEN",
            "language", "en", "priorities", Map.of("job_failed", 5)),
        Map.of("type", "spoolman", "url", "http://spoolman.local:7912",
            "spools", Map.of("x1c", Map.of(0, 12, "1", 15)))), ENV::get);
    assertEquals(List.of("orders", "ntfy:1", "spoolman:2"), ds.stream().map(Destination::name)
        .collect(Collectors.toList()));
    assertEquals(Set.of(OutboxEvent.JOB_AUTO_CREATED, OutboxEvent.JOB_COMPLETED),
        ds.get(0).events());
    assertEquals(Set.of(OutboxEvent.FILAMENT_USED), ds.get(2).events());
    for (Destination d : ds) {
      assertFalse(d.toString().contains("very-secret") || d.toString().contains("tk_abc"),
          d.toString());
    }
  }

  @Test
  void everyProblemIsNamedAtOnceWithoutSecrets() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NotifierConfig.destinations(List.of(
            Map.of("type", "webhook", "url", "https://x.example/h", "secret", "inline-secret",
                "events", "job_completed,job_exploded"),
            Map.of("type", "pager", "url", "https://x.example"),
            Map.of("type", "ntfy", "url", "https://ntfy.sh/t", "token_env", "MISSING_VAR"),
            Map.of("type", "spoolman", "url", "http://s", "colour", "red")), ENV::get));
    String m = e.getMessage();
    assertTrue(m.contains("notifications[0].events: unknown event 'job_exploded'"), m);
    assertTrue(m.contains("notifications[1].type: must be webhook, ntfy or spoolman"), m);
    assertTrue(m.contains("notifications[2].token_env: the environment variable MISSING_VAR is"
        + " not set"), m);
    assertTrue(m.contains("notifications[3].colour: unknown key"), m);
    assertFalse(m.contains("inline-secret"), m);
  }

  @Test
  void environmentVariablesConfigureOneOfEach() {
    List<Destination> ds = NotifierConfig.fromEnvironment(Map.of(
        "PRINTERNIZER_WEBHOOK_URL", "https://example.com/h",
        "PRINTERNIZER_NTFY_URL", "https://ntfy.sh/abc")::get);
    assertEquals(List.of("webhook", "ntfy"), ds.stream().map(Destination::name)
        .collect(Collectors.toList()));
    assertEquals(List.of(), NotifierConfig.fromEnvironment(Map.<String, String>of()::get));
  }
}
