package dev.printernizer.driver.bambu.internal;

import dev.printernizer.testkit.fake.RecordingDriverContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.ConnectionProblem.Kind;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Secret;
import dev.printernizer.spi.PrinterDriver;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Every way a fake broker can refuse or break a connection reaches the context as a typed
 * {@code connectionProblem}, with a retry time and without the access code.
 */
class ConnectionProblemTest {
  static final String SERIAL = "01S00A000000001";
  static final String CODE = "87654321";

  static PrinterConfig config(int port) {
    return PrinterConfig.builder(PrinterId.of("p"), "bambu").host("127.0.0.1").port(port)
        .serial(SERIAL).credential(Secret.of(CODE)).option("transport", "plain").build();
  }

  static PrinterDriver driver(PrinterConfig config, Duration mqttConnectTimeout) {
    return new BambuDriver(config, null, Duration.ofSeconds(60), Duration.ZERO,
        mqttConnectTimeout);
  }

  static void await(String what, Duration max, BooleanSupplier condition) {
    long deadline = System.nanoTime() + max.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      LockSupport.parkNanos(20_000_000L);
    }
  }

  /** Runs a driver against the port until it reported a problem; returns the first. */
  static RecordingDriverContext.Problem firstProblem(int port, Duration connectTimeout) {
    RecordingDriverContext ctx = new RecordingDriverContext(config(port));
    PrinterDriver d = driver(ctx.printer(), connectTimeout);
    try {
      d.start(ctx);
      await("a connection problem", Duration.ofSeconds(20), () -> !ctx.problems().isEmpty());
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; got " + ctx.everything(), e);
    } finally {
      d.close();
    }
    RecordingDriverContext.Problem p = ctx.problems().get(0);
    assertFalse(ctx.everything().contains(CODE), ctx.everything());
    assertNotNull(p.retryIn(), "the driver knows when it retries");
    return p;
  }

  @Test
  void aClosedPortIsUnreachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    RecordingDriverContext.Problem p = firstProblem(port, Duration.ofSeconds(5));
    assertEquals(Kind.UNREACHABLE, p.kind(), p.toString());
    assertTrue(p.detail().contains("127.0.0.1:" + port), p.detail());
  }

  @Test
  void serverUnavailableIsTheConnectionLimitAndTheRetryIsTheRealBackOff() throws Exception {
    try (FakeMqttBroker broker = FakeMqttBroker.refusing(3)) {
      RecordingDriverContext ctx = new RecordingDriverContext(config(broker.port()));
      PrinterDriver d = driver(ctx.printer(), Duration.ofSeconds(5));
      try {
        d.start(ctx);
        await("a second attempt", Duration.ofSeconds(20), () -> broker.connects() >= 2);
      } finally {
        d.close();
      }
      RecordingDriverContext.Problem p = ctx.problems().get(0);
      assertEquals(Kind.CONNECTION_LIMIT, p.kind(), p.toString());
      assertTrue(p.detail().contains("too many"), p.detail());
      List<Long> at = broker.connectTimes();
      long waitedMs = (at.get(1) - at.get(0)) / 1_000_000L;
      assertTrue(waitedMs + 50 >= p.retryIn().toMillis(), "announced " + p.retryIn()
          + ", reconnected after " + waitedMs + " ms");
      assertTrue(waitedMs <= p.retryIn().toMillis() + 2_000, "announced " + p.retryIn()
          + ", reconnected after " + waitedMs + " ms");
      assertFalse(ctx.everything().contains(CODE));
    }
  }

  @Test
  void notAuthorizedIsARefusedAccessCodeWithALongBackOff() throws Exception {
    try (FakeMqttBroker broker = FakeMqttBroker.refusing(5)) {
      RecordingDriverContext.Problem p = firstProblem(broker.port(), Duration.ofSeconds(5));
      assertEquals(Kind.AUTHENTICATION_REFUSED, p.kind(), p.toString());
      assertTrue(p.detail().startsWith("the printer refused the access code"), p.detail());
      assertEquals(Duration.ofMinutes(5), p.retryIn());
    }
  }

  @Test
  void aRefusedProtocolVersionIsAProtocolError() throws Exception {
    try (FakeMqttBroker broker = FakeMqttBroker.refusing(1)) {
      RecordingDriverContext.Problem p = firstProblem(broker.port(), Duration.ofSeconds(5));
      assertEquals(Kind.PROTOCOL_ERROR, p.kind(), p.toString());
    }
  }

  @Test
  void bytesThatAreNotMqttAreAProtocolError() throws Exception {
    try (FakeMqttBroker broker = FakeMqttBroker.start(FakeMqttBroker.Script.GARBAGE)) {
      RecordingDriverContext.Problem p = firstProblem(broker.port(), Duration.ofSeconds(5));
      assertEquals(Kind.PROTOCOL_ERROR, p.kind(), p.toString());
      assertTrue(p.detail().startsWith("the printer's answer is not valid MQTT"), p.detail());
    }
  }

  @Test
  void aBrokerThatNeverAnswersTheConnectTimesOut() throws Exception {
    try (FakeMqttBroker broker = FakeMqttBroker.start(FakeMqttBroker.Script.SILENT)) {
      RecordingDriverContext.Problem p = firstProblem(broker.port(), Duration.ofSeconds(1));
      assertEquals(Kind.TIMED_OUT, p.kind(), p.toString());
      assertTrue(p.detail().contains("did not answer"), p.detail());
    }
  }
}
