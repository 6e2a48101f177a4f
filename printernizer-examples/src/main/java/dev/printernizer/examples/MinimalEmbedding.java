package dev.printernizer.examples;

import dev.printernizer.Printernizer;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.api.Secret;
import dev.printernizer.jdbc.JdbcJobStore;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The smallest real embedding: one Bambu printer, the embedded H2 store, a notifier that prints
 * each auto-created job. Run: {@code MinimalEmbedding <host> <serial> <access-code> [ca.pem]}.
 */
public final class MinimalEmbedding {
  private MinimalEmbedding() {}

  /**
   * Starts watching one Bambu printer.
   *
   * @param host the printer's address
   * @param port its MQTT port (8883)
   * @param serial its serial
   * @param accessCode the LAN access code
   * @param caFile a CA file to trust instead of the bundled Bambu CAs, or null
   * @param data where the job history lives
   * @param out where to report new jobs
   * @return the running engine; close it to stop
   */
  public static Printernizer watch(String host, int port, String serial, String accessCode,
      @Nullable String caFile, Path data, Consumer<String> out) {
    PrinterConfig.Builder printer = PrinterConfig.builder(PrinterId.of("my-printer"), "bambu")
        .host(host).port(port).serial(serial).credential(Secret.of(accessCode));
    if (caFile != null) {
      printer.option("ca_file", caFile);
    }
    Printernizer p = Printernizer.builder()
        .jobStore(JdbcJobStore.h2(data))
        .printer(printer.build())
        .notifier(event -> {
          if (event instanceof PrinternizerEvent.JobAutoCreated) {
            PrinternizerEvent.JobAutoCreated e = (PrinternizerEvent.JobAutoCreated) event;
            out.accept("new job: " + e.job().name() + " on " + e.printerName());
          }
        })
        .build();
    p.start();
    return p;
  }

  /**
   * @param args host serial access-code [ca.pem]
   * @throws InterruptedException when interrupted
   */
  public static void main(String[] args) throws InterruptedException {
    if (args.length < 3) {
      System.err.println("usage: MinimalEmbedding <host> <serial> <access-code> [ca.pem]");
      System.exit(2);
    }
    Printernizer p = watch(args[0], 8883, args[1], args[2], args.length > 3 ? args[3] : null,
        Path.of("data"), System.out::println);
    Runtime.getRuntime().addShutdownHook(new Thread(p::close));
    Thread.currentThread().join();
  }
}
