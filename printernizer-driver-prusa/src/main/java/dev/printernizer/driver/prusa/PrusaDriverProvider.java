package dev.printernizer.driver.prusa;

import dev.printernizer.api.PrinterConfig;
import dev.printernizer.driver.prusa.internal.PrusaDriver;
import dev.printernizer.spi.PrinterDriver;
import dev.printernizer.spi.PrinterDriverProvider;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * Drivers for Prusa printers over PrusaLink (type {@code "prusa"}): the firmware API of MK4, XL,
 * MINI and CORE One, and PrusaLink on a Raspberry Pi for MK3.
 *
 * <p>Configuration ({@link PrinterConfig}):
 * <ul>
 *   <li>{@code host} (required) and {@code port} (default 80);</li>
 *   <li>{@code credential}: the PrusaLink password (firmware: shown on the printer under
 *       Settings / Network / PrusaLink; Pi: set in the wizard), or the API key;</li>
 *   <li>{@code username}: for the Pi variant (the firmware always uses {@code maker});</li>
 *   <li>option {@code auth}: {@code digest} (default) or {@code apikey} (send the credential as
 *       {@code X-Api-Key});</li>
 *   <li>option {@code scheme}: {@code http} (default) or {@code https}.</li>
 * </ul>
 * Polls at the live {@code monitoring_interval} (default 30 s) and every 5 s while a print is in
 * its last two minutes or at 98 % or more. Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class PrusaDriverProvider implements PrinterDriverProvider {
  /** For ServiceLoader. @since 0.1 */
  public PrusaDriverProvider() {}

  @Override
  public String type() {
    return "prusa";
  }

  @Override
  public PrinterDriver create(PrinterConfig config) {
    String host = config.host().orElseThrow(() -> new IllegalArgumentException(
        "printer " + config.id() + ": a Prusa printer needs 'host' (its address)"));
    if (config.credential().isEmpty()) {
      throw new IllegalArgumentException("printer " + config.id()
          + ": a Prusa printer needs 'credential' (the PrusaLink password or API key)");
    }
    String scheme = config.options().getOrDefault("scheme", "http").toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("printer " + config.id() + ": option scheme must be"
          + " http or https, was '" + scheme + "'");
    }
    String auth = config.options().getOrDefault("auth", "digest").toLowerCase(Locale.ROOT);
    if (!auth.equals("digest") && !auth.equals("apikey")) {
      throw new IllegalArgumentException("printer " + config.id() + ": option auth must be"
          + " digest or apikey, was '" + auth + "'");
    }
    HttpUrl base;
    try {
      base = new HttpUrl.Builder().scheme(scheme).host(host)
          .port(config.port() > 0 ? config.port() : scheme.equals("https") ? 443 : 80).build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("printer " + config.id() + ": invalid host '" + host
          + "'", e);
    }
    return new PrusaDriver(config, base, auth.equals("apikey"));
  }
}
