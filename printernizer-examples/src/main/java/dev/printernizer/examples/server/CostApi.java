package dev.printernizer.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.printernizer.accounting.CostSettings;
import dev.printernizer.api.CostRates;
import dev.printernizer.api.JobCost;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Prices: {@code /api/settings/costs} (GET shows every price that is set; PUT takes an object of
 * cost setting keys to values, a null value removes a price, all or nothing) and the file
 * {@code costs.properties} in the data directory that keeps what the UI changed; and the JSON of
 * a job's cost.
 */
final class CostApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CostApi() {}

  /** Applies the prices saved by the UI, if there are any. */
  static void loadSaved(CostSettings costs, Path file) throws IOException {
    SavedProperties.load(file).ifPresent(costs::apply);
  }

  /** The prices as the API shows them: the settings' keys and values. */
  static ObjectNode json(CostSettings costs) {
    ObjectNode n = JSON.createObjectNode();
    costs.values().forEach(n::put);
    return n;
  }

  /**
   * Applies a PUT body: checks every value, saves the result (to a new file that then replaces
   * the old one) and only then changes the live prices, so a failed save changes nothing.
   */
  static void put(CostSettings costs, JsonNode body, Path file) throws IOException {
    if (!body.isObject()) {
      throw new IllegalArgumentException("send an object of cost settings, e.g."
          + " {\"cost_filament_price_per_kg\": \"24.99\"}");
    }
    Map<String, String> changes = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      JsonNode v = e.getValue();
      if (!v.isNull() && !v.isTextual() && !v.isNumber()) {
        throw new IllegalArgumentException(e.getKey() + " must be a number, a text or null");
      }
      changes.put(e.getKey(), v.isNull() ? "" : v.asText());
    }
    // Checked and saved before anything changes: a failed save leaves both the saved file and
    // the live prices as they were.
    CostSettings next = new CostSettings().apply(costs.values()).apply(changes);
    Properties p = new Properties();
    next.values().forEach(p::setProperty);
    SavedProperties.save(file, p);
    costs.apply(changes);
  }

  /** A job's cost: amounts as numbers, null where a part could not be priced. */
  static ObjectNode cost(JobCost c) {
    ObjectNode n = JSON.createObjectNode();
    n.put("currency", c.currency());
    n.put("total", c.total());
    n.put("material", c.material());
    n.put("energy", c.energy());
    n.put("wear", c.wear());
    n.put("printing_seconds", c.printingTime() == null ? null
        : c.printingTime().toSeconds());
    n.put("energy_kwh", c.energyKwh());
    n.put("computed_at", c.computedAt().toString());
    ArrayNode materials = n.putArray("materials");
    for (JobCost.MaterialCharge m : c.materials()) {
      ObjectNode o = materials.addObject();
      o.put("slot", m.slot());
      o.put("material", m.material());
      o.put("grams", m.grams());
      o.put("price_per_kg", m.pricePerKg());
      o.put("amount", m.amount());
    }
    CostRates r = c.rates();
    ObjectNode rates = n.putObject("rates");
    rates.put("filament_price_per_kg", r.defaultPricePerKg());
    ObjectNode byMaterial = rates.putObject("filament_price_per_kg_by_material");
    r.pricePerKgByMaterial().forEach(byMaterial::put);
    ObjectNode bySlot = rates.putObject("filament_price_per_kg_by_slot");
    r.pricePerKgBySlot().forEach((s, v) -> bySlot.put(String.valueOf(s), v));
    rates.put("energy_price_per_kwh", r.pricePerKwh());
    rates.put("power_watts", r.powerWatts());
    rates.put("wear_per_hour", r.wearPerHour());
    return n;
  }
}
