package dev.printernizer.discovery;

import dev.printernizer.api.PrinterConfig;
import dev.printernizer.spi.JobStore;
import dev.printernizer.spi.JobStoreProvider;
import dev.printernizer.spi.Notifier;
import dev.printernizer.spi.NotifierProvider;
import dev.printernizer.spi.PrinterDriver;
import dev.printernizer.spi.PrinterDriverProvider;
import dev.printernizer.store.InMemoryJobStore;
import java.util.ArrayList;
import java.util.List;

/** Providers registered through test-only META-INF/services files, one loader per scenario. */
public final class TestProviders {
  private TestProviders() {}

  /** Drivers started by {@link Driver}. */
  public static final List<String> STARTED = new ArrayList<>();
  /** Contexts given to started drivers, by printer id. */
  public static final java.util.Map<String, dev.printernizer.spi.DriverContext> CONTEXTS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** A store provider. */
  public static final class StoreA implements JobStoreProvider {
    @Override
    public String name() {
      return "store-a";
    }

    @Override
    public JobStore create() {
      return new InMemoryJobStore();
    }
  }

  /** A second store provider. */
  public static final class StoreB implements JobStoreProvider {
    @Override
    public String name() {
      return "store-b";
    }

    @Override
    public JobStore create() {
      return new InMemoryJobStore();
    }
  }

  /** A driver provider of type "test". */
  public static final class DriverProvider implements PrinterDriverProvider {
    @Override
    public String type() {
      return "test";
    }

    @Override
    public PrinterDriver create(PrinterConfig config) {
      return new Driver(config);
    }
  }

  /** A driver that records its start. */
  public static final class Driver implements PrinterDriver {
    private final PrinterConfig config;

    Driver(PrinterConfig config) {
      this.config = config;
    }

    @Override
    public void start(dev.printernizer.spi.DriverContext context) {
      synchronized (STARTED) {
        STARTED.add(config.id().value());
      }
      CONTEXTS.put(config.id().value(), context);
    }

    @Override
    public void close() {}
  }

  /** A provider whose constructor throws. */
  public static final class Broken implements PrinterDriverProvider {
    /** Always fails. */
    public Broken() {
      throw new IllegalStateException("broken provider");
    }

    @Override
    public String type() {
      return "broken";
    }

    @Override
    public PrinterDriver create(PrinterConfig config) {
      throw new UnsupportedOperationException();
    }
  }

  /** A notifier provider built for a future SPI version. */
  public static final class FutureNotifier implements NotifierProvider {
    /** Events received. */
    public static final List<String> SEEN = new ArrayList<>();

    @Override
    public String name() {
      return "future";
    }

    @Override
    public Notifier create() {
      return e -> {
        synchronized (SEEN) {
          SEEN.add(e.type());
        }
      };
    }

    @Override
    public int spiVersion() {
      return 99;
    }
  }
}
