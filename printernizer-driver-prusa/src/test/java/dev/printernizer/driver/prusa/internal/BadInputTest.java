package dev.printernizer.driver.prusa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.Secret;
import dev.printernizer.testkit.fake.ManualClock;
import dev.printernizer.testkit.fake.RecordingDriverContext;
import dev.printernizer.simulators.PrusaLinkSimulator;
import dev.printernizer.simulators.PrusaLinkSimulator.Flavour;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/**
 * Unreadable answers go to DriverContext.badInput with short, stable kinds (the engine counts
 * them and logs each kind once per connection); the driver does not log them itself, so a
 * printer alternating between kinds of garbage cannot flood the log.
 */
class BadInputTest {
  private static final String SECRET = "Sup3rSecretCredential";
  private final ManualClock clock = new ManualClock();

  private static PrinterConfig config(int port) {
    return PrinterConfig.builder(PrinterId.of("p"), "prusa").host("127.0.0.1").port(port)
        .credential(Secret.of(SECRET)).option("auth", "apikey").build();
  }

  private static PrusaDriver driver(PrinterConfig cfg) {
    return new PrusaDriver(cfg, HttpUrl.get("http://127.0.0.1:" + cfg.port()), true,
        PrusaHttp.SHARED);
  }

  /** Runs the test with System.err captured; returns what was written to it. */
  private static String capturingStandardError(Runnable test) {
    PrintStream old = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      test.run();
    } finally {
      System.setErr(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void alternatingGarbageIsReportedAsBadInputAndNotLoggedByTheDriver() {
    PrusaLinkSimulator sim = PrusaLinkSimulator.builder(Flavour.BUDDY, clock).password(SECRET)
        .start();
    PrinterConfig cfg = config(sim.port());
    RecordingDriverContext ctx = new RecordingDriverContext(cfg, clock);
    PrusaDriver d = driver(cfg);
    try {
      String log = capturingStandardError(() -> {
        d.start(ctx);
        clock.runDueTasks();
        for (int i = 0; i < 20; i++) {
          if (i % 2 == 0) {
            sim.garbageNext(1);
          } else {
            sim.truncateNext(1);
          }
          Polls.runNext(clock);
          assertEquals(Duration.ofSeconds(5), Polls.nextIn(clock), "bad input: retry in 5 s");
        }
      });
      assertEquals(20, ctx.badInputs().size(), ctx.badInputs().toString());
      assertEquals(List.of("invalid JSON"), ctx.badInputs().stream()
          .map(RecordingDriverContext.BadInput::kind).distinct().toList());
      assertFalse(log.contains("unreadable"), "the driver logged bad input itself:\n" + log);
      Polls.runNext(clock);
      assertEquals(PrinterState.IDLE, ctx.lastSnapshot().state(), "monitoring goes on");
      assertTrue(ctx.problems().isEmpty(), "bad input is not a connection problem");
    } finally {
      d.close();
      sim.close();
    }
  }

  @Test
  void eachKindOfUnreadableAnswerHasItsOwnShortKindAndNeverTheSecret() throws IOException {
    List<String> answers = List.of(
        "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 2\r\n\r\n{}",
        "HTTP/1.1 200 OK\r\nContent-Length: 14\r\n\r\n{\"printer\":{}}",
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n[1,2]",
        "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:1/x\r\nContent-Length: 0\r\n\r\n",
        "ECHO"); // a confused printer that echoes the API key it was sent
    AtomicInteger status = new AtomicInteger();
    try (RawServer printer = new RawServer(s -> {
      String head = RawServer.readHead(s.getInputStream());
      String answer;
      if (head.startsWith("GET /api/v1/info ")) {
        answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";
      } else {
        answer = answers.get(Math.min(status.getAndIncrement(), answers.size() - 1));
        if (answer.equals("ECHO")) {
          String key = head.replaceAll("(?s).*X-Api-Key: ([^\r]*).*", "$1");
          String body = "{\"printer\": " + key + "}";
          answer = "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        }
      }
      RawServer.write(s.getOutputStream(), answer.replace("\r\n\r\n",
          "\r\nConnection: close\r\n\r\n"));
    })) {
      PrinterConfig cfg = config(printer.port());
      RecordingDriverContext ctx = new RecordingDriverContext(cfg, clock);
      PrusaDriver d = driver(cfg);
      try {
        d.start(ctx);
        clock.runDueTasks();
        for (int i = 1; i < answers.size(); i++) {
          Polls.runNext(clock);
        }
        assertEquals(List.of("HTTP 500", "no printer state", "not a JSON object",
            "empty answer", "redirect", "invalid JSON"), ctx.badInputs().stream()
            .map(RecordingDriverContext.BadInput::kind).collect(Collectors.toList()), ctx.everything());
        String echoed = ctx.badInputs().get(5).detail();
        assertTrue(echoed.contains("******"), echoed);
        assertFalse(ctx.everything().contains(SECRET), ctx.everything());
      } finally {
        d.close();
      }
    }
  }
}
