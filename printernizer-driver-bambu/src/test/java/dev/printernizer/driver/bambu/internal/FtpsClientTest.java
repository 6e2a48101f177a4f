package dev.printernizer.driver.bambu.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.Job;
import dev.printernizer.api.PrinterId;
import dev.printernizer.simulators.BambuPrinterSimulator;
import dev.printernizer.simulators.SimFtpsServer;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The FTPS client against the simulated printer's server, which requires the data connection to
 * resume the control connection's TLS session (as the printers' vsftpd-style server does).
 */
class FtpsClientTest {
  private static final String SERIAL = "01S00AFTPS00001";
  private static final byte[] CODE = "12345678".getBytes(StandardCharsets.UTF_8);
  private static final Duration SHORT = Duration.ofMillis(400);
  private BambuPrinterSimulator sim;
  private SimFtpsServer ftps;
  private byte[] file;

  @BeforeEach
  void start() {
    sim = BambuPrinterSimulator.builder(SERIAL, "12345678").start();
    ftps = sim.ftps();
    file = new byte[300_000];
    for (int i = 0; i < file.length; i++) {
      file[i] = (byte) (i * 31 + (i >> 8));
    }
    ftps.put("/Benchy.gcode.3mf", file);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private TrustManagerFactory trust() throws Exception {
    X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(sim.caPem().getBytes(
            StandardCharsets.US_ASCII)));
    return BambuTls.caTrust(List.of(ca));
  }

  private SSLSocketFactory tls() throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLSv1.2");
    ctx.init(null, trust().getTrustManagers(), null);
    return ctx.getSocketFactory();
  }

  private FtpsClient open(Duration timeout) throws Exception {
    return FtpsClient.open(tls(), "127.0.0.1", ftps.port(), "bblp", CODE, timeout,
        Duration.ofSeconds(30), s -> { });
  }

  @Test
  void readsByteRangesOverDataConnectionsThatResumeTheControlSession() throws Exception {
    try (FtpsClient c = open(Duration.ofSeconds(10))) {
      assertEquals(file.length, c.size("/Benchy.gcode.3mf"));
      assertEquals(-1, c.size("/nothing.3mf"));
      assertArrayEquals(Arrays.copyOfRange(file, 1000, 1500), c.read("/Benchy.gcode.3mf",
          1000, 500), "a range from the middle");
      assertArrayEquals(Arrays.copyOfRange(file, file.length - 100, file.length),
          c.read("/Benchy.gcode.3mf", file.length - 100, 4096), "the end: fewer bytes");
    }
    assertEquals(0, ftps.reuseRefusals());
    assertEquals(2, ftps.transfers());
  }

  /** The server in the simulator refuses what a plain JDK FTPS client does: no resumption. */
  @Test
  void theSimulatorRefusesADataConnectionThatDoesNotResumeTheSession() throws Exception {
    SSLSocketFactory f = tls();
    try (SSLSocket control = (SSLSocket) f.createSocket("127.0.0.1", ftps.port())) {
      control.setSoTimeout(10_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(control.getInputStream(),
          StandardCharsets.UTF_8));
      OutputStream out = control.getOutputStream();
      in.readLine();
      for (String cmd : new String[] {"USER bblp", "PASS 12345678", "PBSZ 0", "PROT P",
          "TYPE I"}) {
        out.write((cmd + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        in.readLine();
      }
      out.write("EPSV\r\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      Matcher m = Pattern.compile("\\|\\|\\|(\\d+)\\|").matcher(in.readLine());
      assertTrue(m.find());
      int port = Integer.parseInt(m.group(1));
      Socket plain = new Socket();
      plain.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      out.write("RETR /Benchy.gcode.3mf\r\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertTrue(in.readLine().startsWith("150"));
      try (SSLSocket data = (SSLSocket) f.createSocket(plain, "127.0.0.1", port, true)) {
        data.startHandshake();
        data.setSoTimeout(5000);
        assertEquals(-1, data.getInputStream().read(), "no data without resumption");
      } catch (IOException e) {
        // the server may also close before the handshake completes
      }
      assertTrue(in.readLine().startsWith("522"), "vsftpd's refusal");
    }
    assertEquals(1, ftps.reuseRefusals());
  }

  @Test
  void aServerWithoutRestStillGivesTheRightBytes() throws Exception {
    ftps.fault(SimFtpsServer.Fault.NO_REST);
    try (FtpsClient c = open(Duration.ofSeconds(10))) {
      assertArrayEquals(Arrays.copyOfRange(file, 200_000, 200_300),
          c.read("/Benchy.gcode.3mf", 200_000, 300));
      assertArrayEquals(Arrays.copyOfRange(file, 10, 20), c.read("/Benchy.gcode.3mf", 10, 10));
    }
  }

  @Test
  void aSlowTransferEndsAtTheReadTimeout() throws Exception {
    ftps.fault(SimFtpsServer.Fault.SLOW);
    ftps.slowMillis(5_000);
    try (FtpsClient c = open(SHORT)) {
      assertThrows(SocketTimeoutException.class, () -> c.read("/Benchy.gcode.3mf", 0, 100));
    }
  }

  @Test
  void aSilentServerEndsAtTheReadTimeout() {
    ftps.fault(SimFtpsServer.Fault.SILENT);
    SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> open(SHORT));
    assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
  }

  @Test
  void aTransferCutByThePrinterIsAnError() throws Exception {
    ftps.fault(SimFtpsServer.Fault.ABORT);
    try (FtpsClient c = open(Duration.ofSeconds(10))) {
      FtpsClient.Refused e = assertThrows(FtpsClient.Refused.class,
          () -> c.read("/Benchy.gcode.3mf", 0, 100_000));
      assertEquals(426, e.code);
    }
  }

  @Test
  void aNameWithALineBreakIsNeverSent() throws Exception {
    ftps.put("/keep.3mf", new byte[10]);
    try (FtpsClient c = open(Duration.ofSeconds(10))) {
      IOException e = assertThrows(IOException.class, () -> c.size("x.3mf\r\nDELE /keep.3mf"));
      assertTrue(e.getMessage().contains("line break"), e.getMessage());
      assertEquals(10, c.size("/keep.3mf"), "the session goes on");
    }
  }

  @Test
  void aWrongAccessCodeIsRefusedWithoutShowingIt() throws Exception {
    byte[] wrong = "87654321".getBytes(StandardCharsets.UTF_8);
    FtpsClient.Refused e = assertThrows(FtpsClient.Refused.class, () -> FtpsClient.open(tls(),
        "127.0.0.1", ftps.port(), "bblp", wrong, Duration.ofSeconds(5), Duration.ofSeconds(30),
        s -> { }));
    assertEquals(530, e.code);
    assertFalse(e.getMessage().contains("87654321"), e.getMessage());
  }

  @Test
  void aCertificateForAnotherSerialIsRefused() throws Exception {
    BambuFileReader reader = new BambuFileReader("127.0.0.1", ftps.port(), "01S00AOTHER0001",
        CODE, trust());
    Job job = Job.builder("j1", PrinterId.of("p1"), "Benchy", Instant.now())
        .fileName("Benchy.gcode.3mf").build();
    IOException e = assertThrows(IOException.class, () -> reader.read(job));
    assertTrue(e.getMessage().contains("serial " + SERIAL), e.getMessage());
    assertEquals(0, ftps.logins(), "no access code is sent to it");
  }
}
