package dev.printernizer.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.printernizer.Printernizer;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.spi.DriverContext;
import dev.printernizer.spi.PrinterDriver;
import dev.printernizer.spi.PrinterDriverProvider;
import dev.printernizer.store.InMemoryJobStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A driver checks each configuration once at build(), and again for printers added later. */
class ValidationOnceTest {
  @Test
  void eachPrinterIsValidatedOnceAtBuildAndOnceWhenAdded() {
    AtomicInteger checks = new AtomicInteger();
    PrinterDriverProvider counting = new PrinterDriverProvider() {
      @Override
      public String type() {
        return "counting";
      }

      @Override
      public List<String> validate(PrinterConfig config) {
        checks.incrementAndGet();
        return List.of();
      }

      @Override
      public PrinterDriver create(PrinterConfig config) {
        return new PrinterDriver() {
          @Override
          public void start(DriverContext context) {}

          @Override
          public void close() {}
        };
      }
    };
    try (Printernizer p = Printernizer.builder().jobStore(new InMemoryJobStore())
        .serviceDiscovery(false).driverProvider(counting)
        .printer(PrinterConfig.builder(PrinterId.of("a"), "counting").build())
        .printer(PrinterConfig.builder(PrinterId.of("b"), "counting").build()).build()) {
      assertEquals(2, checks.get(), "once per printer at build()");
      p.addPrinter(PrinterConfig.builder(PrinterId.of("c"), "counting").build());
      assertEquals(3, checks.get(), "and once for a printer added at runtime");
    }
  }
}
