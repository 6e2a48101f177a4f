package dev.printernizer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AutoJobSettingsTest {
  @Test
  void defaults() {
    AutoJobSettings s = new AutoJobSettings();
    assertTrue(s.autoCreate());
    assertEquals(Duration.ofMinutes(2), s.dedupWindow());
    assertEquals(Duration.ofSeconds(30), s.monitoringInterval());
    assertTrue(s.skipSystemJobs());
  }

  @Test
  void fromMapWithEveryDurationForm() {
    AutoJobSettings s = new AutoJobSettings().apply(Map.of(
        "job_creation_auto_create", "false",
        "job_creation_dedup_window", "PT5M",
        "monitoring_interval", "10s",
        "job_progress_write_interval", "500ms",
        "printer.x1c.job_creation_auto_create", "yes"));
    assertFalse(s.autoCreate());
    assertTrue(s.autoCreate(PrinterId.of("x1c")));
    assertFalse(s.autoCreate(PrinterId.of("other")));
    assertEquals(Duration.ofMinutes(5), s.dedupWindow());
    assertEquals(Duration.ofSeconds(10), s.monitoringInterval());
    assertEquals(Duration.ofMillis(500), s.progressWriteInterval());
  }

  @Test
  void fromPropertiesAndEnvironment() {
    Properties p = new Properties();
    p.setProperty("monitoring_interval", "90");
    AutoJobSettings s = new AutoJobSettings().apply(p);
    assertEquals(Duration.ofSeconds(90), s.monitoringInterval());
    s.applyEnvironment(Map.of("JOB_CREATION_AUTO_CREATE", "false",
        "PRINTER_PRUSA_MK4_JOB_CREATION_AUTO_CREATE", "true", "MONITORING_INTERVAL", "2m"),
        List.of(PrinterId.of("prusa-mk4")));
    assertFalse(s.autoCreate());
    assertTrue(s.autoCreate(PrinterId.of("prusa-mk4")));
    assertEquals(Duration.ofMinutes(2), s.monitoringInterval());
    assertEquals("PRINTER_PRUSA_MK4_JOB_CREATION_AUTO_CREATE",
        AutoJobSettings.envName("printer.prusa-mk4.job_creation_auto_create"));
  }

  @Test
  void invalidValuesNameTheKeyAndRangeAndChangeNothing() {
    AutoJobSettings s = new AutoJobSettings();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.apply(
        Map.of("job_creation_auto_create", "false", "job_creation_dedup_window", "5h")));
    assertTrue(e.getMessage().contains("job_creation_dedup_window"), e.getMessage());
    assertTrue(e.getMessage().contains("10s to 1h"), e.getMessage());
    assertTrue(s.autoCreate(), "nothing applied");
    e = assertThrows(IllegalArgumentException.class,
        () -> s.apply(Map.of("job_creation_auto_create", "maybe")));
    assertTrue(e.getMessage().contains("job_creation_auto_create"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> s.apply(Map.of("monitoring_interval", "soon")));
    assertTrue(e.getMessage().contains("monitoring_interval"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> s.applyEnvironment(Map.of("MONITORING_INTERVAL", "0"), List.of()));
    assertTrue(e.getMessage().startsWith("environment: setting monitoring_interval"),
        e.getMessage());
  }

  @Test
  void listenersHearEveryChange() {
    AutoJobSettings s = new AutoJobSettings();
    AtomicInteger n = new AtomicInteger();
    s.addListener(n::incrementAndGet);
    s.setAutoCreate(false);
    s.setAutoCreate(PrinterId.of("a"), true);
    s.apply(Map.of("monitoring_interval", "5"));
    assertEquals(3, n.get());
  }
}
