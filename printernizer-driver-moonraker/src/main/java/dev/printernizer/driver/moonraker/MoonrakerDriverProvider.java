package dev.printernizer.driver.moonraker;

import dev.printernizer.api.PrinterConfig;
import dev.printernizer.driver.moonraker.internal.MoonrakerDriver;
import dev.printernizer.spi.ConfigProblems;
import dev.printernizer.spi.PrinterDriver;
import dev.printernizer.spi.PrinterDriverProvider;
import dev.printernizer.spi.Spi;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Drivers for Klipper printers through Moonraker (type {@code "moonraker"}): Voron, RatRig,
 * Elegoo Neptune 4, rooted Creality K1/K2, Sovol and every other printer that runs Moonraker.
 *
 * <p>Configuration ({@link PrinterConfig}):
 * <ul>
 *   <li>{@code host} (required) and {@code port} (default 7125, Moonraker's; 80 or 443 behind
 *       the web interface's proxy);</li>
 *   <li>{@code credential} (optional): Moonraker's API key, sent as {@code X-Api-Key} on the
 *       WebSocket upgrade and in {@code server.connection.identify}; none for a trusted client
 *       ({@code [authorization] trusted_clients});</li>
 *   <li>option {@code auth}: {@code apikey} (default) or {@code oneshot} (the key fetches a
 *       one-shot token from {@code /access/oneshot_token}, passed as {@code ?token=}: for proxies
 *       that strip headers);</li>
 *   <li>option {@code tls}: {@code false} (default) or {@code true} for {@code wss://} behind a
 *       reverse proxy, verified against the JDK's trusted certificates;</li>
 *   <li>option {@code path}: the WebSocket path, default {@code /websocket};</li>
 *   <li>option {@code max_message_kib}: the largest message accepted, 64 to 65536, default
 *       1024.</li>
 * </ul>
 * Stateless and thread-safe.
 *
 * @since 0.4
 */
public final class MoonrakerDriverProvider implements PrinterDriverProvider {
  /** The options this driver reads; any other is refused with the closest of these. */
  static final List<String> OPTIONS = List.of("auth", "tls", "path", "max_message_kib");

  /**
   * For ServiceLoader.
   *
   * @since 0.4
   */
  public MoonrakerDriverProvider() {}

  @Override
  public String type() {
    return "moonraker";
  }

  /** @return {@link Spi#VERSION} as this provider was compiled against it */
  @Override
  public int spiVersion() {
    return Spi.VERSION;
  }

  /** Checks host, options and the key without connecting. */
  @Override
  public List<String> validate(PrinterConfig config) {
    ConfigProblems p = ConfigProblems.of(config);
    p.require(config.host().isPresent(), "host", "a Moonraker printer needs its address");
    p.onlyOptions(OPTIONS);
    String auth = option(config, "auth", "apikey");
    p.require(auth.equals("apikey") || auth.equals("oneshot"), "auth",
        "must be apikey or oneshot, was '" + auth + "'");
    p.require(!auth.equals("oneshot") || config.credential().isPresent(), "credential",
        "auth oneshot needs the API key to fetch the token with");
    String tls = option(config, "tls", "false");
    p.require(tls.equals("true") || tls.equals("false"), "tls",
        "must be true or false, was '" + tls + "'");
    String path = config.options().getOrDefault("path", "/websocket");
    p.require(path.startsWith("/") && !path.contains("?") && !path.contains("#"), "path",
        "must start with '/' and have no query, was '" + path + "'");
    String max = config.options().getOrDefault("max_message_kib", "1024");
    p.require(max.matches("\\d{1,6}") && Integer.parseInt(max) >= 64
        && Integer.parseInt(max) <= 65536, "max_message_kib",
        "must be a whole number 64-65536, was '" + max + "'");
    if (config.host().isPresent() && p.list().isEmpty()) {
      try {
        uri(config, "ws", path);
      } catch (IllegalArgumentException e) {
        p.add("host", "not a valid host name or address: '" + config.host().get() + "'");
      }
    }
    return p.list();
  }

  @Override
  public PrinterDriver create(PrinterConfig config) {
    ConfigProblems.requireNone(validate(config));
    boolean tls = option(config, "tls", "false").equals("true");
    String path = config.options().getOrDefault("path", "/websocket");
    int maxKib = Integer.parseInt(config.options().getOrDefault("max_message_kib", "1024"));
    return new MoonrakerDriver(config, uri(config, tls ? "wss" : "ws", path),
        uri(config, tls ? "https" : "http", "/"), option(config, "auth", "apikey")
            .equals("oneshot"), maxKib * 1024);
  }

  private static String option(PrinterConfig c, String key, String dflt) {
    return c.options().getOrDefault(key, dflt).toLowerCase(Locale.ROOT);
  }

  private static URI uri(PrinterConfig c, String scheme, String path) {
    try {
      return new URI(scheme, null, c.host().orElseThrow(), c.port() > 0 ? c.port() : 7125, path,
          null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
