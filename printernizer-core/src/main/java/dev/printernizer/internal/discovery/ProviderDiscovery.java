package dev.printernizer.internal.discovery;

import dev.printernizer.spi.Spi;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds SPI providers through {@link ServiceLoader}. A provider that fails to load is reported
 * and skipped; a provider built for another SPI version is refused with a message naming both
 * versions, one that declares none is loaded with a warning.
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
        String refused = versionProblem(type.getSimpleName(), p.getClass().getName(), v);
        if (refused != null) {
          LOG.error("{}; skipped", refused);
          continue;
        }
        out.add(p);
      } catch (ServiceConfigurationError | LinkageError e) {
        LOG.error("Printernizer: a {} provider failed to load and is skipped: {}",
            type.getSimpleName(), e.getMessage(), e);
      }
    }
    return out;
  }

  /**
   * Checks a provider's SPI version: logs a warning for an undeclared one.
   *
   * @param kind the SPI, for the message
   * @param provider the provider's class name
   * @param version what it reports
   * @return why it is refused, or null when it may be used
   */
  public static @Nullable String versionProblem(String kind, String provider, int version) {
    if (version == Spi.VERSION) {
      return null;
    }
    if (version == Spi.UNDECLARED) {
      LOG.warn("Printernizer: {} provider {} does not declare the SPI version it was built for"
          + " (override spiVersion() with 'return Spi.VERSION;'); assuming version {}", kind,
          provider, Spi.VERSION);
      return null;
    }
    return "Printernizer: " + kind + " provider " + provider + " was built for SPI version "
        + version + ", but this core has SPI version " + Spi.VERSION + ": use a release of the"
        + " provider built for this core (or the core it was built for)";
  }
}
