package dev.printernizer.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.Printernizer;
import dev.printernizer.PrinternizerException;
import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Secret;
import dev.printernizer.driver.bambu.BambuDriverProvider;
import dev.printernizer.driver.prusa.PrusaDriverProvider;
import dev.printernizer.store.InMemoryJobStore;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Driver settings are checked at build() and addPrinter(), without connecting (issue 12, 4). */
class ConfigValidationTest {

  private static Printernizer.Builder builder() {
    return Printernizer.builder().jobStore(new InMemoryJobStore()).serviceDiscovery(false)
        .driverProvider(new BambuDriverProvider()).driverProvider(new PrusaDriverProvider());
  }

  @Test
  void buildListsEveryBadPrinterAtOnceNamingPrinterAndKey() {
    Printernizer.Builder b = builder()
        .printer(PrinterConfig.builder(PrinterId.of("mk4"), "prusa")
            .credential(Secret.of("pw-secret-1")).build())
        .printer(PrinterConfig.builder(PrinterId.of("x1c"), "bambu").host("192.0.2.7").build())
        .printer(PrinterConfig.builder(PrinterId.of("p1s"), "bambu").host("192.0.2.8")
            .serial("01P00A000000001").credential(Secret.of("87654321"))
            .option("watchdog_second", "60").build());
    PrinternizerException e = assertThrows(PrinternizerException.class, b::build);
    String m = e.getMessage();
    assertTrue(m.contains("printer mk4: host:"), m);
    assertTrue(m.contains("printer x1c: serial:"), m);
    assertTrue(m.contains("printer x1c: credential:"), m);
    assertTrue(m.contains("printer p1s: watchdog_second: unknown option; did you mean"
        + " 'watchdog_seconds'?"), m);
    assertFalse(m.contains("pw-secret-1") || m.contains("87654321"), "no secret in: " + m);
  }

  @Test
  void aValidConfigurationBuildsWithoutConnecting() throws Exception {
    try (ServerSocket printer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      printer.setSoTimeout(300);
      Printernizer p = builder().printer(PrinterConfig.builder(PrinterId.of("mk4"), "prusa")
          .host("127.0.0.1").port(printer.getLocalPort()).credential(Secret.of("pw")).build())
          .build(); // validated, not started
      try (p) {
        assertThrows(SocketTimeoutException.class, printer::accept,
            "build() must not connect to the printer");
      }
    }
  }

  @Test
  void addPrinterRefusesABadConfigurationWithPrinternizerException() {
    try (Printernizer p = builder().build()) {
      PrinternizerException e = assertThrows(PrinternizerException.class, () -> p.addPrinter(
          PrinterConfig.builder(PrinterId.of("mk3"), "prusa").host("192.0.2.9")
              .credential(Secret.of("pw")).option("schema", "https").build()));
      assertTrue(e.getMessage().contains("printer mk3: schema: unknown option; did you mean"
          + " 'scheme'?"), e.getMessage());
      assertTrue(p.printers().isEmpty(), "nothing was added");
    }
  }

  @Test
  void anUnknownSettingIsRefusedWithTheClosestKnownKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new AutoJobSettings().apply(Map.of("job_creation_autocreate", "false")));
    assertTrue(e.getMessage().contains("did you mean 'job_creation_auto_create'?"),
        e.getMessage());
    assertEquals(true, new AutoJobSettings().autoCreate());
  }
}
