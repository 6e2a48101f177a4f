package dev.printernizer.driver.prusa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.PrintFile;
import dev.printernizer.simulators.SimBgcode;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The binary G-code metadata reader. */
class BgcodeMetaTest {
  @Test
  void readsFilePrinterAndDeflatedPrintMetadata() {
    PrintFile f = BgcodeMeta.parse(SimBgcode.file("PrusaSlicer 2.9.0",
        Map.of("filament_type", "PLA;PETG", "extruder_colour", "#ff0000;not a colour",
            "layer_height", "0.15"),
        Map.of("filament used [g]", "10.0, 2.5", "filament used [mm]", "3000,800",
            "estimated printing time (normal mode)", "1d 2h 3m 4s"))).orElseThrow();
    assertEquals(Optional.of("PrusaSlicer 2.9.0"), f.slicer());
    assertEquals(Optional.of(Duration.ofSeconds(93_784)), f.estimatedTime());
    assertEquals(2, f.filaments().size());
    assertEquals("#FF0000", f.filaments().get(0).color());
    assertNull(f.filaments().get(1).color(), "an odd colour is left out");
    assertEquals(0.8, f.filaments().get(1).meters());
    assertEquals(Optional.of(12.5), f.totalGrams());
  }

  @Test
  void everyPrefixIsSafe() {
    byte[] whole = SimBgcode.benchy();
    for (int n = 0; n <= whole.length; n++) {
      BgcodeMeta.parse(Arrays.copyOf(whole, n)); // never throws, whatever is cut off
    }
    assertTrue(BgcodeMeta.parse(Arrays.copyOf(whole, 9)).isEmpty());
    assertTrue(BgcodeMeta.parse("; G-code".getBytes()).isEmpty());
  }

  @Test
  void garbageAfterTheHeaderNeverThrows() {
    java.util.Random r = new java.util.Random(7);
    for (int i = 0; i < 2_000; i++) {
      byte[] b = new byte[r.nextInt(200) + 10];
      r.nextBytes(b);
      b[0] = 'G';
      b[1] = 'C';
      b[2] = 'D';
      b[3] = 'E';
      BgcodeMeta.parse(b);
    }
  }

  @Test
  void slicerDurations() {
    assertEquals(Duration.ofSeconds(6012), BgcodeMeta.duration("1h 40m 12s"));
    assertEquals(Duration.ofSeconds(42), BgcodeMeta.duration("42s"));
    assertEquals(Duration.ofDays(2), BgcodeMeta.duration("2d"));
    assertNull(BgcodeMeta.duration("soon"));
    assertNull(BgcodeMeta.duration(""));
  }
}
