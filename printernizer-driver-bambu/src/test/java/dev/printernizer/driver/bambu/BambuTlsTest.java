package dev.printernizer.driver.bambu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.ConnectionProblem.Kind;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Secret;
import dev.printernizer.driver.bambu.internal.BambuTls;
import dev.printernizer.testkit.fake.RecordingDriverContext;
import dev.printernizer.testkit.fake.RecordingDriverContext.Problem;
import dev.printernizer.spi.PrinterDriver;
import dev.printernizer.simulators.BambuPrinterSimulator;
import dev.printernizer.simulators.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS is verified: wrong CA, wrong CN, expired certificate and wrong pin are refused. */
class BambuTlsTest {
  private static final String SERIAL = "01P00A000000123";
  @TempDir
  Path dir;

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

  private RecordingDriverContext run(BambuPrinterSimulator sim, PrinterConfig config,
      boolean expectConnect) {
    RecordingDriverContext rec = new RecordingDriverContext(config);
    PrinterDriver d = new BambuDriverProvider().create(config);
    try {
      d.start(rec);
      BambuRig.await(expectConnect ? "a snapshot" : "a refusal",
          () -> expectConnect ? !rec.snapshots().isEmpty() : !rec.problems().isEmpty());
      return rec;
    } finally {
      d.close();
      sim.close();
    }
  }

  /** The first problem: of this kind, with a retry time, the access code nowhere. */
  private static Problem refusal(RecordingDriverContext rec, Kind kind, String code) {
    Problem p = rec.problems().get(0);
    assertEquals(kind, p.kind(), rec.everything());
    assertTrue(p.retryIn() != null && !p.retryIn().isNegative(), p.toString());
    assertFalse(rec.everything().contains(code), rec.everything());
    assertTrue(rec.snapshots().isEmpty());
    return p;
  }

  @Test
  void theRightPrinterConnects() throws Exception {
    BambuPrinterSimulator sim = BambuPrinterSimulator.builder(SERIAL, "12345678").start();
    RecordingDriverContext rec = run(sim, config(sim, "ca_file", caFile(sim.caPem())), true);
    assertEquals(List.of(), rec.losses());
  }

  @Test
  void aCertificateFromAnotherCaIsRefused() throws Exception {
    BambuPrinterSimulator sim = BambuPrinterSimulator.builder(SERIAL, "12345678").start();
    String otherCa = TestCertificates.newCa("Some Other CA").caPem();
    RecordingDriverContext rec = run(sim, config(sim, "ca_file", caFile(otherCa)), false);
    Problem p = refusal(rec, Kind.CERTIFICATE_NOT_TRUSTED, "12345678");
    assertTrue(p.detail().contains("issued by 'Test BBL CA', which is not a trusted CA"),
        p.detail());
  }

  @Test
  void theBundledBambuCasDoNotTrustAStranger() {
    BambuPrinterSimulator sim = BambuPrinterSimulator.builder(SERIAL, "12345678").start();
    PrinterConfig cfg = PrinterConfig.builder(PrinterId.of("x1c"), "bambu").host("127.0.0.1")
        .port(sim.port()).serial(SERIAL).credential(Secret.of("12345678")).build();
    RecordingDriverContext rec = run(sim, cfg, false);
    Problem p = refusal(rec, Kind.CERTIFICATE_NOT_TRUSTED, "12345678");
    assertTrue(p.detail().contains("not a trusted CA"), p.detail());
  }

  @Test
  void aCertificateForAnotherSerialIsRefused() throws Exception {
    TestCertificates ca = TestCertificates.newCa("Test BBL CA");
    BambuPrinterSimulator sim = BambuPrinterSimulator.builder(SERIAL, "12345678").ca(ca)
        .keyStore(ca.printerKeyStore("01P00A000000999")).start();
    RecordingDriverContext rec = run(sim, config(sim, "ca_file", caFile(ca.caPem())), false);
    Problem p = refusal(rec, Kind.CERTIFICATE_NOT_TRUSTED, "12345678");
    assertEquals("the certificate names serial 01P00A000000999, configured " + SERIAL,
        p.detail());
  }

  @Test
  void anExpiredCertificateIsRefused() throws Exception {
    TestCertificates ca = TestCertificates.newCa("Test BBL CA");
    Instant now = Instant.now();
    KeyStore expired = ca.printerKeyStore(SERIAL, now.minus(Duration.ofDays(400)),
        now.minus(Duration.ofDays(35)));
    BambuPrinterSimulator sim = BambuPrinterSimulator.builder(SERIAL, "12345678").ca(ca)
        .keyStore(expired).start();
    RecordingDriverContext rec = run(sim, config(sim, "ca_file", caFile(ca.caPem())), false);
    Problem p = refusal(rec, Kind.CERTIFICATE_NOT_TRUSTED, "12345678");
    String expiry = now.minus(Duration.ofDays(35)).toString().substring(0, 10);
    assertTrue(p.detail().startsWith("the printer's certificate expired on " + expiry),
        p.detail());
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
    RecordingDriverContext rec = run(sim2, config(sim2, "pin_sha256", TestCertificates.sha256(leaf)),
        false);
    Problem p = refusal(rec, Kind.CERTIFICATE_NOT_TRUSTED, "12345678");
    assertTrue(p.detail().contains("not the pinned " + TestCertificates.sha256(leaf)),
        p.detail());
  }

  @Test
  void aWrongAccessCodeIsReportedAsSuch() throws Exception {
    BambuPrinterSimulator sim = BambuPrinterSimulator.builder(SERIAL, "12345678").start();
    PrinterConfig cfg = PrinterConfig.builder(PrinterId.of("x1c"), "bambu").host("127.0.0.1")
        .port(sim.port()).serial(SERIAL).credential(Secret.of("00000000"))
        .option("ca_file", caFile(sim.caPem())).build();
    RecordingDriverContext rec = run(sim, cfg, false);
    Problem p = refusal(rec, Kind.AUTHENTICATION_REFUSED, "00000000");
    assertTrue(p.detail().startsWith("the printer refused the access code"), p.detail());
    assertEquals(Duration.ofMinutes(5), p.retryIn());
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
    RecordingDriverContext rec = run(sim, cfg, false);
    Problem p = refusal(rec, Kind.CERTIFICATE_NOT_TRUSTED, "12345678");
    assertEquals("the certificate names serial " + SERIAL + ", configured "
        + SERIAL.toLowerCase(java.util.Locale.ROOT), p.detail());
    assertEquals(before, sim.connects(), "no MQTT session was ever established");
  }

  @Test
  void closeWhileConnectingLeavesNoConnection() throws Exception {
    BambuPrinterSimulator sim = BambuPrinterSimulator.builder(SERIAL, "12345678").start();
    try {
      PrinterConfig cfg = config(sim, "ca_file", caFile(sim.caPem()));
      for (int i = 0; i < 5; i++) {
        RecordingDriverContext rec = new RecordingDriverContext(cfg);
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
