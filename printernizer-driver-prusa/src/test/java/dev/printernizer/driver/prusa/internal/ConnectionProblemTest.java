package dev.printernizer.driver.prusa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.ConnectionProblem.Kind;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.Secret;
import dev.printernizer.testkit.fake.ManualClock;
import dev.printernizer.testkit.fake.RecordingDriverContext;
import dev.printernizer.simulators.PrusaLinkSimulator;
import dev.printernizer.simulators.PrusaLinkSimulator.Flavour;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every failed poll says why: the kind of connection problem, a detail without the credential,
 * and the retry time the driver really scheduled. Printers are the simulator or a raw socket
 * server; timeouts are shortened to 1 s (read) and 3 s (call) so a hanging printer costs 1 s.
 */
class ConnectionProblemTest {
  private static final String SECRET = "Sup3rSecretCredential";
  private static final OkHttpClient FAST = PrusaHttp.SHARED.newBuilder()
      .readTimeout(1, TimeUnit.SECONDS).callTimeout(3, TimeUnit.SECONDS)
      .socketFactory(new SmallBuffers()).build();

  /** 64 KiB socket buffers: what is in flight besides what the driver read stays small. */
  private static final class SmallBuffers extends SocketFactory {
    private final SocketFactory plain = SocketFactory.getDefault();

    @Override
    public Socket createSocket() throws IOException {
      Socket s = plain.createSocket();
      s.setReceiveBufferSize(64 * 1024);
      return s;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      throw new UnsupportedOperationException("OkHttp connects unconnected sockets");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) {
      throw new UnsupportedOperationException("OkHttp connects unconnected sockets");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
      throw new UnsupportedOperationException("OkHttp connects unconnected sockets");
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
      throw new UnsupportedOperationException("OkHttp connects unconnected sockets");
    }
  }

  private final ManualClock clock = new ManualClock();
  private PrusaDriver driver;
  private RecordingDriverContext ctx;

  private RecordingDriverContext start(String host, int port, String credential, boolean apiKey) {
    PrinterConfig cfg = PrinterConfig.builder(PrinterId.of("p"), "prusa").host(host).port(port)
        .username("maker").credential(Secret.of(credential))
        .option("auth", apiKey ? "apikey" : "digest").build();
    ctx = new RecordingDriverContext(cfg, clock);
    driver = new PrusaDriver(cfg, new HttpUrl.Builder().scheme("http").host(host).port(port)
        .build(), apiKey, FAST);
    driver.start(ctx);
    clock.runDueTasks(); // the first poll
    return ctx;
  }

  @AfterEach
  void closeDriver() {
    if (driver != null) {
      driver.close();
    }
  }

  private void assertNoSecret() {
    assertFalse(ctx.everything().contains(SECRET), ctx.everything());
  }

  private void assertProblem(Kind kind, String detailPart) {
    RecordingDriverContext.Problem p = ctx.lastProblem();
    assertEquals(kind, p.kind(), p.toString());
    assertTrue(p.detail().contains(detailPart), p.toString());
    assertEquals(Polls.nextIn(clock), p.retryIn(), "retryIn must be the wait really scheduled");
    assertNoSecret();
  }

  @Test
  void aRefusedApiKeyIsAuthenticationRefusedAndRetriedAfterFiveMinutes() {
    PrusaLinkSimulator sim = PrusaLinkSimulator.builder(Flavour.LINK, clock)
        .apiKey("the-right-key").start();
    try {
      start("127.0.0.1", sim.port(), SECRET, true);
      assertProblem(Kind.AUTHENTICATION_REFUSED, "refused the API key");
      assertEquals(Duration.ofMinutes(5), ctx.lastProblem().retryIn());
    } finally {
      sim.close();
    }
  }

  @Test
  void aRefusedPasswordIsAuthenticationRefused() {
    PrusaLinkSimulator sim = PrusaLinkSimulator.builder(Flavour.BUDDY, clock)
        .password("the-right-password").start();
    try {
      start("127.0.0.1", sim.port(), SECRET, false);
      assertProblem(Kind.AUTHENTICATION_REFUSED, "refused the password");
      assertTrue(ctx.snapshots().isEmpty());
    } finally {
      sim.close();
    }
  }

