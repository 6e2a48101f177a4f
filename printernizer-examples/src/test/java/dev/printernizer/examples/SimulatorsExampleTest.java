package dev.printernizer.examples;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.Printernizer;
import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinternizerEvent.JobAutoCreated;
import dev.printernizer.api.PrinternizerEvent.JobClosed;
import dev.printernizer.api.Secret;
import dev.printernizer.simulators.BambuPrinterSimulator;
import dev.printernizer.simulators.PrusaLinkSimulator;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.time.EngineClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulators of docs/testkit.md: a Bambu and a PrusaLink printer, one job per print. */
class SimulatorsExampleTest {
  @TempDir Path dir;

  @Test
  void oneJobPerPrintOnBothSimulators() throws Exception {
    try (BambuPrinterSimulator bambu =
             BambuPrinterSimulator.builder("01P00A451000456", "12345678").start();
         PrusaLinkSimulator prusa = PrusaLinkSimulator
             .builder(PrusaLinkSimulator.Flavour.BUDDY, EngineClock.system())
             .username("maker").password("pw").start()) {
      // the Bambu simulator issues its own CA at start: the driver trusts it instead of Bambu's
      Path ca = Files.writeString(dir.resolve("sim-ca.pem"), bambu.caPem());
      CountDownLatch created = new CountDownLatch(2);
      CountDownLatch closed = new CountDownLatch(2);
      try (Printernizer p = Printernizer.builder().jobStore(new InMemoryJobStore())
          // PrusaLink is polled: every second here instead of the default 30 s
          .settings(new AutoJobSettings().setMonitoringInterval(Duration.ofSeconds(1)))
          .printer(PrinterConfig.builder(PrinterId.of("p1s"), "bambu").host("127.0.0.1")
              .port(bambu.port()).serial(bambu.serial()).credential(Secret.of("12345678"))
              .option("ca_file", ca.toString()).build())
          .printer(PrinterConfig.builder(PrinterId.of("mk4"), "prusa").host("127.0.0.1")
              .port(prusa.port()).username("maker").credential(Secret.of("pw")).build())
          .notifier(event -> {
            if (event instanceof JobAutoCreated) {
              created.countDown();
            } else if (event instanceof JobClosed) {
              closed.countDown();
            }
          })
          .build()) {
        p.start();
        bambu.startJob("Benchy.gcode.3mf", BambuPrinterSimulator.JobKind.LAN);
        prusa.startPrint("Clip.bgcode");
        assertTrue(created.await(30, SECONDS), "a job for each print");

        bambu.finish();
        prusa.finish();
        assertTrue(closed.await(30, SECONDS), "both jobs closed");
        List<Job> jobs = p.jobs(JobQuery.all());
        assertEquals(2, jobs.size());
        jobs.forEach(j -> assertEquals(JobStatus.COMPLETED, j.status(), j.toString()));
      }
    }
  }
}
