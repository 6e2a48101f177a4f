package dev.printernizer.internal.discovery;

import dev.printernizer.spi.Spi;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds SPI providers through {@link ServiceLoader}. A provider that fails to load is reported
 * and skipped; a provider built for another SPI version is loaded with a warning.
 */
public final class ProviderDiscovery {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderDiscovery.class);

  private ProviderDiscovery() {}

  /**
   * Loads every provider of a type.
   *
   * @param type the SPI
   * @param loader where to look
   * @param version reads the provider's SPI version
   * @param <P> the SPI
   * @return the providers that loaded
   */
  public static <P> List<P> load(Class<P> type, ClassLoader loader, ToIntFunction<P> version) {
    List<P> out = new ArrayList<>();
    Iterator<P> it = ServiceLoader.load(type, loader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        P p = it.next();
        int v;
        try {
          v = version.applyAsInt(p);
        } catch (RuntimeException e) {
          LOG.error("Printernizer: {} provider {} failed to report its SPI version; skipped",
              type.getSimpleName(), p.getClass().getName(), e);
          continue;
        }
        if (v != Spi.VERSION) {
          LOG.warn("Printernizer: {} provider {} was built for SPI version {}, this core has {};"
              + " it may not work as expected", type.getSimpleName(), p.getClass().getName(), v,
              Spi.VERSION);
        }
        out.add(p);
      } catch (ServiceConfigurationError | LinkageError e) {
        LOG.error("Printernizer: a {} provider failed to load and is skipped: {}",
            type.getSimpleName(), e.getMessage(), e);
      }
    }
    return out;
  }
}
