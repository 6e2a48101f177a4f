package dev.printernizer.simulators;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes binary G-code files ({@code .bgcode}, as PrusaSlicer makes them for the Prusa firmware;
 * specification: prusa3d/libbgcode {@code doc/specifications.md}) for the PrusaLink simulator:
 * header, file metadata, printer metadata, a thumbnail, print metadata (Deflate), slicer
 * metadata and one G-code block, each with a CRC32.
 *
 * @since 0.3
 */
public final class SimBgcode {
  private SimBgcode() {}

  /**
   * A file for a PLA print on an MK4: PrusaSlicer 2.8.1, 0.2 mm layers, 15.3 g / 5120.4 mm of
   * orange PLA, estimated 1h 40m 12s.
   *
   * @return the file's bytes
   */
  public static byte[] benchy() {
    return file("PrusaSlicer 2.8.1+linux-x64",
        Map.of("printer_model", "MK4IS", "filament_type", "PLA", "layer_height", "0.20",
            "extruder_colour", "#FF8000", "nozzle_diameter", "0.4"),
        Map.of("filament used [g]", "15.30", "filament used [mm]", "5120.40",
            "estimated printing time (normal mode)", "1h 40m 12s"));
  }

  /**
   * A file with these metadata.
   *
   * @param producer the slicer (file metadata {@code Producer})
   * @param printer printer metadata
   * @param print print metadata (written Deflate-compressed)
   * @return the file's bytes
   */
  public static byte[] file(String producer, Map<String, String> printer,
      Map<String, String> print) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer header = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
    header.put(new byte[] {'G', 'C', 'D', 'E'}).putInt(1).putShort((short) 1); // CRC32
    out.writeBytes(header.array());
    block(out, 0, false, params(0), ini(Map.of("Producer", producer)));
    block(out, 3, false, params(0), ini(printer));
    ByteBuffer thumb = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
    thumb.putShort((short) 0).putShort((short) 16).putShort((short) 16); // PNG 16x16
    block(out, 5, false, thumb.array(), new byte[2048]); // a stand-in image, skipped by readers
    block(out, 4, true, params(0), ini(print));
    block(out, 2, true, params(0), ini(Map.of("printer_settings_id", "Original Prusa MK4")));
    block(out, 1, false, params(0), "G28\nG1 X10 Y10\n".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static byte[] params(int encoding) {
    return ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) encoding)
        .array();
  }

  private static byte[] ini(Map<String, String> values) {
    StringBuilder b = new StringBuilder();
    values.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> b.append(e.getKey()).append('=').append(e.getValue()).append('\n'));
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void block(ByteArrayOutputStream out, int type, boolean deflate, byte[] params,
      byte[] data) {
    byte[] stored = data;
    if (deflate) {
      Deflater d = new Deflater();
      d.setInput(data);
      d.finish();
      byte[] buf = new byte[data.length + 64];
      int n = d.deflate(buf);
      d.end();
      stored = java.util.Arrays.copyOf(buf, n);
    }
    ByteBuffer h = ByteBuffer.allocate(deflate ? 12 : 8).order(ByteOrder.LITTLE_ENDIAN);
    h.putShort((short) type).putShort((short) (deflate ? 1 : 0)).putInt(data.length);
    if (deflate) {
      h.putInt(stored.length);
    }
    CRC32 crc = new CRC32();
    crc.update(h.array());
    crc.update(params);
    crc.update(stored);
    out.writeBytes(h.array());
    out.writeBytes(params);
    out.writeBytes(stored);
    out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
        .putInt((int) crc.getValue()).array());
  }
}
