package dev.printernizer.internal.discovery;

import dev.printernizer.PrinternizerException;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.internal.engine.Engine;
import dev.printernizer.spi.JobStore;
import dev.printernizer.spi.JobStoreProvider;
import dev.printernizer.spi.Notifier;
import dev.printernizer.spi.NotifierProvider;
import dev.printernizer.spi.PrinterDriverProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code Printernizer.Builder.build()} resolves before the engine exists: the driver
 * providers by type (registered ones win over discovered ones), every printer's configuration
 * checked against its driver, the job store and the notifiers. Errors are
 * {@link PrinternizerException}s that say what to do. Not part of the API.
 */
public final class Wiring {
  private static final Logger LOG = LoggerFactory.getLogger(Wiring.class);

  private Wiring() {}

  /**
   * @param registered providers given to the builder (they win)
   * @param discovery whether to look on the class or module path
   * @param loader where to look
   * @return the providers by printer type
   */
  public static Map<String, PrinterDriverProvider> driverProviders(
      Map<String, PrinterDriverProvider> registered, boolean discovery, ClassLoader loader) {
    Map<String, PrinterDriverProvider> all = new LinkedHashMap<>();
    if (discovery) {
      for (PrinterDriverProvider p : ProviderDiscovery.load(PrinterDriverProvider.class, loader,
          PrinterDriverProvider::spiVersion)) {
        String type = p.type();
        PrinterDriverProvider had = all.putIfAbsent(type, p);
        if (had != null && !registered.containsKey(type)) {
          LOG.warn("Printernizer: two driver providers for type '{}' found ({} and {}); using"
              + " the first. Register one on the builder to choose.", type,
              had.getClass().getName(), p.getClass().getName());
        }
      }
    }
    all.putAll(registered);
    return all;
  }

  /**
   * Checks every printer against its driver, without connecting.
   *
   * @param printers the printers
   * @param providers the providers by type
   * @throws PrinternizerException listing every problem of every printer
   */
  public static void requireValid(Collection<PrinterConfig> printers,
      Map<String, PrinterDriverProvider> providers) {
    List<String> problems = new ArrayList<>();
    for (PrinterConfig pc : printers) {
      PrinterDriverProvider p = providers.get(pc.type());
      if (p == null) {
        problems.add("printer " + pc.id() + ": no driver for printer type '" + pc.type()
            + "'; known types: " + providers.keySet() + ". Add the driver module (e.g."
            + " printernizer-driver-" + pc.type() + ") to the class path or register its"
            + " provider with driverProvider(...).");
      } else {
        problems.addAll(Engine.validate(p, pc));
      }
    }
    if (!problems.isEmpty()) {
      throw new PrinternizerException(problems.size() == 1 ? problems.get(0)
          : "invalid printer configuration (" + problems.size() + " problems):\n  - "
              + String.join("\n  - ", problems));
    }
  }

  /**
   * The one job store on the class or module path.
   *
   * @param discovery whether discovery is on
   * @param loader where to look
   * @return the store, created by its provider
   * @throws PrinternizerException when there is none or several
   */
  public static JobStore discoverStore(boolean discovery, ClassLoader loader) {
    if (!discovery) {
      throw new PrinternizerException("no job store: register one with jobStore(...), e.g."
          + " new InMemoryJobStore() or a JdbcJobStore");
    }
    List<JobStoreProvider> found = ProviderDiscovery.load(JobStoreProvider.class, loader,
        JobStoreProvider::spiVersion);
    if (found.isEmpty()) {
      throw new PrinternizerException("no job store: register one with jobStore(...) (for"
          + " example new InMemoryJobStore(), or a JdbcJobStore from printernizer-jdbc), or put"
          + " exactly one JobStoreProvider on the class path");
    }
    if (found.size() > 1) {
      throw new PrinternizerException("several job stores found: "
          + found.stream().map(p -> p.name() + " (" + p.getClass().getName() + ")")
              .collect(Collectors.joining(", "))
          + "; register the one to use with jobStore(...)");
    }
    JobStoreProvider p = found.get(0);
    LOG.info("Printernizer: using job store '{}' found on the class path", p.name());
    return Objects.requireNonNull(p.create(), "JobStoreProvider.create() returned null");
  }

  /**
   * @param registered notifiers given to the builder
   * @param discovery whether to add the ones found by their providers
   * @param loader where to look
   * @return all notifiers
   */
  public static List<Notifier> notifiers(List<Notifier> registered, boolean discovery,
      ClassLoader loader) {
    List<Notifier> ns = new ArrayList<>(registered);
    if (discovery) {
      for (NotifierProvider np : ProviderDiscovery.load(NotifierProvider.class, loader,
          NotifierProvider::spiVersion)) {
        try {
          ns.add(Objects.requireNonNull(np.create(), "create() returned null"));
        } catch (RuntimeException e) {
          LOG.error("Printernizer: notifier provider {} failed to create its notifier; skipped",
              np.name(), e);
        }
      }
    }
    if (ns.isEmpty()) {
      LOG.info("Printernizer: no notifier registered; events are not delivered anywhere");
    }
    return ns;
  }
}
