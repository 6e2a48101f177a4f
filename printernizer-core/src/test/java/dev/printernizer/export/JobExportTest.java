package dev.printernizer.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.printernizer.api.BusinessFields;
import dev.printernizer.api.ConnectionGap;
import dev.printernizer.api.Detection;
import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.Tracking;
import dev.printernizer.store.InMemoryJobStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import dev.printernizer.accounting.CostCalculator;
import dev.printernizer.accounting.CostSettings;
import dev.printernizer.api.CostRates;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The export reads back with standard parsers to the values the jobs hold. */
class JobExportTest {
  private static final Instant T0 = Instant.parse("2026-11-30T08:15:30.123Z");
  private static final String NASTY = "Müller, \"Söhne\"\nZeile 2 ✓ 🧪; =1+1";

  private static Job closedJob(InMemoryJobStore store) {
    Job j = Job.builder("job-1", PrinterId.of("mk4"), "Benchy " + NASTY, T0)
        .fileName("cache/Benchy, v2.gcode").autoCreated(true)
        .run(new RunLink("id:42|benchy", "42", Detection.LIVE, T0, T0.minusSeconds(5)))
        .tracking(Tracking.started(JobStatus.RUNNING, T0)).build();
    store.createIfAbsent(j);
    store.updateTracking(j.id(), j.tracking().withProgress(100, null, 250, 250)
        .withPause(Duration.ofSeconds(61)).withGap(new ConnectionGap(T0, T0.plusSeconds(9)))
        .closed(JobStatus.COMPLETED, T0.plusSeconds(3600), "done; \"ok\""));
    store.updateBusiness(j.id(), new BusinessFields(NASTY, true, new BigDecimal("12.50"),
        "line1\r\nline2"));
    store.updatePrintFile(j.id(), PrintFile.builder().estimatedTime(Duration.ofSeconds(3500))
        .slicer("PrusaSlicer 2.8.1").layerHeightMm(0.2).plate(1)
        .filaments(List.of(new FilamentUse(0, "PLA", "#FF8000", 12.8, 4.29),
            new FilamentUse(1, "PETG", null, 1.5, null))).build());
    Job closed = store.get(j.id()).orElseThrow();
    CostRates rates = new CostSettings().apply(Map.of("cost_filament_price_per_kg", "20",
        "cost_filament_price_per_kg.PETG", "30", "cost_energy_price_per_kwh", "0.35",
        "cost_wear_per_hour", "0.1")).rates(closed.printerId(), 120.5);
    store.updateCost(j.id(), CostCalculator.compute(closed, rates, T0.plusSeconds(3601))
        .orElseThrow());
    return store.get(j.id()).orElseThrow();
  }

  private static List<Map<String, String>> readCsv(String text, char separator)
      throws IOException {
    CsvMapper m = new CsvMapper();
    m.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnSeparator(separator);
    try (MappingIterator<Map<String, String>> it = m.readerFor(Map.class).with(schema)
        .readValues(text)) {
      return it.readAll();
    }
  }

  @Test
  void csvReadsBackWithAStandardParser() throws IOException {
    InMemoryJobStore store = new InMemoryJobStore();
    Job j = closedJob(store);
    StringWriter out = new StringWriter();
    assertEquals(1, JobExport.csv().write(store, JobQuery.all(), out));
    assertTrue(out.toString().startsWith("id,printer_id,name,"), out.toString());
    assertTrue(out.toString().endsWith("\r\n"), "RFC 4180 line ends");
    List<Map<String, String>> rows = readCsv(out.toString(), ',');
    assertEquals(1, rows.size());
    Map<String, String> r = rows.get(0);
    assertEquals(Columns.ALL.size(), r.size(), "every column, named in the header");
    assertEquals(j.name(), r.get("name"));
    assertEquals("cache/Benchy, v2.gcode", r.get("file_name"));
    assertEquals("completed", r.get("status"));
    assertEquals(T0.toString(), r.get("created_at"));
    assertEquals("3600", r.get("duration_seconds"));
    assertEquals("done; \"ok\"", r.get("close_reason"));
    assertEquals(NASTY, r.get("customer"));
    assertEquals("12.5", r.get("material_cost"));
    assertEquals("line1\r\nline2", r.get("notes"));
    assertEquals("LIVE", r.get("detection"));
    assertEquals("3500", r.get("estimated_seconds"));
    assertEquals("14.3", r.get("planned_grams"));
    assertEquals("0: PLA #FF8000 12.8 g 4.29 m; 1: PETG 1.5 g", r.get("filaments"));
    assertEquals("14.3", r.get("used_grams"), "a completed print used its plan");
    assertEquals("ESTIMATE", r.get("usage_method"));
    assertEquals("1", r.get("connection_gaps"));
    assertEquals("3539", r.get("printing_seconds"), "3600 s minus 61 s paused");
    assertEquals("0.118", r.get("energy_kwh"), "120.5 W for 3539 s");
    assertEquals("EUR", r.get("cost_currency"));
    assertEquals("0.31", r.get("cost_material"), "per slot, to the cent: 0.256 -> 0.26, 0.045 -> 0.05");
    assertEquals("0.04", r.get("cost_energy"));
    assertEquals("0.1", r.get("cost_wear"));
    assertEquals("0.45", r.get("cost_computed"));
    assertEquals("12.5", r.get("cost"), "the manual amount wins");
    assertEquals("filament 20/kg; PETG 30/kg; 0.35/kWh; 120.5 W; wear 0.1/h",
        r.get("cost_rates"));
    assertEquals("0", r.get("remaining_seconds"));
    store.insert(Job.builder("manual", PrinterId.of("mk4"), "planned", T0.minusSeconds(1))
        .build());
    StringWriter two = new StringWriter();
    JobExport.csv().write(store, JobQuery.all(), two);
    Map<String, String> manual = readCsv(two.toString(), ',').get(1);
    assertEquals("manual", manual.get("id"));
    assertEquals("", manual.get("run_key"), "unknown is an empty field");
    assertEquals("", manual.get("filaments"));
    assertEquals(String.valueOf(j.version()), r.get("version"));
  }

