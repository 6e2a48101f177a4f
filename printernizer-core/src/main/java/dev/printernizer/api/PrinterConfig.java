package dev.printernizer.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How to reach one printer: its id, display name, driver type and connection details.
 *
 * <p>Built with {@link #builder(PrinterId, String)}; the builder validates each value when it is
 * set. The credential is a {@link Secret} and never appears in {@link #toString()}. Instances are
 * immutable and thread-safe.
 *
 * @since 0.1
 */
public final class PrinterConfig {
  private final PrinterId id;
  private final String name;
  private final String type;
  private final @Nullable String host;
  private final int port;
  private final @Nullable String serial;
  private final @Nullable String username;
  private final @Nullable Secret credential;
  private final Map<String, String> options;
  private final @Nullable Double powerWatts;

  private PrinterConfig(Builder b) {
    this.id = b.id;
    this.name = b.name == null ? b.id.value() : b.name;
    this.type = b.type;
    this.host = b.host;
    this.port = b.port;
    this.serial = b.serial;
    this.username = b.username;
    this.credential = b.credential;
    this.options = Map.copyOf(b.options);
    this.powerWatts = b.powerWatts;
  }

  /**
   * Starts a configuration.
   *
   * @param id the printer id
   * @param type the driver type, as named by a {@code PrinterDriverProvider} (e.g. "bambu",
   *     "prusa"); lower case letters, digits and '-'
   * @return a builder
   * @since 0.1
   */
  public static Builder builder(PrinterId id, String type) {
    return new Builder(id, type);
  }

  /**
   * @return the printer id
   * @since 0.1
   */
  public PrinterId id() {
    return id;
  }

  /**
   * @return the display name (the id when none was given)
   * @since 0.1
   */
  public String name() {
    return name;
  }

  /**
   * @return the driver type
   * @since 0.1
   */
  public String type() {
    return type;
  }

  /**
   * @return host name or address, if any
   * @since 0.1
   */
  public Optional<String> host() {
    return Optional.ofNullable(host);
  }

  /**
   * @return the port, or 0 for the driver's default
   * @since 0.1
   */
  public int port() {
    return port;
  }

  /**
   * @return the printer's serial number, if configured
   * @since 0.1
   */
  public Optional<String> serial() {
    return Optional.ofNullable(serial);
  }

  /**
   * @return the user name, if any
   * @since 0.1
   */
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /**
   * @return the credential (access code, password or API key), if any
   * @since 0.1
   */
  public Optional<Secret> credential() {
    return Optional.ofNullable(credential);
  }

  /**
   * @return driver specific options, never secrets
   * @since 0.1
   */
  public Map<String, String> options() {
    return options;
  }

  /**
   * The printer's average power draw while printing, for the energy part of a job's cost
   * ({@link JobCost}).
   *
   * @return watts, if configured
   * @since 0.3
   */
  public Optional<Double> powerWatts() {
    return Optional.ofNullable(powerWatts);
  }

  /**
   * @return a builder holding this configuration's values
   * @since 0.1
   */
  public Builder toBuilder() {
    Builder b = new Builder(id, type).name(name).port(port);
    b.host = host;
    b.serial = serial;
    b.username = username;
    b.credential = credential;
    b.options.putAll(options);
    b.powerWatts = powerWatts;
    return b;
  }

  @Override
  public String toString() {
    return "PrinterConfig{id=" + id + ", name=" + name + ", type=" + type + ", host=" + host
        + (port > 0 ? ":" + port : "") + ", serial=" + serial
        + ", credential=" + (credential == null ? "none" : "******") + ", options=" + options
        + (powerWatts == null ? "" : ", powerWatts=" + powerWatts) + "}";
  }

  /**
   * Builder for {@link PrinterConfig}. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final PrinterId id;
    private final String type;
    private @Nullable String name;
    private @Nullable String host;
    private int port;
    private @Nullable String serial;
    private @Nullable String username;
    private @Nullable Secret credential;
    private final Map<String, String> options = new LinkedHashMap<>();
    private @Nullable Double powerWatts;

    private Builder(PrinterId id, String type) {
      this.id = Objects.requireNonNull(id, "id");
      Objects.requireNonNull(type, "type");
      if (!type.matches("[a-z0-9-]{1,32}")) {
        throw new IllegalArgumentException(
            "invalid printer type '" + type + "': use 1-32 lower case letters, digits or '-'");
      }
      this.type = type;
    }

    /**
     * @param name display name, 1-200 characters
     * @return this
     * @since 0.1
     */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank() || name.length() > 200) {
        throw new IllegalArgumentException("printer name must be 1-200 characters, not blank");
      }
      this.name = name;
      return this;
    }

    /**
     * @param host host name or address
     * @return this
     * @since 0.1
     */
    public Builder host(String host) {
      Objects.requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      this.host = host.trim();
      return this;
    }

    /**
     * @param port 0 (driver default) or 1-65535
     * @return this
     * @since 0.1
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0-65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * @param serial the printer's serial number
     * @return this
     * @since 0.1
     */
    public Builder serial(String serial) {
      Objects.requireNonNull(serial, "serial");
      if (serial.isBlank()) {
        throw new IllegalArgumentException("serial must not be blank");
      }
      this.serial = serial.trim();
      return this;
    }

    /**
     * @param username user name for the printer's API
     * @return this
     * @since 0.1
     */
    public Builder username(String username) {
      this.username = Objects.requireNonNull(username, "username");
      return this;
    }

    /**
     * @param credential access code, password or API key
     * @return this
     * @since 0.1
     */
    public Builder credential(Secret credential) {
      this.credential = Objects.requireNonNull(credential, "credential");
      return this;
    }

    /**
     * @param watts the printer's average power draw while printing (more than 0, at most
     *     100,000), for the energy cost of its jobs
     * @return this
     * @since 0.3
     */
    public Builder powerWatts(double watts) {
      if (!(watts > 0 && watts <= 100_000)) {
        throw new IllegalArgumentException("powerWatts must be more than 0 and at most 100000,"
            + " was " + watts);
      }
      this.powerWatts = watts;
      return this;
    }

    /**
     * Sets a driver specific option (never a secret: options are printed by toString).
     *
     * @param key option name
     * @param value option value
     * @return this
     * @since 0.1
     */
    public Builder option(String key, String value) {
      options.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * @return the configuration
     * @since 0.1
     */
    public PrinterConfig build() {
      return new PrinterConfig(this);
    }
  }
}