  @Test
  void aClosedPortIsUnreachableAndTheRetryBacksOffUpToTheInterval() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // nothing listens there any more
    }
    start("127.0.0.1", port, SECRET, true);
    assertProblem(Kind.UNREACHABLE, "127.0.0.1:" + port);
    List<Duration> waits = new java.util.ArrayList<>();
    waits.add(ctx.lastProblem().retryIn());
    for (int i = 0; i < 4; i++) {
      Polls.runNext(clock);
      assertProblem(Kind.UNREACHABLE, "connection refused");
      waits.add(ctx.lastProblem().retryIn());
    }
    assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
        Duration.ofSeconds(30), Duration.ofSeconds(30)), waits);
  }

  @Test
  void anUnknownHostIsUnreachable() {
    start("printer-that-does-not-exist.invalid", 80, SECRET, true);
    assertProblem(Kind.UNREACHABLE, "printer-that-does-not-exist.invalid");
  }

  @Test
  void aPrinterThatAcceptsAndNeverAnswersTimesOut() throws IOException {
    try (RawServer hang = new RawServer(s -> s.getInputStream().transferTo(
        OutputStream.nullOutputStream()))) { // reads until the client gives up, never writes
      start("127.0.0.1", hang.port(), SECRET, true);
      assertProblem(Kind.TIMED_OUT, "accepted the connection but did not answer within 1 s");
    }
  }

  @Test
  void somethingThatIsNotHttpIsAProtocolError() throws IOException {
    try (RawServer ssh = new RawServer(s -> {
      RawServer.write(s.getOutputStream(), "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n");
      s.getInputStream().transferTo(OutputStream.nullOutputStream());
    })) {
      start("127.0.0.1", ssh.port(), SECRET, true);
      assertProblem(Kind.PROTOCOL_ERROR, "not HTTP");
    }
  }

  @Test
  void tooManyRequestsIsTheConnectionLimit() throws IOException {
    try (RawServer busy = new RawServer(s -> {
      RawServer.readHead(s.getInputStream());
      RawServer.write(s.getOutputStream(), "HTTP/1.1 429 Too Many Requests\r\n"
          + "Content-Length: 0\r\nConnection: close\r\n\r\n");
    })) {
      start("127.0.0.1", busy.port(), SECRET, true);
      assertProblem(Kind.CONNECTION_LIMIT, "too many");
    }
  }

  @Test
  void anAnswerOverOneMebibyteIsOversizedAndNotReadFurther() throws Exception {
    AtomicLong written = new AtomicLong();
    CountDownLatch stopped = new CountDownLatch(1);
    long offered = 512L << 20;
    try (RawServer flood = new RawServer(s -> {
      try {
        s.setSendBufferSize(64 * 1024);
        InputStream in = s.getInputStream();
        RawServer.readHead(in);
        OutputStream out = s.getOutputStream();
        RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + offered + "\r\n\r\n{\"printer\":{\"state\":\"IDLE\",\"x\":\"");
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'a');
        while (written.get() < offered) {
          out.write(chunk);
          written.addAndGet(chunk.length);
        }
      } finally {
        stopped.countDown();
      }
    })) {
      start("127.0.0.1", flood.port(), SECRET, true);
      assertTrue(stopped.await(10, TimeUnit.SECONDS), "the driver still reads the answer");
      // 1 MiB read, the rest is what the two 64 KiB socket buffers held when the driver hung up
      assertTrue(written.get() < 4L << 20, "the printer could send " + (written.get() >> 20)
          + " MiB: the driver read on after 1 MiB");
      assertProblem(Kind.OVERSIZED_MESSAGE, "larger than 1 MiB");
    }
  }

  @Test
  void aPrinterThatAnswersAgainIsPublishedAndTheProblemReportsStop() {
    PrusaLinkSimulator sim = PrusaLinkSimulator.builder(Flavour.BUDDY, clock).password(SECRET).start();
    try {
      start("127.0.0.1", sim.port(), SECRET, false);
      assertEquals(PrinterState.IDLE, ctx.lastSnapshot().state());
      sim.setReachable(false);
      Polls.runNext(clock);
      assertProblem(Kind.UNREACHABLE, "connection refused");
      int problems = ctx.problems().size();
      sim.setReachable(true);
      Polls.runNext(clock);
      assertEquals(2, ctx.snapshots().size());
      assertEquals(problems, ctx.problems().size());
      assertNoSecret();
    } finally {
      sim.close();
    }
  }
}
