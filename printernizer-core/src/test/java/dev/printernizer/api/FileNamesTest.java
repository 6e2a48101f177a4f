package dev.printernizer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FileNamesTest {
  @ParameterizedTest(name = "{0} -> {1} / {2}")
  @CsvSource(delimiter = '|', value = {
      "cache/Benchy.gcode.3mf | Benchy | benchy",
      "Benchy.3mf | Benchy | benchy",
      "/sdcard/BENCHY.GCODE   | BENCHY | benchy",
      "usb/Parts/gear v2.bgcode | gear v2 | gear v2",
      "C:\\prints\\clip.gco | clip | clip",
      "Metadata/plate_1.gcode | plate_1 | plate_1",
      "no_extension | no_extension | no_extension",
      "model.stl | model.stl | model.stl",
      ".gcode | .gcode | .gcode",
      "Ünïcode Teil.gcode | Ünïcode Teil | ünïcode teil",
  })
  void cleansAndNormalizes(String raw, String name, String key) {
    assertEquals(name, FileNames.jobName(raw));
    assertEquals(key, FileNames.normalize(raw));
  }

  @Test
  void unicodeFormsAreOneName() {
    String composed = "Caf\u00e9.gcode";
    String decomposed = "Cafe\u0301.gcode";
    assertEquals(FileNames.normalize(composed), FileNames.normalize(decomposed));
  }

  @Test
  void systemFiles() {
    assertTrue(FileNames.isSystemFile("/usr/etc/print/auto_cali_for_user.gcode"));
    assertFalse(FileNames.isSystemFile("/sdcard/usr/x.gcode"));
  }
}
