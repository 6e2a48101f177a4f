package dev.printernizer.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.PrinterId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * {@code /api/settings}: the JSON view of the live settings, a validated update (all or
 * nothing), and the file {@code settings.properties} in the data directory that keeps what the
 * UI changed across restarts.
 */
final class SettingsApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SettingsApi() {}

  /** Applies the settings saved by the UI, if there are any. */
  static void loadSaved(AutoJobSettings settings, Path file) throws IOException {
    SavedProperties.load(file).ifPresent(settings::apply);
  }

  /** The settings as the API shows them. */
  static ObjectNode json(AutoJobSettings s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("job_creation_auto_create", s.autoCreate());
    ObjectNode per = n.putObject("printer_overrides");
    s.autoCreateOverrides().forEach((k, v) -> per.put(k.value(), v));
    n.put("monitoring_interval_seconds", s.monitoringInterval().toSeconds());
    n.put("dedup_window_seconds", s.dedupWindow().toSeconds());
    return n;
  }

  /**
   * Applies a PUT body: every value is checked, the resulting settings saved to {@code file},
   * and only then applied.
   *
   * @throws IOException when saving failed; nothing was changed
   */
  static void put(AutoJobSettings settings, JsonNode b, Set<PrinterId> printers, Path file)
      throws IOException {
    Map<String, String> changes = new LinkedHashMap<>();
    Map<PrinterId, Boolean> clear = new LinkedHashMap<>();
    for (String f : (Iterable<String>) b::fieldNames) {
      JsonNode v = b.get(f);
      switch (f) {
        case "job_creation_auto_create":
          if (!v.isBoolean()) {
            throw new IllegalArgumentException("job_creation_auto_create must be true or false");
          }
          changes.put(AutoJobSettings.AUTO_CREATE, v.asText());
          break;
        case "monitoring_interval_seconds":
          if (!v.canConvertToInt()) {
            throw new IllegalArgumentException("monitoring_interval_seconds must be a number");
          }
          changes.put(AutoJobSettings.MONITORING_INTERVAL, v.asText());
          break;
        case "printer_overrides":
          if (!v.isObject()) {
            throw new IllegalArgumentException("printer_overrides must be an object");
          }
          for (String p : (Iterable<String>) v::fieldNames) {
            PrinterId id = PrinterId.of(p);
            if (!printers.contains(id)) {
              throw new IllegalArgumentException("unknown printer '" + p + "'");
            }
            JsonNode o = v.get(p);
            if (o.isNull()) {
              clear.put(id, null);
            } else if (o.isBoolean()) {
              changes.put("printer." + p + "." + AutoJobSettings.AUTO_CREATE, o.asText());
            } else {
              throw new IllegalArgumentException("printer_overrides." + p
                  + " must be true, false or null");
            }
          }
          break;
        default:
          throw new IllegalArgumentException("unknown setting '" + f + "'");
      }
    }
    // Checked on a copy and saved before anything changes: a failed save leaves both the saved
    // file and the live settings as they were (it used to apply first and then fail).
    AutoJobSettings next = new AutoJobSettings();
    next.apply(Map.of(AutoJobSettings.AUTO_CREATE, String.valueOf(settings.autoCreate()),
        AutoJobSettings.MONITORING_INTERVAL,
        String.valueOf(settings.monitoringInterval().toSeconds())));
    settings.autoCreateOverrides().forEach(next::setAutoCreate);
    next.apply(changes); // validates everything first
    clear.keySet().forEach(id -> next.setAutoCreate(id, null));
    Properties p = new Properties();
    p.setProperty(AutoJobSettings.AUTO_CREATE, String.valueOf(next.autoCreate()));
    p.setProperty(AutoJobSettings.MONITORING_INTERVAL,
        String.valueOf(next.monitoringInterval().toSeconds()));
    next.autoCreateOverrides().forEach((k, v) -> p.setProperty(
        "printer." + k.value() + "." + AutoJobSettings.AUTO_CREATE, String.valueOf(v)));
    SavedProperties.save(file, p);
    settings.apply(changes); // checked above: applies at once
    clear.keySet().forEach(id -> settings.setAutoCreate(id, null));
  }
}
