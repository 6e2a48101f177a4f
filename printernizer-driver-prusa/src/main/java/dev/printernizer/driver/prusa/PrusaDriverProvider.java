package dev.printernizer.driver.prusa;

import dev.printernizer.api.PrinterConfig;
import dev.printernizer.driver.prusa.internal.PrusaDriver;
import dev.printernizer.spi.ConfigProblems;
import dev.printernizer.spi.PrinterDriver;
import dev.printernizer.spi.PrinterDriverProvider;
import dev.printernizer.spi.Spi;
import java.util.List;
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
  /**
   * For ServiceLoader.
   * @since 0.1
   */
  public PrusaDriverProvider() {}

  @Override
  public String type() {
    return "prusa";
  }

  /** @return {@link Spi#VERSION} as this provider was compiled against it */
  @Override
  public int spiVersion() {
    return Spi.VERSION;
  }

  /** The options this driver reads; any other is refused with the closest of these. */
  static final List<String> OPTIONS = List.of("auth", "scheme");

  /** Checks host, credential and options without connecting. */
  @Override
  public List<String> validate(PrinterConfig config) {
    ConfigProblems p = ConfigProblems.of(config);
    p.require(config.host().isPresent(), "host", "a Prusa printer needs its address");
    p.require(config.credential().isPresent(), "credential", "a Prusa printer needs the"
        + " PrusaLink password or API key");
    p.onlyOptions(OPTIONS);
    String scheme = config.options().getOrDefault("scheme", "http").toLowerCase(Locale.ROOT);
    p.require(scheme.equals("http") || scheme.equals("https"), "scheme",
        "must be http or https, was '" + scheme + "'");
    String auth = config.options().getOrDefault("auth", "digest").toLowerCase(Locale.ROOT);
    p.require(auth.equals("digest") || auth.equals("apikey"), "auth",
        "must be digest or apikey, was '" + auth + "'");
    if (config.host().isPresent() && (scheme.equals("http") || scheme.equals("https"))) {
      try {
        base(config, scheme);
      } catch (IllegalArgumentException e) {
        p.add("host", "not a valid host name or address: '" + config.host().get() + "'");
      }
    }
    return p.list();
  }

  @Override
  public PrinterDriver create(PrinterConfig config) {
    ConfigProblems.requireNone(validate(config));
    String scheme = config.options().getOrDefault("scheme", "http").toLowerCase(Locale.ROOT);
    String auth = config.options().getOrDefault("auth", "digest").toLowerCase(Locale.ROOT);
    return new PrusaDriver(config, base(config, scheme), auth.equals("apikey"));
  }

  private static HttpUrl base(PrinterConfig config, String scheme) {
    return new HttpUrl.Builder().scheme(scheme).host(config.host().orElseThrow())
        .port(config.port() > 0 ? config.port() : scheme.equals("https") ? 443 : 80).build();
  }
}
