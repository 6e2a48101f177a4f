package dev.printernizer.driver.bambu.internal;

import dev.printernizer.testkit.fake.RecordingDriverContext;

import dev.printernizer.api.ConnectionProblem;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Secret;
import dev.printernizer.driver.bambu.BambuDriverProvider;
import dev.printernizer.spi.PrinterDriver;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The real driver in a JVM of its own (started by {@link OversizedPacketTest} with a small heap),
 * connected to a {@link FakeMqttBroker} that streams a huge PUBLISH. Prints every reported
 * problem as {@code PROBLEM <code> <retry ms> <detail>} and exits 0 once the driver reported an
 * oversized message, 2 if it did not within the time given.
 */
public final class OversizedPacketChild {
  private OversizedPacketChild() {}

  /**
   * @param args the broker's port, then the seconds to wait
   * @throws InterruptedException if interrupted
   */
  public static void main(String[] args) throws InterruptedException {
    int port = Integer.parseInt(args[0]);
    int seconds = Integer.parseInt(args[1]);
    System.out.println("max heap " + Runtime.getRuntime().maxMemory());
    PrinterConfig config = PrinterConfig.builder(PrinterId.of("huge"), "bambu")
        .host("127.0.0.1").port(port).serial("01S00A000000001")
        .credential(Secret.of("12345678")).option("transport", "plain").build();
    CountDownLatch oversized = new CountDownLatch(1);
    RecordingDriverContext ctx = new RecordingDriverContext(config).onProblem(p -> {
      System.out.println("PROBLEM " + p.kind().code() + " "
          + (p.retryIn() == null ? -1 : p.retryIn().toMillis()) + " " + p.detail());
      if (p.kind() == ConnectionProblem.Kind.OVERSIZED_MESSAGE) {
        oversized.countDown();
      }
    });
    PrinterDriver driver = new BambuDriverProvider().create(config);
    driver.start(ctx);
    boolean ok = oversized.await(seconds, TimeUnit.SECONDS);
    System.out.println("losses " + ctx.losses());
    driver.close();
    System.out.flush();
    System.exit(ok ? 0 : 2);
  }
}
