package dev.printernizer.driver.bambu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Secret;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.driver.bambu.internal.BambuTls;
import dev.printernizer.spi.DriverContext;
import dev.printernizer.spi.PrinterDriver;
import dev.printernizer.testkit.sim.BambuPrinterSimulator;
import dev.printernizer.testkit.sim.TestCertificates;
import dev.printernizer.time.EngineClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS is verified: wrong CA, wrong CN, expired certificate and wrong pin are refused. */
class BambuTlsTest {
  private static final String SERIAL = "01P00A000000123";
  @TempDir
  Path dir;

  /** Records what a driver reports. */
  static final class Recorder implements DriverContext {
    final PrinterConfig config;
    final List<StatusSnapshot> snapshots = new CopyOnWriteArrayList<>();
    final List<String> losses = new CopyOnWriteArrayList<>();

    Recorder(PrinterConfig config) {
      this.config = config;
    }

    @Override
    public PrinterConfig printer() {
      return config;
    }

    @Override
    public EngineClock clock() {
      return EngineClock.system();
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
  }

  private PrinterConfig config(BambuPrinterSimulator sim, String option, String value) {
    return PrinterConfig.builder(PrinterId.of("x1c"), "bambu").host("127.0.0.1")
        .port(sim.port()).serial(SERIAL).credential(Secret.of("12345678"))
        .option(option, value).build();
  }

  private String caFile(String pem) throws Exception {
    Path f = Files.createTempFile(dir, "ca", ".pem");
    Files.writeString(f, pem);
    return f.toString();
  }

  private Recorder run(BambuPrinterSimulator sim, PrinterConfig config, boolean expectConnect) {
    Recorder rec = new Recorder(config);
    PrinterDriver d = new BambuDriverProvider().create(config);
    try {
      d.start(rec);
      BambuRig.await(expectConnect ? "a snapshot" : "a refusal",
          () -> expectConnect ? !rec.snapshots.isEmpty() : !rec.losses.isEmpty());
      return rec;
    } finally {
      d.close();
      sim.close();
    }
  }

  @Test
  void theRightPrinterConnects() throws Exception {
    BambuPrinterSimulator sim = BambuPrinterSimulator.builder(SERIAL, "12345678").start();
    Recorder rec = run(sim, config(sim, "ca_file", caFile(sim.caPem())), true);
    assertEquals(List.of(), rec.losses);
  }

  @Test
  void aCertificateFromAnotherCaIsRefused() throws Exception {
    BambuPrinterSimulator sim = BambuPrinterSimulator.builder(SERIAL, "12345678").start();
    String otherCa = TestCertificates.newCa("Some Other CA").caPem();
    Recorder rec = run(sim, config(sim, "ca_file", caFile(otherCa)), false);
    assertTrue(rec.losses.get(0).startsWith("TLS: "), rec.losses.toString());
    assertTrue(rec.snapshots.isEmpty());
  }

  @Test
  void theBundledBambuCasDoNotTrustAStranger() {
    BambuPrinterSimulator sim = BambuPrinterSimulator.builder(SERIAL, "12345678").start();
    PrinterConfig cfg = PrinterConfig.builder(PrinterId.of("x1c"), "bambu").host("127.0.0.1")
        .port(sim.port()).serial(SERIAL).credential(Secret.of("12345678")).build();
    Recorder rec = run(sim, cfg, false);
    assertTrue(rec.losses.get(0).startsWith("TLS: "), rec.losses.toString());
  }

  @Test
  void aCertificateForAnotherSerialIsRefused() throws Exception {
    TestCertificates ca = TestCertificates.newCa("Test BBL CA");
    BambuPrinterSimulator sim = BambuPrinterSimulator.builder(SERIAL, "12345678").ca(ca)
        .keyStore(ca.printerKeyStore("01P00A000000999")).start();
    Recorder rec = run(sim, config(sim, "ca_file", caFile(ca.caPem())), false);
    assertTrue(rec.losses.get(0).contains("names '01P00A000000999', not the configured serial"),
        rec.losses.toString());
  }

  @Test
  void anExpiredCertificateIsRefused() throws Exception {
    TestCertificates ca = TestCertificates.newCa("Test BBL CA");
    Instant now = Instant.now();
    KeyStore expired = ca.printerKeyStore(SERIAL, now.minus(Duration.ofDays(400)),
        now.minus(Duration.ofDays(35)));
    BambuPrinterSimulator sim = BambuPrinterSimulator.builder(SERIAL, "12345678").ca(ca)
        .keyStore(expired).start();
    Recorder rec = run(sim, config(sim, "ca_file", caFile(ca.caPem())), false);
    assertTrue(rec.losses.get(0).startsWith("TLS: "), rec.losses.toString());
  }

