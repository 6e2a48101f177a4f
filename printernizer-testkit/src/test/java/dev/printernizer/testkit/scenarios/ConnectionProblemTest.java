package dev.printernizer.testkit.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.ConnectionProblem;
import dev.printernizer.api.ConnectionProblem.Kind;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.PrinterStatus;
import dev.printernizer.api.PrinternizerEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every failure says why, where a user looks (issue 12, item 4). */
class ConnectionProblemTest {
  private static final PrinterId P1 = PrinterId.of("p1");

  @Test
  void theProblemShowsInTheStatusWithSinceAndNextRetryAndClearsOnTheNextReport() {
    try (Rig rig = new Rig("p1").start()) {
      rig.idle("p1");
      rig.printer("p1").connectionProblem(Kind.AUTHENTICATION_REFUSED,
          "the printer refused the access code", Duration.ofMinutes(5));
      PrinterStatus st = rig.engine.printer(P1).orElseThrow();
      assertFalse(st.connected());
      assertEquals(PrinterState.OFFLINE, st.state());
      ConnectionProblem p = st.connectionProblem().orElseThrow();
      assertEquals(Kind.AUTHENTICATION_REFUSED, p.kind());
      assertEquals("authentication_refused", p.kind().code());
      assertEquals(rig.clock.instant(), p.since());
      assertEquals(rig.clock.instant().plus(Duration.ofMinutes(5)), p.retryAt().orElseThrow());
      rig.minutes(5);
      rig.idle("p1");
      st = rig.engine.printer(P1).orElseThrow();
      assertTrue(st.connected());
      assertTrue(st.connectionProblem().isEmpty(), "a report ends the problem");
    }
  }

  @Test
  void oneEventPerKindOfProblemNotPerRetry() {
    try (Rig rig = new Rig("p1").start()) {
      rig.idle("p1");
      rig.events.clear();
      for (int i = 0; i < 5; i++) {
        rig.printer("p1").connectionProblem(Kind.UNREACHABLE, "connection refused",
            Duration.ofSeconds(5));
        rig.advance(Duration.ofSeconds(5));
      }
      rig.printer("p1").connectionProblem(Kind.AUTHENTICATION_REFUSED, "access code refused",
          Duration.ofMinutes(5));
      List<PrinternizerEvent.PrinterConnectionProblem> events =
          rig.events.events(PrinternizerEvent.PrinterConnectionProblem.class);
      assertEquals(2, events.size(), events.toString());
      assertEquals(Kind.UNREACHABLE, events.get(0).problem().kind());
      assertEquals(Kind.AUTHENTICATION_REFUSED, events.get(1).problem().kind());
      assertEquals("printer_connection_problem", events.get(0).type());
      ConnectionProblem now = rig.engine.printer(P1).orElseThrow().connectionProblem()
          .orElseThrow();
      assertEquals(rig.clock.instant(), now.since(), "since: when this kind began");
      assertEquals(1, rig.events.events(PrinternizerEvent.PrinterStateChanged.class).size(),
          "one change to OFFLINE, however many retries");
    }
  }

  @Test
  void badInputIsCountedAlwaysAndLoggedOncePerKindPerConnection() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (Rig rig = new Rig("p1").start()) {
      rig.idle("p1");
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      for (int i = 0; i < 50; i++) { // alternating garbage
        rig.printer("p1").badInput("invalid JSON", "unexpected character at 1:" + i);
        rig.printer("p1").badInput("wrong type", "progress is a string " + i);
      }
      System.setErr(err);
      String log = captured.toString(StandardCharsets.UTF_8);
      assertEquals(100, rig.engine.printer(P1).orElseThrow().badInputs());
      assertEquals(1, count(log, "(invalid JSON)"), log);
      assertEquals(1, count(log, "(wrong type)"), log);
      rig.printer("p1").connectionLost("reconnect");
      rig.idle("p1");
      captured.reset();
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      rig.printer("p1").badInput("invalid JSON", "again");
      System.setErr(err);
      assertEquals(1, count(captured.toString(StandardCharsets.UTF_8), "(invalid JSON)"),
          "logged again on the new connection");
    } finally {
      System.setErr(err);
    }
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