  @Test
  void excelVariantHasBomSemicolonsDecimalCommasAndNoFormulas() throws IOException {
    InMemoryJobStore store = new InMemoryJobStore();
    closedJob(store);
    store.updateBusiness("job-1", new BusinessFields("=HYPERLINK(\"x\")", false,
        new BigDecimal("3.25"), null));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    JobExport.csvForExcel().write(store, JobQuery.all(), bytes);
    byte[] b = bytes.toByteArray();
    assertEquals(0xEF, b[0] & 0xFF, "UTF-8 BOM");
    String text = new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
    Map<String, String> r = readCsv(text, ';').get(0);
    assertEquals("3,25", r.get("material_cost"));
    assertEquals("0,2", r.get("layer_height_mm"));
    assertEquals("'=HYPERLINK(\"x\")", r.get("customer"), "not run as a formula");
  }

  /** Rows share the text of equal rates; other rates get their own text, in every row. */
  @Test
  void eachRowNamesItsOwnRates() throws IOException {
    InMemoryJobStore store = new InMemoryJobStore();
    Job first = closedJob(store);
    for (int i = 0; i < 3; i++) {
      Job copy = store.insert(Job.builder("other-" + i, first.printerId(), "copy " + i,
          T0.minusSeconds(60L * (i + 1))).tracking(first.tracking())
          .printFile(first.printFile().orElseThrow()).build());
      CostRates rates = new CostSettings().apply(Map.of("cost_filament_price_per_kg",
          String.valueOf(10 + i % 2))).rates(copy.printerId(), null);
      store.updateCost(copy.id(), CostCalculator.compute(copy, rates, T0).orElseThrow());
    }
    StringWriter out = new StringWriter();
    JobExport.csv().write(store, JobQuery.all(), out);
    Map<String, String> byId = new java.util.TreeMap<>();
    for (Map<String, String> r : readCsv(out.toString(), ',')) {
      byId.put(r.get("id"), r.get("cost_rates"));
    }
    assertEquals(Map.of("job-1", "filament 20/kg; PETG 30/kg; 0.35/kWh; 120.5 W; wear 0.1/h",
        "other-0", "filament 10/kg", "other-1", "filament 11/kg", "other-2", "filament 10/kg"),
        byId);
  }

  @Test
  void jsonLinesHaveJsonTypes() throws IOException {
    InMemoryJobStore store = new InMemoryJobStore();
    Job j = closedJob(store);
    StringWriter out = new StringWriter();
    JobExport.jsonLines().write(store, JobQuery.all(), out);
    String[] lines = out.toString().split("\n");
    assertEquals(1, lines.length);
    JsonNode n = new ObjectMapper().readTree(lines[0]);
    assertEquals(j.name(), n.get("name").asText());
    assertEquals(NASTY, n.get("customer").asText());
    assertTrue(n.get("business").isBoolean());
    assertEquals(new BigDecimal("12.5"), n.get("material_cost").decimalValue());
    assertEquals(0, n.get("remaining_seconds").asLong());
    assertTrue(n.get("duration_seconds").isIntegralNumber());
    assertEquals("#FF8000", n.get("filaments").get(0).get("color").asText());
    assertTrue(n.get("filaments").get(1).get("meters").isNull());
    assertEquals(3500, n.get("estimated_seconds").asLong());
    assertEquals("filament 20/kg; PETG 30/kg; 0.35/kWh; 120.5 W; wear 0.1/h",
        n.get("cost_rates").asText(), "the rates as text, as in the CSV");
  }

  @Test
  void everyMatchingJobOnceAcrossPagesAndFiltersApply() throws IOException {
    InMemoryJobStore store = new InMemoryJobStore();
    for (int i = 0; i < 2_345; i++) {
      String printer = i % 3 == 0 ? "a" : "b";
      store.insert(Job.builder("j" + i, PrinterId.of(printer), "job " + i,
          T0.plusSeconds(i)).build());
    }
    StringWriter out = new StringWriter();
    long n = JobExport.jsonLines().write(store, JobQuery.all().withPage(5, 3), out);
    assertEquals(2_345, n, "the query's page is ignored");
    Set<String> ids = new HashSet<>();
    ObjectMapper m = new ObjectMapper();
    for (String line : out.toString().split("\n")) {
      ids.add(m.readTree(line).get("id").asText());
    }
    assertEquals(2_345, ids.size());
    StringWriter onlyA = new StringWriter();
    assertEquals(782, JobExport.csv().write(store,
        JobQuery.all().withPrinter(PrinterId.of("a")), onlyA));
  }
}
