package dev.printernizer.driver.prusa.internal;

import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.PrintFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * Reads the metadata at the start of a binary G-code file ({@code .bgcode}, the Prusa firmware's
 * print format; specification: prusa3d/libbgcode {@code doc/specifications.md}): a 10-byte header
 * ({@code GCDE}, version, checksum type), then blocks of file, printer, print and slicer metadata
 * (INI text, uncompressed or Deflate), thumbnails and G-code. Only the blocks before the first
 * slicer metadata or G-code block are read, from a bounded prefix of the file; a block cut off by
 * the prefix, compressed with Heatshrink or otherwise unreadable is skipped.
 */
final class BgcodeMeta {
  /** The most bytes of a file the driver reads for its metadata (thumbnails come first). */
  static final int MAX_PREFIX = 512 * 1024;
  private static final int MAX_INI = 256 * 1024;
  private static final Pattern DURATION =
      Pattern.compile("(?:(\\d+)d)?\\s*(?:(\\d+)h)?\\s*(?:(\\d+)m)?\\s*(?:(\\d+)s)?");

  private BgcodeMeta() {}

  /**
   * @param prefix the first bytes of the file
   * @return the description, or empty when this is not a binary G-code file or it says nothing
   */
  static Optional<PrintFile> parse(byte[] prefix) {
    ByteBuffer b = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN);
    if (b.remaining() < 10 || b.get() != 'G' || b.get() != 'C' || b.get() != 'D'
        || b.get() != 'E') {
      return Optional.empty();
    }
    b.getInt(); // version
    int checksum = Short.toUnsignedInt(b.getShort());
    int checksumSize = checksum == 1 ? 4 : 0;
    Map<String, String> meta = new HashMap<>();
    while (b.remaining() >= 8) {
      int type = Short.toUnsignedInt(b.getShort());
      int compression = Short.toUnsignedInt(b.getShort());
      long size = Integer.toUnsignedLong(b.getInt());
      long stored = size;
      if (compression != 0) {
        if (b.remaining() < 4) {
          break;
        }
        stored = Integer.toUnsignedLong(b.getInt());
      }
      if (type == 1 || type == 2) {
        break; // G-code or slicer metadata: the metadata that matters is before it
      }
      int params = type == 5 ? 6 : 2;
      long total = params + stored + checksumSize;
      if (total > b.remaining()) {
        break; // cut off by the prefix
      }
      int start = b.position();
      int encoding = Short.toUnsignedInt(b.getShort(start));
      if ((type == 0 || type == 3 || type == 4) && encoding == 0) {
        byte[] data = new byte[(int) stored];
        b.position(start + params);
        b.get(data);
        String ini = text(data, compression, size);
        if (ini != null) {
          parseIni(ini, meta);
        }
      }
      b.position((int) (start + total));
    }
    return meta.isEmpty() ? Optional.empty() : Optional.of(describe(meta));
  }

  private static @Nullable String text(byte[] data, int compression, long size) {
    if (compression == 0) {
      return new String(data, StandardCharsets.UTF_8);
    }
    if (compression != 1 || size > MAX_INI) {
      return null; // Heatshrink (used for G-code) or an implausible size
    }
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(data);
      byte[] out = new byte[(int) size];
      int n = inflater.inflate(out);
      return new String(out, 0, n, StandardCharsets.UTF_8);
    } catch (DataFormatException e) {
      return null;
    } finally {
      inflater.end();
    }
  }

  private static void parseIni(String ini, Map<String, String> into) {
    for (String line : ini.split("\n", -1)) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith(";")) {
        into.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
  }

  private static PrintFile describe(Map<String, String> m) {
    List<FilamentUse> filaments = SlicerMeta.filaments(m.get("filament used [g]"),
        m.get("filament used [mm]"), m.get("filament_type"), m.get("extruder_colour"));
    PrintFile.Builder b = PrintFile.builder().filaments(filaments);
    String producer = m.get("Producer");
    if (producer != null && !producer.isBlank() && producer.length() <= PrintFile.MAX_SLICER) {
      b.slicer(producer);
    }
    Double layer = SlicerMeta.number(m.get("layer_height"));
    if (layer != null && layer > 0 && layer <= 10) {
      b.layerHeightMm(layer);
    }
    Duration estimate = duration(m.get("estimated printing time (normal mode)"));
    if (estimate != null && estimate.compareTo(Duration.ofDays(3650)) <= 0) {
      b.estimatedTime(estimate);
    }
    return b.build();
  }

  /** PrusaSlicer's "1d 2h 3m 4s" (each part optional), or null. */
  static @Nullable Duration duration(@Nullable String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    Matcher m = DURATION.matcher(s.strip());
    if (!m.matches()) {
      return null;
    }
    long seconds = 0;
    long[] unit = {86_400, 3_600, 60, 1};
    boolean any = false;
    for (int g = 1; g <= 4; g++) {
      if (m.group(g) != null) {
        any = true;
        try {
          seconds = Math.addExact(seconds, Math.multiplyExact(Long.parseLong(m.group(g)),
              unit[g - 1]));
        } catch (NumberFormatException | ArithmeticException e) {
          return null;
        }
      }
    }
    return any ? Duration.ofSeconds(seconds) : null;
  }
}
