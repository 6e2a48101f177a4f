package dev.printernizer.examples;

import dev.printernizer.Printernizer;
import dev.printernizer.jdbc.JdbcJobStore;
import dev.printernizer.micrometer.PrinternizerMetrics;
import dev.printernizer.micrometer.TimedJobStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;

/** The engine's metrics in the host's Micrometer registry (Prometheus, OTLP, JMX, ...). */
public final class MetricsExample {
  private MetricsExample() {}

  /**
   * @param registry the host application's registry
   * @param data the embedded database's directory
   * @return the engine, not started, its store calls timed and its meters bound
   */
  public static Printernizer withMetrics(MeterRegistry registry, Path data) {
    Printernizer printernizer = Printernizer.builder()
        .jobStore(new TimedJobStore(JdbcJobStore.h2(data), registry)) // printernizer.store.calls
        .build();                                                      // (add printers first)
    new PrinternizerMetrics(printernizer).bindTo(registry); // jobs, printers, latency, outbox
    return printernizer;
  }
}
