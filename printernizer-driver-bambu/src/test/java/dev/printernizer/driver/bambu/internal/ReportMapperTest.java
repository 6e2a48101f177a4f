package dev.printernizer.driver.bambu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.StatusSnapshot;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the mapper remembers lives within one connection; after reset() reports stand alone. */
class ReportMapperTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PrinterId ID = PrinterId.of("p");
  private static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");

  private static ObjectNode report(String state, String name, String taskId, long error) {
    ObjectNode p = JSON.createObjectNode();
    p.put("gcode_state", state);
    p.put("subtask_name", name);
    p.put("gcode_file", name.isEmpty() ? "" : "/data/Metadata/plate_1.gcode");
    p.put("task_id", taskId);
    p.put("subtask_id", taskId);
    p.put("job_id", "0");
    p.put("print_error", error);
    p.put("gcode_start_time", "0");
    return p;
  }

  @Test
  void withinOneConnectionTheMemoryStillDerivesCancels() {
    ReportMapper m = new ReportMapper();
    m.map(ID, report("RUNNING", "Planter", "530118401", 0), NOW);
    assertEquals(PrinterState.CANCELLED, m.map(ID, report("IDLE", "", "0", 0), NOW).state());
    m.map(ID, report("RUNNING", "Planter", "530118402", 0), NOW);
    m.map(ID, report("RUNNING", "Planter", "530118402", ReportMapper.CANCEL), NOW);
    assertEquals(PrinterState.CANCELLED,
        m.map(ID, report("FAILED", "Planter", "530118402", 0), NOW).state());
  }

  @Test
  void afterResetAnIdleOrFailedReportIsMappedOnlyFromWhatItSays() {
    ReportMapper m = new ReportMapper();
    m.map(ID, report("RUNNING", "Planter", "530118401", 0), NOW);
    m.reset();
    StatusSnapshot idle = m.map(ID, report("IDLE", "", "0", 0), NOW);
    assertEquals(PrinterState.IDLE, idle.state());
    assertTrue(idle.fileName().isEmpty() && idle.printerJobId().isEmpty(), idle.toString());

    m.map(ID, report("RUNNING", "Planter", "530118402", ReportMapper.CANCEL), NOW);
    m.reset();
    StatusSnapshot failed = m.map(ID, report("FAILED", "", "0", 0), NOW);
    assertEquals(PrinterState.FAILED, failed.state(), "the cancel was seen on the old link");
    assertTrue(failed.fileName().isEmpty(), failed.toString());
    assertTrue(failed.printerJobId().isEmpty(), failed.toString());
    assertTrue(failed.reportedStartTime().isEmpty(), failed.toString());
  }
}
