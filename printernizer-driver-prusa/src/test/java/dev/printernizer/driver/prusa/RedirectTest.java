package dev.printernizer.driver.prusa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Secret;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.spi.DriverContext;
import dev.printernizer.spi.PrinterDriver;
import dev.printernizer.testkit.fake.ManualClock;
import dev.printernizer.time.EngineClock;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Credentials never follow a redirect; an empty 200 is bad input, not a crash. */
class RedirectTest {
  @Test
  void theApiKeyNeverReachesARedirectTargetAndEmptyAnswersAreSkipped() throws Exception {
    List<String> keysSeenElsewhere = new CopyOnWriteArrayList<>();
    HttpServer elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    elsewhere.createContext("/", ex -> {
      String k = ex.getRequestHeaders().getFirst("X-Api-Key");
      if (k != null) {
        keysSeenElsewhere.add(k);
      }
      ex.sendResponseHeaders(200, 0);
      ex.close();
    });
    elsewhere.start();
    HttpServer printer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    int[] requests = {0};
    printer.createContext("/", ex -> {
      requests[0]++;
      if (requests[0] % 2 == 0) {
        ex.sendResponseHeaders(200, -1); // 200 with an empty body
      } else {
        ex.getResponseHeaders().set("Location", "http://127.0.0.1:"
            + elsewhere.getAddress().getPort() + "/steal");
        ex.sendResponseHeaders(302, -1);
      }
      ex.close();
    });
    printer.start();
    ManualClock clock = new ManualClock();
    List<String> losses = new CopyOnWriteArrayList<>();
    List<StatusSnapshot> snapshots = new CopyOnWriteArrayList<>();
    PrinterConfig cfg = PrinterConfig.builder(PrinterId.of("p"), "prusa").host("127.0.0.1")
        .port(printer.getAddress().getPort()).credential(Secret.of("SUPERSECRETKEY"))
        .option("auth", "apikey").build();
    PrinterDriver d = new PrusaDriverProvider().create(cfg);
    try {
      d.start(new DriverContext() {
        @Override
        public PrinterConfig printer() {
          return cfg;
        }

        @Override
        public EngineClock clock() {
          return clock;
        }

        @Override
        public AutoJobSettings settings() {
          return new AutoJobSettings();
        }

        @Override
        public Executor executor() {
          return Runnable::run;
        }

        @Override
        public void publish(StatusSnapshot s) {
          snapshots.add(s);
        }

        @Override
        public void connectionLost(String reason) {
          losses.add(reason);
        }
      });
      for (int i = 0; i < 6; i++) {
        clock.advance(java.time.Duration.ofSeconds(30));
      }
      assertEquals(List.of(), keysSeenElsewhere, "the API key followed a redirect");
      assertTrue(requests[0] >= 6, "the driver kept polling: " + requests[0]);
      assertEquals(List.of(), snapshots);
    } finally {
      d.close();
      printer.stop(0);
      elsewhere.stop(0);
    }
  }
}
