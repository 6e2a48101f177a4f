package dev.printernizer.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.Detection;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.api.Tracking;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Run identity on its own: pure rules, no engine. */
class RunIdentityTest {
  private static final PrinterId P = PrinterId.of("p");
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Duration WINDOW = Duration.ofMinutes(2);

  private static Run run(String jobId, String file, double progress) {
    return new Run(jobId, file, null, null, T0, Detection.LIVE, false,
        Tracking.started(JobStatus.RUNNING, T0).withProgress(progress, null, null, null));
  }

  private static StatusSnapshot.Builder snap(PrinterState state, Instant at) {
    return StatusSnapshot.builder(P, state, at);
  }

  @Test
  void anEndStateWithAnotherJobIdIsNeverThisRunsEnd() {
    Run r = run("A", "cube.gcode", 50);
    StatusSnapshot other = snap(PrinterState.FINISHED, T0.plusSeconds(600))
        .printerJobId("B").fileName("cube.gcode").build();
    assertFalse(RunIdentity.sameRunForClose(r, other));
    assertTrue(RunIdentity.namesAnotherRun(r, other));
    StatusSnapshot same = snap(PrinterState.FINISHED, T0.plusSeconds(600))
        .printerJobId("A").fileName("cube.gcode").build();
    assertTrue(RunIdentity.sameRunForClose(r, same));
    assertFalse(RunIdentity.namesAnotherRun(r, same));
  }

  @Test
  void anEndStateNamingNothingIsNotRecognisablyThisRun() {
    Run r = run("A", "cube.gcode", 50);
    assertFalse(RunIdentity.sameRunForClose(r, snap(PrinterState.FINISHED, T0).build()));
  }

  @Test
  void afterAGapProgressThatWentBackIsAReprint() {
    Run r = run(null, "cube.gcode", 80);
    assertTrue(RunIdentity.sameRun(r, snap(PrinterState.PRINTING, T0.plusSeconds(60))
        .fileName("cache/CUBE.gcode").progress(78.0).build(), WINDOW));
    assertFalse(RunIdentity.sameRun(r, snap(PrinterState.PRINTING, T0.plusSeconds(60))
        .fileName("cube.gcode").progress(3.0).build(), WINDOW));
  }

  @Test
  void anEqualIdIsNecessaryNotSufficient() {
    Run r = run("7", "cube.gcode", 10);
    assertFalse(RunIdentity.sameRun(r, snap(PrinterState.PRINTING, T0.plusSeconds(60))
        .printerJobId("7").fileName("gear.gcode").progress(12.0).build(), WINDOW));
  }

  @Test
  void aStartReusedFromThePreviousRunOrInTheFutureIsNotPlausible() {
    StatusSnapshot reused = snap(PrinterState.PRINTING, T0).reportedStartTime(T0.minusSeconds(5))
        .build();
    assertNull(RunIdentity.plausibleReportedStart(reused, Detection.LIVE, T0.minusSeconds(1),
        T0.minusSeconds(5)));
    assertEquals(T0.minusSeconds(5), RunIdentity.plausibleReportedStart(reused, Detection.LIVE,
        T0.minusSeconds(1), null));
    StatusSnapshot future = snap(PrinterState.PRINTING, T0).reportedStartTime(T0.plusSeconds(3600))
        .build();
    assertNull(RunIdentity.plausibleReportedStart(future, Detection.STARTUP, null, null));
  }

  @Test
  void runKeysStayWithinTheStoresBoundAndDistinct() {
    String a = RunIdentity.runKey("1".repeat(128), "x".repeat(900) + "a", null, T0);
    String b = RunIdentity.runKey("1".repeat(128), "x".repeat(900) + "b", null, T0);
    assertTrue(a.length() <= 512, a.length() + " characters");
    assertNotEquals(a, b);
    assertEquals("id:42|cube", RunIdentity.runKey("42", "cube", null, T0));
  }
}
