package dev.printernizer.driver.bambu;

import dev.printernizer.api.PrinterConfig;
import dev.printernizer.driver.bambu.internal.BambuDriver;
import dev.printernizer.driver.bambu.internal.BambuTls;
import dev.printernizer.spi.ConfigProblems;
import dev.printernizer.spi.PrinterDriver;
import dev.printernizer.spi.PrinterDriverProvider;
import dev.printernizer.spi.Spi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.TrustManagerFactory;

/**
 * Drivers for Bambu Lab printers over their LAN MQTT broker (type {@code "bambu"}), on the
 * HiveMQ MQTT client. One shared event loop serves every printer; threads do not grow with the
 * printer count.
 *
 * <p>Configuration ({@link PrinterConfig}):
 * <ul>
 *   <li>{@code host} (required), {@code port} (default 8883);</li>
 *   <li>{@code serial} (required, exact letter case): the topic and the certificate's CN;</li>
 *   <li>{@code credential}: the LAN access code shown on the printer;</li>
 *   <li>option {@code ca_file}: a PEM file of CA certificates to trust instead of the bundled
 *       Bambu CAs (for models whose CA is not bundled);</li>
 *   <li>option {@code pin_sha256}: trust exactly the printer certificate with this SHA-256
 *       fingerprint instead of a CA (the CN must still equal the serial);</li>
 *   <li>option {@code watchdog_seconds} (default 60, 15-3600): silence before the driver asks the
 *       printer to push again; 30 s later it reconnects;</li>
 *   <li>option {@code pushall_minutes} (default 0 = off, else 5-1440): a slow safety-net full
 *       report request;</li>
 *   <li>option {@code transport}: {@code tls} (default) or {@code plain} (MQTT without TLS, for
 *       test brokers and firmware that exposes port 1883; the access code then crosses the
 *       network in clear);</li>
 *   <li>option {@code client_id}: a fixed MQTT client id (default: random per start);</li>
 *   <li>option {@code print_file}: {@code on} (default) reads the running print's 3MF over FTPS
 *       (implicit TLS, verified like MQTT) for the slicer's estimate, filament per slot, plate
 *       and layer height; {@code off} never opens FTPS. Not with {@code transport: plain};</li>
 *   <li>option {@code ftps_port} (default 990): the printer's FTPS port.</li>
 * </ul>
 * TLS is always verified: the chain against the CAs (or the pin) and the CN against the serial.
 *
 * @since 0.1
 */
public final class BambuDriverProvider implements PrinterDriverProvider {
  /**
   * For ServiceLoader.
   * @since 0.1
   */
  public BambuDriverProvider() {}

  @Override
  public String type() {
    return "bambu";
  }

  /** @return {@link Spi#VERSION} as this provider was compiled against it */
  @Override
  public int spiVersion() {
    return Spi.VERSION;
  }

  /** The options this driver reads; any other is refused with the closest of these. */
  static final List<String> OPTIONS = List.of("ca_file", "pin_sha256", "watchdog_seconds",
      "pushall_minutes", "transport", "client_id", "ftps_port", "print_file");

  /**
   * Checks host, serial, access code and every option without connecting (the CA file or pin is
   * read and parsed, as it must be trusted before the first connection).
   */
  @Override
  public List<String> validate(PrinterConfig config) {
    ConfigProblems p = ConfigProblems.of(config);
    p.require(config.host().isPresent(), "host", "a Bambu printer needs its address");
    p.require(config.serial().isPresent(), "serial", "a Bambu printer needs its serial"
        + " (Settings > Device on the printer, exact letter case)");
    p.require(config.credential().isPresent(), "credential", "a Bambu printer needs the LAN"
        + " access code shown on the printer");
    p.onlyOptions(OPTIONS);
    Map<String, String> o = config.options();
    String transport = o.getOrDefault("transport", "tls").toLowerCase(Locale.ROOT);
    p.require(transport.equals("tls") || transport.equals("plain"), "transport",
        "must be tls or plain, was '" + transport + "'");
    if (transport.equals("tls")) {
      try {
        trust(o);
      } catch (IllegalArgumentException e) {
        p.add(o.containsKey("pin_sha256") ? "pin_sha256" : "ca_file",
        String.valueOf(e.getMessage()));
      }
    }
    intOption(o, "watchdog_seconds", 60, 15, 3600, p);
    intOption(o, "ftps_port", 990, 1, 65535, p);
    String files = o.getOrDefault("print_file", "on").toLowerCase(Locale.ROOT);
    p.require(files.equals("on") || files.equals("off"), "print_file",
        "must be on or off, was '" + files + "'");
    int pushall = intOption(o, "pushall_minutes", 0, 0, 1440, p);
    p.require(pushall == 0 || pushall >= 5, "pushall_minutes", "must be 0 (off) or 5-1440, was "
        + pushall + " (frequent full reports lag P1 printers)");
    return p.list();
  }

  @Override
  public PrinterDriver create(PrinterConfig config) {
    ConfigProblems.requireNone(validate(config));
    Map<String, String> o = config.options();
    String transport = o.getOrDefault("transport", "tls").toLowerCase(Locale.ROOT);
    TrustManagerFactory trust = transport.equals("tls") ? trust(o) : null;
    ConfigProblems ignored = ConfigProblems.of(config);
    Duration watchdog = Duration.ofSeconds(intOption(o, "watchdog_seconds", 60, 15, 3600,
        ignored));
    int pushall = intOption(o, "pushall_minutes", 0, 0, 1440, ignored);
    return new BambuDriver(config, trust, watchdog, Duration.ofMinutes(pushall));
  }

  private static TrustManagerFactory trust(Map<String, String> o) {
    String pin = o.get("pin_sha256");
    String caFile = o.get("ca_file");
    if (pin != null) {
      return BambuTls.pinnedTrust(pin);
    } else if (caFile != null) {
      return BambuTls.caTrust(BambuTls.casFrom(Path.of(caFile)));
    }
    return BambuTls.caTrust(BambuTls.bundledCas());
  }

  private static int intOption(Map<String, String> o, String key, int dflt, int min, int max,
      ConfigProblems p) {
    String v = o.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      int i = Integer.parseInt(v.trim());
      if (i < min || i > max) {
        throw new NumberFormatException();
      }
      return i;
    } catch (NumberFormatException e) {
      p.add(key, "must be a whole number " + min + "-" + max + ", was '" + v + "'");
      return dflt;
    }
  }
}
