package dev.printernizer.driver.bambu.internal;

import dev.printernizer.testkit.fake.RecordingDriverContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.Secret;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.driver.bambu.BambuDriverProvider;
import dev.printernizer.spi.PrinterDriver;
import dev.printernizer.simulators.BambuPrinterSimulator;
import dev.printernizer.simulators.BambuPrinterSimulator.JobKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power loss mid-print: the connection drops and the printer comes back IDLE with its file and
 * ids cleared. The first report after the reconnect is mapped only from what it says.
 */
class ReconnectMappingTest {
  @TempDir
  Path dir;

  private RecordingDriverContext runUntilIdleAfterPowerCycle(JobKind kind) throws Exception {
    BambuPrinterSimulator sim = BambuPrinterSimulator.builder("01S00A000000042", "12345678")
        .start();
    Path ca = dir.resolve("ca.pem");
    Files.writeString(ca, sim.caPem());
    PrinterConfig cfg = PrinterConfig.builder(PrinterId.of("p"), "bambu").host("127.0.0.1")
        .port(sim.port()).serial(sim.serial()).credential(Secret.of(sim.accessCode()))
        .option("ca_file", ca.toString()).build();
    RecordingDriverContext ctx = new RecordingDriverContext(cfg);
    PrinterDriver d = new BambuDriverProvider().create(cfg);
    try {
      d.start(ctx);
      ConnectionProblemTest.await("the first report", Duration.ofSeconds(20),
          () -> !ctx.snapshots().isEmpty());
      sim.startJob("bracket.gcode.3mf", kind);
      sim.progress(40, 80, 30);
      ConnectionProblemTest.await("printing", Duration.ofSeconds(20),
          () -> last(ctx).state() == PrinterState.PRINTING && last(ctx).progress()
              .orElse(0.0) >= 40);
      int before = ctx.snapshots().size();
      sim.powerCycle();
      ConnectionProblemTest.await("a report after the reconnect", Duration.ofSeconds(20),
          () -> ctx.snapshots().size() > before);
      return ctx;
    } finally {
      d.close();
      sim.close();
    }
  }

  private static StatusSnapshot last(RecordingDriverContext ctx) {
    List<StatusSnapshot> all = ctx.snapshots();
    return all.get(all.size() - 1);
  }

  @Test
  void aPrinterThatComesBackIdleAfterPowerLossIsIdleNotCancelled() throws Exception {
    for (JobKind kind : new JobKind[] {JobKind.LAN, JobKind.CLOUD}) {
      RecordingDriverContext ctx = runUntilIdleAfterPowerCycle(kind);
      StatusSnapshot s = last(ctx);
      assertEquals(PrinterState.IDLE, s.state(), kind + ": " + s);
      assertTrue(s.fileName().isEmpty(), kind + ": " + s);
      assertTrue(s.printerJobId().isEmpty(), kind + ": " + s);
      assertTrue(ctx.snapshots().stream().noneMatch(x -> x.state().isTerminal()),
          kind + ": no derived end state anywhere: " + ctx.snapshots());
    }
  }
}
