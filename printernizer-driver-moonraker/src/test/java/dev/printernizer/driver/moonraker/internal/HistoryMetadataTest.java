package dev.printernizer.driver.moonraker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.PrintFile;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HistoryMetadataTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode job(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Test
  void aHistoryJobsMetadataBecomesThePrintFileAndItsExtrusionTheProgress() throws Exception {
    // the shape of server.history.list's jobs (Moonraker's docs), with a PrusaSlicer file
    JsonNode j = job("{\"job_id\":\"000088\",\"filename\":\"swx2-led-light.gcode\","
        + "\"status\":\"cancelled\",\"print_duration\":4000.5,\"filament_used\":4771.0,"
        + "\"metadata\":{\"estimated_time\":12771,\"filament_total\":19084,"
        + "\"filament_weight_total\":56.96,\"filament_type\":\"PLA\",\"layer_height\":0.2,"
        + "\"slicer\":\"PrusaSlicer\",\"slicer_version\":\"2.7.0\",\"layer_count\":85}}");
    PrintFile f = HistoryMetadata.printFile(j);
    assertEquals(Duration.ofSeconds(12771), f.estimatedTime().orElseThrow());
    assertEquals("PrusaSlicer 2.7.0", f.slicer().orElseThrow());
    assertEquals(0.2, f.layerHeightMm().orElseThrow());
    FilamentUse use = f.filaments().get(0);
    assertEquals("PLA", use.material());
    assertEquals(56.96, use.grams());
    assertEquals(19.084, use.meters(), 1e-9);
    assertEquals(25.0, HistoryMetadata.progress(j), 0.001); // 4,771 of 19,084 mm
  }

  @Test
  void wrongTypesAndRangesAreLeftOutNotGuessed() throws Exception {
    assertNull(HistoryMetadata.printFile(job("{\"metadata\":{}}")));
    assertNull(HistoryMetadata.printFile(job("{\"metadata\":\"none\"}")));
    PrintFile f = HistoryMetadata.printFile(job("{\"metadata\":{\"estimated_time\":-5,"
        + "\"filament_total\":\"lots\",\"filament_weight_total\":12.5,\"layer_height\":50,"
        + "\"filament_type\":\"" + "X".repeat(200) + "\",\"slicer\":\"  \"}}"));
    assertEquals(12.5, f.filaments().get(0).grams());
    assertNull(f.filaments().get(0).meters());
    assertNull(f.filaments().get(0).material());
    assertEquals(java.util.Optional.empty(), f.estimatedTime());
    assertEquals(java.util.Optional.empty(), f.layerHeightMm());
    assertEquals(java.util.Optional.empty(), f.slicer());
    // no extrusion total: the printing time against the estimate; neither: unknown
    assertEquals(50.0, HistoryMetadata.progress(job("{\"print_duration\":1800,"
        + "\"metadata\":{\"estimated_time\":3600}}")), 1e-9);
    assertNull(HistoryMetadata.progress(job("{\"print_duration\":1800}")));
    assertEquals(100.0, HistoryMetadata.progress(job("{\"filament_used\":5000,"
        + "\"metadata\":{\"filament_total\":4000}}")), 1e-9);
  }
}
