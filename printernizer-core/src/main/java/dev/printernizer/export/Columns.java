package dev.printernizer.export;

import dev.printernizer.api.CostRates;
import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.FilamentUsage;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobCost;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.Tracking;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The exported fields of a job, in column order: one definition for every format. */
final class Columns {
  /**
   * One column: its name and its value for a job (a String, Number, Boolean, the filament list,
   * the cost rates, or null).
   */
  record Column(String name, Function<Job, @Nullable Object> value) {}

  /** The column whose value is the filament list (text in CSV, an array in JSON Lines). */
  static final String FILAMENTS = "filaments";

  static final List<Column> ALL = List.of(
      new Column("id", Job::id),
      new Column("printer_id", j -> j.printerId().value()),
      new Column("name", Job::name),
      new Column("file_name", j -> j.fileName().orElse(null)),
      new Column("status", j -> j.status().wireName()),
      new Column("auto_created", Job::autoCreated),
      new Column("created_at", j -> j.createdAt().toString()),
      new Column("start_time", j -> instant(j.tracking().startTime())),
      new Column("end_time", j -> instant(j.tracking().endTime())),
      new Column("duration_seconds", Columns::durationSeconds),
      new Column("progress", j -> j.tracking().progress()),
      new Column("remaining_seconds", j -> seconds(j.tracking().remaining())),
      new Column("layer", j -> j.tracking().layer().orElse(null)),
      new Column("total_layers", j -> j.tracking().totalLayers().orElse(null)),
      new Column("pause_count", j -> j.tracking().pauseCount()),
      new Column("paused_seconds", j -> j.tracking().pausedTotal().toSeconds()),
      new Column("connection_gaps", j -> j.tracking().gaps().size()),
      new Column("close_reason", j -> j.tracking().closeReason().orElse(null)),
      new Column("run_key", j -> j.run().map(RunLink::runKey).orElse(null)),
      new Column("printer_job_id", j -> j.run().map(RunLink::printerJobId).orElse(null)),
      new Column("detection", j -> j.run().map(r -> r.detection().name()).orElse(null)),
      new Column("discovery_time", j -> j.run().map(r -> r.discoveryTime().toString())
          .orElse(null)),
      new Column("printer_start_time", j -> j.run().map(RunLink::printerStartTime)
          .map(Instant::toString).orElse(null)),
      new Column("customer", j -> j.business().customer()),
      new Column("business", j -> j.business().business()),
      new Column("material_cost", j -> j.business().materialCost()),
      new Column("notes", j -> j.business().notes()),
      new Column("estimated_seconds", j -> file(j).flatMap(PrintFile::estimatedTime)
          .map(Duration::toSeconds).orElse(null)),
      new Column("slicer", j -> file(j).flatMap(PrintFile::slicer).orElse(null)),
      new Column("layer_height_mm", j -> file(j).flatMap(PrintFile::layerHeightMm).orElse(null)),
      new Column("plate", j -> file(j).flatMap(PrintFile::plate).orElse(null)),
      new Column("planned_grams", j -> file(j).flatMap(PrintFile::totalGrams).orElse(null)),
      new Column(FILAMENTS, j -> file(j).map(PrintFile::filaments).orElse(List.of())),
      new Column("used_grams", j -> j.filamentUsed().flatMap(FilamentUsage::totalGrams)
          .orElse(null)),
      new Column("usage_method", j -> j.filamentUsed().map(u -> u.method().name())
          .orElse(null)),
      new Column("printing_seconds", j -> cost(j).map(JobCost::printingTime)
          .map(Duration::toSeconds).orElse(null)),
      new Column("energy_kwh", j -> cost(j).map(JobCost::energyKwh).orElse(null)),
      new Column("cost_currency", j -> cost(j).map(JobCost::currency).orElse(null)),
      new Column("cost_material", j -> cost(j).map(JobCost::material).orElse(null)),
      new Column("cost_energy", j -> cost(j).map(JobCost::energy).orElse(null)),
      new Column("cost_wear", j -> cost(j).map(JobCost::wear).orElse(null)),
      new Column("cost_computed", j -> cost(j).map(JobCost::total).orElse(null)),
      new Column("cost", j -> j.costTotal().orElse(null)),
      // the CostRates; the export writes them as ratesText, once per distinct rates
      new Column("cost_rates", j -> cost(j).map(JobCost::rates).orElse(null)),
      new Column("version", Job::version));

  private Columns() {}

  private static Optional<JobCost> cost(Job j) {
    return j.cost();
  }

  /** The rates of a cost as one readable text: "default 24.99/kg; PETG 30/kg; 0.32/kWh". */
  static String ratesText(CostRates r) {
    List<String> parts = new java.util.ArrayList<>();
    if (r.defaultPricePerKg() != null) {
      parts.add("filament " + r.defaultPricePerKg().toPlainString() + "/kg");
    }
    r.pricePerKgByMaterial().forEach((m, p) -> parts.add(m + " " + p.toPlainString() + "/kg"));
    r.pricePerKgBySlot().forEach((s, p) -> parts.add("slot " + s + " " + p.toPlainString()
        + "/kg"));
    if (r.pricePerKwh() != null) {
      parts.add(r.pricePerKwh().toPlainString() + "/kWh");
    }
    if (r.powerWatts() != null) {
      parts.add(java.math.BigDecimal.valueOf(r.powerWatts()).stripTrailingZeros().toPlainString()
          + " W");
    }
    if (r.wearPerHour() != null) {
      parts.add("wear " + r.wearPerHour().toPlainString() + "/h");
    }
    return String.join("; ", parts);
  }

  private static Optional<PrintFile> file(Job j) {
    return j.printFile();
  }

  private static @Nullable String instant(Optional<Instant> i) {
    return i.map(Instant::toString).orElse(null);
  }

  private static @Nullable Long seconds(Optional<Duration> d) {
    return d.map(Duration::toSeconds).orElse(null);
  }

  private static @Nullable Long durationSeconds(Job j) {
    Tracking t = j.tracking();
    Instant start = t.startTime().orElse(null);
    Instant end = t.endTime().orElse(null);
    return start == null || end == null ? null : Duration.between(start, end).toSeconds();
  }

  /** The filament list as one readable text: "0: PLA #FF8800 12.8 g 4.29 m; 1: PETG". */
  static String filamentText(List<FilamentUse> filaments, Function<Number, String> number) {
    StringBuilder b = new StringBuilder();
    for (FilamentUse f : filaments) {
      if (b.length() > 0) {
        b.append("; ");
      }
      b.append(f.slot()).append(':');
      if (f.material() != null) {
        b.append(' ').append(f.material());
      }
      if (f.color() != null) {
        b.append(' ').append(f.color());
      }
      if (f.grams() != null) {
        b.append(' ').append(number.apply(f.grams())).append(" g");
      }
      if (f.meters() != null) {
        b.append(' ').append(number.apply(f.meters())).append(" m");
      }
    }
    return b.toString();
  }
}
