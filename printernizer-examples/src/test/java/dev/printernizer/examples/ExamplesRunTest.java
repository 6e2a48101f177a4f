package dev.printernizer.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.Printernizer;
import dev.printernizer.simulators.BambuPrinterSimulator;
import dev.printernizer.simulators.BambuPrinterSimulator.JobKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small examples run against the printer simulators. */
class ExamplesRunTest {
  @TempDir
  Path dir;

  @Test
  void minimalEmbeddingWithACustomNotifier() throws Exception {
    List<String> out = new CopyOnWriteArrayList<>();
    try (BambuPrinterSimulator sim = BambuPrinterSimulator.builder("01P00A000000777", "13572468")
        .start()) {
      Path ca = dir.resolve("ca.pem");
      Files.writeString(ca, sim.caPem());
      try (Printernizer p = MinimalEmbedding.watch("127.0.0.1", sim.port(), sim.serial(),
          sim.accessCode(), ca.toString(), dir.resolve("data"), out::add)) {
        p.addNotifier(new CustomNotifierExample(out::add));
        ServerHarness.await("the printer's first report", () -> p.printers().get(0).connected()
            && p.printers().get(0).lastSnapshot() != null);
        sim.startJob("Phone_Stand.gcode.3mf", JobKind.LAN);
        sim.finish();
        ServerHarness.await("both notifiers", () -> out.contains("new job: Phone_Stand on my-printer")
            && out.contains("✅ Phone_Stand completed"));
      }
    }
    assertTrue(out.stream().anyMatch(l -> l.startsWith("🖨️ my-printer started Phone_Stand")), out.toString());
  }
}
