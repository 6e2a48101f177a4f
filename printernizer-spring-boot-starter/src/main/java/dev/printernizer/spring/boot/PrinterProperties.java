package dev.printernizer.spring.boot;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One printer of {@code printernizer.printers}: the fields of {@code PrinterConfig}. Secrets
 * (access code, password, API key) are never printed by {@link #toString()}. A mutable JavaBean
 * for Spring's binder.
 *
 * @since 0.4
 */
public class PrinterProperties {
  /** Bound by Spring. */
  public PrinterProperties() {
  }

  /** The printer's id (letters, digits, '-', '_', '.'), unique. */
  private @Nullable String id;
  /** Display name; the id when not set. */
  private @Nullable String name;
  /** Driver type: "prusa" (PrusaLink) or "bambu" (Bambu LAN MQTT), or another driver's. */
  private @Nullable String type;
  /** Host name or address. */
  private @Nullable String host;
  /** Port; 0 for the driver's default. */
  private int port;
  /** Serial number (Bambu: required, it names the MQTT topics). */
  private @Nullable String serial;
  /** User name (PrusaLink digest auth). */
  private @Nullable String username;
  /** Bambu LAN access code (a secret: give it from a secret property source). */
  private @Nullable String accessCode;
  /** PrusaLink password for digest auth (a secret). */
  private @Nullable String password;
  /** PrusaLink API key (a secret; switches the driver to X-Api-Key auth). */
  private @Nullable String apiKey;
  /** Average power draw while printing, in watts, for the energy cost. */
  private @Nullable Double powerWatts;
  /** Overrides the global job_creation_auto_create for this printer. */
  private @Nullable Boolean autoCreate;
  /**
   * Driver options (never secrets), e.g. {@code ca-file} or {@code ftps-port} for Bambu; a
   * '-' in a key is read as '_' ({@code ca-file} is the driver's {@code ca_file}).
   */
  private Map<String, String> options = new LinkedHashMap<>();

  /** @return the id */
  public @Nullable String getId() {
    return id;
  }

  /** @param id the id */
  public void setId(@Nullable String id) {
    this.id = id;
  }

  /** @return the display name */
  public @Nullable String getName() {
    return name;
  }

  /** @param name the display name */
  public void setName(@Nullable String name) {
    this.name = name;
  }

  /** @return the driver type */
  public @Nullable String getType() {
    return type;
  }

  /** @param type the driver type */
  public void setType(@Nullable String type) {
    this.type = type;
  }

  /** @return the host */
  public @Nullable String getHost() {
    return host;
  }

  /** @param host the host */
  public void setHost(@Nullable String host) {
    this.host = host;
  }

  /** @return the port, 0 for the driver's default */
  public int getPort() {
    return port;
  }

  /** @param port the port */
  public void setPort(int port) {
    this.port = port;
  }

  /** @return the serial number */
  public @Nullable String getSerial() {
    return serial;
  }

  /** @param serial the serial number */
  public void setSerial(@Nullable String serial) {
    this.serial = serial;
  }

  /** @return the user name */
  public @Nullable String getUsername() {
    return username;
  }

  /** @param username the user name */
  public void setUsername(@Nullable String username) {
    this.username = username;
  }

  /** @return the access code */
  public @Nullable String getAccessCode() {
    return accessCode;
  }

  /** @param accessCode the access code */
  public void setAccessCode(@Nullable String accessCode) {
    this.accessCode = accessCode;
  }

  /** @return the password */
  public @Nullable String getPassword() {
    return password;
  }

  /** @param password the password */
  public void setPassword(@Nullable String password) {
    this.password = password;
  }

  /** @return the API key */
  public @Nullable String getApiKey() {
    return apiKey;
  }

  /** @param apiKey the API key */
  public void setApiKey(@Nullable String apiKey) {
    this.apiKey = apiKey;
  }

  /** @return the power draw in watts */
  public @Nullable Double getPowerWatts() {
    return powerWatts;
  }

  /** @param powerWatts the power draw in watts */
  public void setPowerWatts(@Nullable Double powerWatts) {
    this.powerWatts = powerWatts;
  }

  /** @return the per-printer auto-create override */
  public @Nullable Boolean getAutoCreate() {
    return autoCreate;
  }

  /** @param autoCreate the per-printer auto-create override */
  public void setAutoCreate(@Nullable Boolean autoCreate) {
    this.autoCreate = autoCreate;
  }

  /** @return the driver options */
  public Map<String, String> getOptions() {
    return options;
  }

  /** @param options the driver options */
  public void setOptions(Map<String, String> options) {
    this.options = options;
  }

  @Override
  public String toString() {
    return "PrinterProperties{id=" + id + ", type=" + type + ", host=" + host + ", port=" + port
        + (accessCode != null || password != null || apiKey != null ? ", credential=***" : "")
        + "}";
  }
}
