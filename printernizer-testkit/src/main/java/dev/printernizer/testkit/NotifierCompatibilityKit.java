package dev.printernizer.testkit;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.printernizer.api.Detection;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.api.Tracking;
import dev.printernizer.spi.Notifier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Notifier}, as far as one exists: it accepts every event type, returns in
 * bounded time (it must not block the delivery lane for long), and can be called from different
 * threads one after another (the engine's delivery lane moves between pool threads).
 *
 * <pre>{@code
 * class WebhookNotifierCompatibilityTest extends NotifierCompatibilityKit {
 *   protected Notifier createNotifier() { return new WebhookNotifier(localTestServer()); }
 * }
 * }</pre>
 *
 * <p>A notifier may throw on a failure of its own (the engine logs it and goes on); the kit
 * checks that it does not throw for well-formed events.
 *
 * @since 0.1
 */
public abstract class NotifierCompatibilityKit {
  /** For subclasses. */
  protected NotifierCompatibilityKit() {}

  /** @return the notifier under test, fresh for every test */
  protected abstract Notifier createNotifier();

  /** @return the longest an event may take to handle (default 5 s) */
  protected Duration maxHandlingTime() {
    return Duration.ofSeconds(5);
  }

  /** The notifier under test. */
  protected Notifier notifier;

  @BeforeEach
  void createTheNotifier() {
    notifier = createNotifier();
    assertNotNull(notifier, "createNotifier() returned null");
  }

  /** @return one event of every type the engine emits, with realistic content */
  protected static List<PrinternizerEvent> sampleEvents() {
    Instant t = Instant.parse("2026-05-04T10:15:30Z");
    PrinterId p = PrinterId.of("kit-printer");
    Job running = Job.builder("00000000-0000-0000-0000-000000000001", p, "Benchy", t)
        .fileName("cache/Benchy.gcode.3mf").autoCreated(true)
        .run(new RunLink("id:1|benchy", "1", Detection.STARTUP, t, t.minusSeconds(60)))
        .tracking(Tracking.started(JobStatus.RUNNING, t.minusSeconds(60))).version(1).build();
    Job paused = running.toBuilder().tracking(running.tracking().withStatus(JobStatus.PAUSED))
        .version(2).build();
    Job closed = running.toBuilder().tracking(running.tracking()
        .closed(JobStatus.COMPLETED, t.plusSeconds(3600), null)).version(3).build();
    StatusSnapshot snap = StatusSnapshot.builder(p, PrinterState.PRINTING, t)
        .fileName("cache/Benchy.gcode.3mf").progress(12.5).build();
    return List.of(
        new PrinternizerEvent.JobAutoCreated(t, running, "Werkstatt X1C", "cache/Benchy.gcode.3mf",
            true),
        new PrinternizerEvent.JobAdopted(t, running, "Werkstatt X1C"),
        new PrinternizerEvent.JobStatusChanged(t, paused, JobStatus.RUNNING),
        new PrinternizerEvent.JobClosed(t, closed),
        new PrinternizerEvent.PrinterStateChanged(t, p, "Werkstatt X1C", null,
            PrinterState.PRINTING, snap),
        new PrinternizerEvent.PrinterStateChanged(t, p, "Werkstatt X1C", PrinterState.PRINTING,
            PrinterState.OFFLINE, null));
  }

  @Test
  @DisplayName("accepts every event type in bounded time")
  void everyEventType() throws Exception {
    ExecutorService ex = Executors.newSingleThreadExecutor();
    try {
      for (PrinternizerEvent e : sampleEvents()) {
        Future<?> f = ex.submit(() -> notifier.onEvent(e));
        try {
          f.get(maxHandlingTime().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException te) {
          throw new AssertionError("handling " + e.type() + " took longer than "
              + maxHandlingTime() + "; a notifier must not block", te);
        }
      }
    } finally {
      ex.shutdownNow();
    }
  }

  @Test
  @DisplayName("may be called from different threads, one call at a time")
  void differentThreads() throws Exception {
    List<PrinternizerEvent> events = sampleEvents();
    for (int i = 0; i < 3; i++) {
      ExecutorService ex = Executors.newSingleThreadExecutor();
      try {
        for (PrinternizerEvent e : events) {
          ex.submit(() -> notifier.onEvent(e)).get(maxHandlingTime().toMillis(),
              TimeUnit.MILLISECONDS);
        }
      } finally {
        ex.shutdownNow();
      }
    }
  }
}
