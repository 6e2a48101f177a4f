package dev.printernizer.examples.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.printernizer.api.ConnectionProblem;
import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.Job;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.PrinterStatus;
import dev.printernizer.api.StatusSnapshot;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The JSON shapes of the reference server's API (docs/openapi.yaml). Never a credential. */
final class ApiJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiJson() {}

  /**
   * {@code /api/health}: "degraded" when an engine task failed or a printer's job writes fail,
   * with the reasons.
   */
  static ObjectNode health(List<PrinterStatus> printers, long failedTasks) {
    ObjectNode n = JSON.createObjectNode();
    ArrayNode reasons = JSON.createArrayNode();
    if (failedTasks > 0) {
      reasons.add(failedTasks + " engine task(s) failed; see the log");
    }
    for (PrinterStatus p : printers) {
      p.storeFailure().ifPresent(f -> reasons.add("printer " + p.config().id() + ": " + f));
    }
    n.put("status", reasons.isEmpty() ? "ok" : "degraded");
    n.set("reasons", reasons);
    n.put("failed_tasks", failedTasks);
    n.put("printers", printers.size());
    return n;
  }

  static ObjectNode printer(PrinterStatus p, boolean autoCreate) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", p.config().id().value());
    n.put("name", p.config().name());
    n.put("type", p.config().type());
    n.put("host", p.config().host().orElse(null)); // never the credential
    n.put("connected", p.connected());
    n.put("state", p.state().name());
    StatusSnapshot s = p.lastSnapshot();
    if (s != null) {
      n.put("file_name", s.fileName().orElse(null));
      n.put("progress", s.progress().orElse(null));
      s.remaining().ifPresent(r -> n.put("remaining_seconds", r.toSeconds()));
      n.put("observed_at", s.observedAt().toString());
    }
    n.put("current_job_id", p.currentJob() == null ? null : p.currentJob().id());
    n.put("auto_create", autoCreate);
    n.set("problem", p.connectionProblem().map(ApiJson::problem).orElse(null));
    n.put("bad_inputs", p.badInputs());
    n.put("store_error", p.storeFailure().orElse(null));
    return n;
  }

  static ObjectNode problem(ConnectionProblem c) {
    ObjectNode n = JSON.createObjectNode();
    n.put("kind", c.kind().code());
    n.put("detail", c.detail());
    n.put("since", c.since().toString());
    n.put("next_retry", c.retryAt().map(Object::toString).orElse(null));
    return n;
  }

  static ObjectNode job(Job j, String printerName) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", j.id());
    n.put("printer_id", j.printerId().value());
    n.put("printer_name", printerName);
    n.put("name", j.name());
    n.put("file_name", j.fileName().orElse(null));
    n.put("status", j.status().wireName());
    n.put("auto_created", j.autoCreated());
    n.put("created_at", j.createdAt().toString());
    n.put("start_time", j.tracking().startTime().map(Object::toString).orElse(null));
    n.put("end_time", j.tracking().endTime().map(Object::toString).orElse(null));
    n.put("progress", j.tracking().progress());
    j.tracking().remaining().ifPresent(r -> n.put("remaining_seconds", r.toSeconds()));
    n.put("pause_count", j.tracking().pauseCount());
    n.put("paused_seconds", j.tracking().pausedTotal().toSeconds());
    n.put("connection_gaps", j.tracking().gaps().size());
    com.fasterxml.jackson.databind.node.ArrayNode gaps = n.putArray("gaps");
    j.tracking().gaps().forEach(g -> gaps.addObject().put("from", g.from().toString())
        .put("to", g.to().toString()));
    n.put("close_reason", j.tracking().closeReason().orElse(null));
    ObjectNode info = n.putObject("customer_info");
    j.customerInfo().forEach((k, v) -> info.set(k, JSON.valueToTree(v)));
    ObjectNode b = n.putObject("business");
    b.put("customer", j.business().customer());
    b.put("business", j.business().business());
    b.put("material_cost", j.business().materialCost());
    b.put("notes", j.business().notes());
    j.printFile().ifPresent(f -> printFile(n.putObject("print_file"), f));
    j.filamentUsed().ifPresent(u -> {
      ObjectNode used = n.putObject("filament_used");
      used.put("method", u.method().name());
      used.put("share", u.share());
      used.put("total_grams", u.totalGrams().orElse(null));
    });
    j.cost().ifPresent(c -> n.set("cost", CostApi.cost(c)));
    n.put("cost_total", j.costTotal().orElse(null));
    n.put("version", j.version());
    return n;
  }

  /** The print file description: null members where the file says nothing. */
  private static void printFile(ObjectNode n, PrintFile f) {
    n.put("estimated_seconds", f.estimatedTime().map(Duration::toSeconds).orElse(null));
    n.put("slicer", f.slicer().orElse(null));
    n.put("layer_height_mm", f.layerHeightMm().orElse(null));
    n.put("plate", f.plate().orElse(null));
    n.put("total_grams", f.totalGrams().orElse(null));
    ArrayNode filaments = n.putArray("filaments");
    for (FilamentUse u : f.filaments()) {
      ObjectNode o = filaments.addObject();
      o.put("slot", u.slot());
      o.put("material", u.material());
      o.put("color", u.color());
      o.put("grams", u.grams());
      o.put("meters", u.meters());
    }
  }
}