  @Test
  void pinningAcceptsExactlyThePinnedCertificate() throws Exception {
    TestCertificates ca = TestCertificates.newCa("Test BBL CA");
    KeyStore ks = ca.printerKeyStore(SERIAL);
    X509Certificate leaf = (X509Certificate) ks.getCertificate("printer");
    BambuPrinterSimulator sim = BambuPrinterSimulator.builder(SERIAL, "12345678").ca(ca)
        .keyStore(ks).start();
    run(sim, config(sim, "pin_sha256", TestCertificates.sha256(leaf).replaceAll("(..)", "$1:")
        .substring(0, 95)), true);
    BambuPrinterSimulator sim2 = BambuPrinterSimulator.builder(SERIAL, "12345678").ca(ca)
        .keyStore(ca.printerKeyStore(SERIAL)).start();
    Recorder rec = run(sim2, config(sim2, "pin_sha256", TestCertificates.sha256(leaf)), false);
    assertTrue(rec.losses.get(0).startsWith("TLS: "), rec.losses.toString());
  }

  @Test
  void aWrongAccessCodeIsReportedAsSuch() throws Exception {
    BambuPrinterSimulator sim = BambuPrinterSimulator.builder(SERIAL, "12345678").start();
    PrinterConfig cfg = PrinterConfig.builder(PrinterId.of("x1c"), "bambu").host("127.0.0.1")
        .port(sim.port()).serial(SERIAL).credential(Secret.of("00000000"))
        .option("ca_file", caFile(sim.caPem())).build();
    Recorder rec = run(sim, cfg, false);
    assertEquals("access code refused", rec.losses.get(0));
    assertFalse(rec.losses.toString().contains("00000000"));
  }

  @Test
  void bundledCasLoadAndBadConfigurationIsRefusedWithTheField() {
    assertEquals(4, BambuTls.bundledCas().size());
    assertEquals("BBL CA", BambuTls.cn(BambuTls.bundledCas().get(0)));
    BambuTls.caTrust(BambuTls.bundledCas()); // PKIX accepts the root without keyUsage
    BambuDriverProvider p = new BambuDriverProvider();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.create(
        PrinterConfig.builder(PrinterId.of("x"), "bambu").host("h").credential(Secret.of("1"))
            .build()));
    assertTrue(e.getMessage().contains("printer x: serial:"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> p.create(PrinterConfig
        .builder(PrinterId.of("x"), "bambu").host("h").serial("S").credential(Secret.of("1"))
        .option("pin_sha256", "abc").build()));
    assertTrue(e.getMessage().contains("pin_sha256"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> p.create(PrinterConfig
        .builder(PrinterId.of("x"), "bambu").host("h").serial("S").credential(Secret.of("1"))
        .option("watchdog_seconds", "2").build()));
    assertTrue(e.getMessage().contains("watchdog_seconds"), e.getMessage());
  }

  @Test
  void aSerialInTheWrongLetterCaseIsRefusedAtTheHandshakeNotLeftToStorm() throws Exception {
    BambuPrinterSimulator sim = BambuPrinterSimulator.builder(SERIAL, "12345678").start();
    PrinterConfig cfg = PrinterConfig.builder(PrinterId.of("x1c"), "bambu").host("127.0.0.1")
        .port(sim.port()).serial(SERIAL.toLowerCase(java.util.Locale.ROOT))
        .credential(Secret.of("12345678")).option("ca_file", caFile(sim.caPem())).build();
    int before = sim.connects();
    Recorder rec = run(sim, cfg, false);
    assertTrue(rec.losses.get(0).contains("not the configured serial"), rec.losses.toString());
    assertEquals(before, sim.connects(), "no MQTT session was ever established");
  }

  @Test
  void closeWhileConnectingLeavesNoConnection() throws Exception {
    BambuPrinterSimulator sim = BambuPrinterSimulator.builder(SERIAL, "12345678").start();
    try {
      PrinterConfig cfg = config(sim, "ca_file", caFile(sim.caPem()));
      for (int i = 0; i < 5; i++) {
        Recorder rec = new Recorder(cfg);
        PrinterDriver d = new BambuDriverProvider().create(cfg);
        d.start(rec);
        d.close(); // at once, before the handshake can finish
      }
      BambuRig.await("every connection gone", () -> sim.subscribers() == 0);
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(2).toNanos();
      while (System.nanoTime() < deadline) {
        assertEquals(0, sim.subscribers(), "a closed driver subscribed after close()");
        java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
      }
    } finally {
      sim.close();
    }
  }
}
