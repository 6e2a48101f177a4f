package dev.printernizer.driver.bambu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import dev.printernizer.Printernizer;
import dev.printernizer.api.ConnectionProblem;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Secret;
import dev.printernizer.testkit.fake.RecordingDriverContext;
import dev.printernizer.spi.PrinterDriver;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.simulators.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver against a real broker: the machine's Mosquitto on 127.0.0.1:1883 (plain, for
 * protocol behaviour) and a Mosquitto this test starts with TLS and a password file. A small
 * MQTT client plays the printer, answering pushall with a recorded full report and sending
 * recorded deltas.
 */
class MosquittoTest {
  /** Unique per run: the machine's broker is shared with anything else on it. */
  private static final String SERIAL = "01S00A" + Long.toString(System.nanoTime() % 1_000_000_000L,
      36).toUpperCase(java.util.Locale.ROOT);
  @TempDir
  Path dir;

  private static boolean ci() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static void requirePort(int port, String what) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.getPort();
    } catch (IOException e) {
      if (ci()) {
        Assertions.fail(what + " is not running on 127.0.0.1:" + port + "; under CI=true this"
            + " is a failure (.ci/run starts it)");
      }
      Assumptions.abort(what + " is not running on 127.0.0.1:" + port + ": skipped");
    }
  }

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = MosquittoTest.class.getResourceAsStream("/fixtures/" + name)) {
      return in.readAllBytes();
    }
  }

  /** The printer's side: answers every pushall with a recorded full report. */
  private static void answerPushall(Mqtt3AsyncClient printer) throws Exception {
    byte[] full = fixture("rep-full-p1s-running-lan-pushall.json");
    printer.subscribeWith().topicFilter("device/" + SERIAL + "/request").callback(p -> {
      String req = new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
      if (req.contains("pushall")) {
        printer.publishWith().topic("device/" + SERIAL + "/report").qos(MqttQos.AT_MOST_ONCE)
            .payload(full).send();
      }
    }).send().get(10, TimeUnit.SECONDS);
  }

  /** Plays the rest of a print: the recorded deltas up to the finish. */
  private void playPrint(Mqtt3AsyncClient printer, InMemoryJobStore store) throws Exception {
    BambuRig.await("the job of the recorded print", () -> store.size() == 1);
    for (String f : new String[] {"rep-delta-p1s-layer-progress.json",
        "rep-delta-p1s-pause-user.json", "rep-delta-p1s-resume.json",
        "rep-delta-p1s-finish.json"}) {
      printer.publishWith().topic("device/" + SERIAL + "/report").qos(MqttQos.AT_MOST_ONCE)
          .payload(fixture(f)).send().get(10, TimeUnit.SECONDS);
    }
    BambuRig.await("the finish", () -> store.query(dev.printernizer.api.JobQuery.all()).get(0)
        .status() == JobStatus.COMPLETED);
    assertEquals(1, store.size());
    assertEquals("3DBenchy", store.query(dev.printernizer.api.JobQuery.all()).get(0).name());
  }

  private Printernizer engine(InMemoryJobStore store, int port, String transport, String caFile) {
    PrinterConfig.Builder c = PrinterConfig.builder(PrinterId.of("p1s"), "bambu")
        .host("127.0.0.1").port(port).serial(SERIAL).credential(Secret.of("12345678"))
        .option("transport", transport);
    if (caFile != null) {
      c.option("ca_file", caFile);
    }
    Printernizer p = Printernizer.builder().jobStore(store).driverProvider(new BambuDriverProvider())
        .executor(Runnable::run).notificationExecutor(Runnable::run).serviceDiscovery(false)
        .printer(c.build()).build();
    p.start();
    return p;
  }

  @Test
  void againstTheMachinesMosquittoWithoutTls() throws Exception {
    requirePort(1883, "Mosquitto");
    InMemoryJobStore store = new InMemoryJobStore();
    Mqtt3AsyncClient printer = MqttClient.builder().useMqttVersion3().identifier("fake-printer-"
        + System.nanoTime()).serverHost("127.0.0.1").serverPort(1883).buildAsync();
    printer.connect().get(10, TimeUnit.SECONDS);
    answerPushall(printer); // before the driver connects and asks
    try (Printernizer p = engine(store, 1883, "plain", null)) {
      playPrint(printer, store);
      assertEquals(0, p.failedTasks());
    } finally {
      printer.disconnect();
    }
  }

  /** A Mosquitto with TLS (a test "BBL CA", CN = serial) and a password file for bblp. */
  private record TlsBroker(Process process, int port, TestCertificates ca)
      implements AutoCloseable {
    @Override
    public void close() {
      process.destroy();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private TlsBroker startTlsBroker() throws Exception {
    Path mosquitto = Path.of("/usr/sbin/mosquitto");
    Path passwd = Path.of("/usr/bin/mosquitto_passwd");
    if (!Files.isExecutable(mosquitto) || !Files.isExecutable(passwd)) {
      if (ci()) {
        Assertions.fail("the mosquitto binaries are missing; .ci/run installs them");
      }
      Assumptions.abort("mosquitto is not installed: skipped");
    }
    TestCertificates ca = TestCertificates.newCa("Test BBL CA");
    ca.writePrinterPems(SERIAL, dir);
    Path pw = dir.resolve("passwd");
    Process mk = new ProcessBuilder(passwd.toString(), "-b", "-c", pw.toString(), "bblp",
        "12345678").redirectErrorStream(true).start();
    assertEquals(0, mk.waitFor(), new String(mk.getInputStream().readAllBytes()));
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    // "user": mosquitto started as root would drop to the mosquitto user and lose the files
    Files.writeString(dir.resolve("mosquitto.conf"), "user " + System.getProperty("user.name")
        + "\nlistener " + port + " 127.0.0.1\n"
        + "cafile " + dir.resolve("ca.pem") + "\ncertfile " + dir.resolve("printer.pem")
        + "\nkeyfile " + dir.resolve("printer.key") + "\ntls_version tlsv1.2\n"
        + "password_file " + pw + "\nallow_anonymous false\npersistence false\n");
    Process broker = new ProcessBuilder(mosquitto.toString(), "-c",
        dir.resolve("mosquitto.conf").toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
    TlsBroker b = new TlsBroker(broker, port, ca);
    try {
      BambuRig.await("mosquitto listening", () -> {
        try (Socket s = new Socket("127.0.0.1", port)) {
          return s.isConnected();
        } catch (IOException e) {
          return false;
        }
      });
    } catch (AssertionError e) {
      b.close();
      throw e;
    }
    return b;
  }

  @Test
  void againstAMosquittoWithTlsAndAPasswordFile() throws Exception {
    try (TlsBroker broker = startTlsBroker()) {
      int port = broker.port();
      InMemoryJobStore store = new InMemoryJobStore();
      javax.net.ssl.TrustManagerFactory tmf = dev.printernizer.driver.bambu.internal.BambuTls
          .caTrust(java.util.List.of(broker.ca().caCertificate()));
      Mqtt3BlockingClient printerBlocking = MqttClient.builder().useMqttVersion3()
          .identifier("fake-printer").serverHost("127.0.0.1").serverPort(port)
          .sslConfig().trustManagerFactory(tmf)
          .hostnameVerifier((h, s) -> SERIAL.equals(dev.printernizer.driver.bambu.internal
              .BambuTls.peerCn(s))).applySslConfig()
          .simpleAuth().username("bblp").password("12345678".getBytes(StandardCharsets.UTF_8))
          .applySimpleAuth().buildBlocking();
      printerBlocking.connect();
      answerPushall(printerBlocking.toAsync());
      try (Printernizer p = engine(store, port, "tls", dir.resolve("ca.pem").toString())) {
        playPrint(printerBlocking.toAsync(), store);
        assertEquals(0, p.failedTasks());
      } finally {
        printerBlocking.disconnect();
      }
    }
  }

  @Test
  void aWrongAccessCodeAtAPasswordFileBrokerIsAnAuthenticationProblem() throws Exception {
    try (TlsBroker broker = startTlsBroker()) {
      PrinterConfig cfg = PrinterConfig.builder(PrinterId.of("p1s"), "bambu")
          .host("127.0.0.1").port(broker.port()).serial(SERIAL).credential(Secret.of("87654321"))
          .option("ca_file", dir.resolve("ca.pem").toString()).build();
      RecordingDriverContext rec = new RecordingDriverContext(cfg);
      PrinterDriver d = new BambuDriverProvider().create(cfg);
      try {
        d.start(rec);
        BambuRig.await("a connection problem", () -> !rec.problems().isEmpty());
      } finally {
        d.close();
      }
      RecordingDriverContext.Problem problem = rec.problems().get(0);
      assertEquals(ConnectionProblem.Kind.AUTHENTICATION_REFUSED, problem.kind(),
          rec.everything());
      assertTrue(problem.detail().startsWith("the printer refused the access code"),
          problem.detail());
      assertFalse(rec.everything().contains("87654321"), rec.everything());
    }
  }
}
