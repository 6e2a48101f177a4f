package dev.printernizer.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.Printernizer;
import dev.printernizer.PrinternizerException;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.store.InMemoryJobStore;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ServiceLoader wiring: zero, one, several providers, a provider that throws, version skew. */
class ServiceDiscoveryTest {
  @TempDir
  Path dir;

  /** A loader that sees only the services files given, and the test classes. */
  private ClassLoader loaderWith(Map<String, String> services) throws IOException {
    Path meta = dir.resolve("META-INF/services");
    Files.createDirectories(meta);
    for (Map.Entry<String, String> e : services.entrySet()) {
      Files.writeString(meta.resolve(e.getKey()), e.getValue() + "\n");
    }
    ClassLoader parent = getClass().getClassLoader();
    URL root = dir.toUri().toURL();
    return new ClassLoader(parent) {
      @Override
      public Enumeration<URL> getResources(String name) throws IOException {
        if (name.startsWith("META-INF/services/")) {
          Path p = dir.resolve(name);
          return Files.exists(p)
              ? Collections.enumeration(java.util.List.of(new URL(root, name)))
              : Collections.emptyEnumeration();
        }
        return super.getResources(name);
      }
    };
  }

  private static String spi(Class<?> c) {
    return "dev.printernizer.spi." + c.getSimpleName();
  }

  @Test
  void noStoreFailsFastWithAHint() throws IOException {
    ClassLoader cl = loaderWith(Map.of());
    PrinternizerException e = assertThrows(PrinternizerException.class,
        () -> Printernizer.builder().classLoader(cl).build());
    assertTrue(e.getMessage().contains("no job store"), e.getMessage());
    assertTrue(e.getMessage().contains("jobStore(...)"), e.getMessage());
  }

  @Test
  void oneStoreIsUsed() throws IOException {
    ClassLoader cl = loaderWith(Map.of(spi(dev.printernizer.spi.JobStoreProvider.class),
        TestProviders.StoreA.class.getName()));
    try (Printernizer p = Printernizer.builder().classLoader(cl).build()) {
      assertInstanceOf(InMemoryJobStore.class, p.jobStore());
    }
  }

  @Test
  void severalStoresFailFastListingThem() throws IOException {
    ClassLoader cl = loaderWith(Map.of(spi(dev.printernizer.spi.JobStoreProvider.class),
        TestProviders.StoreA.class.getName() + "\n" + TestProviders.StoreB.class.getName()));
    PrinternizerException e = assertThrows(PrinternizerException.class,
        () -> Printernizer.builder().classLoader(cl).build());
    assertTrue(e.getMessage().contains("store-a") && e.getMessage().contains("store-b"),
        e.getMessage());
  }

  @Test
  void explicitStoreWinsOverDiscovery() throws IOException {
    ClassLoader cl = loaderWith(Map.of(spi(dev.printernizer.spi.JobStoreProvider.class),
        TestProviders.StoreA.class.getName() + "\n" + TestProviders.StoreB.class.getName()));
    InMemoryJobStore mine = new InMemoryJobStore();
    try (Printernizer p = Printernizer.builder().classLoader(cl).jobStore(mine).build()) {
      assertEquals(mine, p.jobStore());
    }
  }

  @Test
  void discoveredDriverIsUsedAndABrokenProviderIsSkipped() throws IOException {
    ClassLoader cl = loaderWith(Map.of(spi(dev.printernizer.spi.PrinterDriverProvider.class),
        TestProviders.Broken.class.getName() + "\n" + TestProviders.DriverProvider.class.getName()));
    try (Printernizer p = Printernizer.builder().classLoader(cl).jobStore(new InMemoryJobStore())
        .printer(PrinterConfig.builder(PrinterId.of("disc-1"), "test").build()).build()) {
      p.start();
      synchronized (TestProviders.STARTED) {
        assertTrue(TestProviders.STARTED.contains("disc-1"));
      }
    }
  }

  @Test
  void unknownPrinterTypeFailsFastNamingKnownTypes() throws IOException {
    ClassLoader cl = loaderWith(Map.of(spi(dev.printernizer.spi.PrinterDriverProvider.class),
        TestProviders.DriverProvider.class.getName()));
    PrinternizerException e = assertThrows(PrinternizerException.class,
        () -> Printernizer.builder().classLoader(cl).jobStore(new InMemoryJobStore())
            .printer(PrinterConfig.builder(PrinterId.of("x"), "bambu").build()).build());
    assertTrue(e.getMessage().contains("'bambu'") && e.getMessage().contains("[test]"),
        e.getMessage());
  }

  @Test
  void aProviderBuiltForAnotherSpiVersionIsRefusedWithAClearMessage() throws IOException {
    ClassLoader cl = loaderWith(Map.of(spi(dev.printernizer.spi.NotifierProvider.class),
        TestProviders.FutureNotifier.class.getName()));
    dev.printernizer.testsupport.DirectClock clock = new dev.printernizer.testsupport.DirectClock();
    synchronized (TestProviders.FutureNotifier.SEEN) {
      TestProviders.FutureNotifier.SEEN.clear();
    }
    try (Printernizer p = Printernizer.builder().classLoader(cl).clock(clock)
        .jobStore(new InMemoryJobStore()).executor(Runnable::run)
        .notificationExecutor(Runnable::run)
        .driverProvider(new TestProviders.DriverProvider()) // declares no version: accepted
        .printer(PrinterConfig.builder(PrinterId.of("n1"), "test").build()).build()) {
      p.start();
      dev.printernizer.spi.DriverContext ctx = TestProviders.CONTEXTS.get("n1");
      ctx.publish(dev.printernizer.api.StatusSnapshot.builder(PrinterId.of("n1"),
          dev.printernizer.api.PrinterState.IDLE, clock.instant()).build());
      synchronized (TestProviders.FutureNotifier.SEEN) {
        assertTrue(TestProviders.FutureNotifier.SEEN.isEmpty(),
            "the notifier built for SPI 99 was not loaded: " + TestProviders.FutureNotifier.SEEN);
      }
    }
    dev.printernizer.spi.PrinterDriverProvider future = new dev.printernizer.spi
        .PrinterDriverProvider() {
      @Override
      public String type() {
        return "future";
      }

      @Override
      public dev.printernizer.spi.PrinterDriver create(PrinterConfig config) {
        throw new UnsupportedOperationException();
      }

      @Override
      public int spiVersion() {
        return 99;
      }
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Printernizer.builder().driverProvider(future));
    assertTrue(e.getMessage().contains("SPI version 99")
        && e.getMessage().contains("SPI version " + dev.printernizer.spi.Spi.VERSION),
        e.getMessage());
  }
}
