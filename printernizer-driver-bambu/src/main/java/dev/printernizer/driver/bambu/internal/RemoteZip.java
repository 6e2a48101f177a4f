package dev.printernizer.driver.bambu.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * Reads single entries of a zip file (a 3MF) that lies elsewhere, through byte ranges: the end of
 * the file (end record and central directory), then each wanted entry's local header and data.
 * A print's 3MF holds the whole model and its G-code (tens of megabytes); the entries read here
 * are a few kilobytes, so only those are transferred. ZIP64 is understood.
 *
 * <p>Bounds: the central directory at most {@value #MAX_DIRECTORY} bytes and
 * {@value #MAX_ENTRIES} entries; an entry is inflated to at most the size the caller allows and
 * its CRC must match, so a damaged or hostile file is refused, never half read.
 */
final class RemoteZip {
  static final int MAX_DIRECTORY = 4 << 20;
  static final int MAX_ENTRIES = 100_000;
  private static final int EOCD = 0x06054b50;
  private static final int ZIP64_LOCATOR = 0x07064b50;
  private static final int ZIP64_EOCD = 0x06064b50;
  private static final int CENTRAL = 0x02014b50;
  private static final int LOCAL = 0x04034b50;
  private static final int TAIL = 22 + 0xFFFF + 20;

  /** Byte ranges of the file. */
  interface Ranges {
    /**
     * @param offset the first byte
     * @param length at most this many
     * @return the bytes (fewer only at the end of the file)
     * @throws IOException when they cannot be read
     */
    byte[] read(long offset, int length) throws IOException;
  }

  /** Thrown for a file that is not a readable zip, with the reason. */
  static final class Damaged extends IOException {
    private static final long serialVersionUID = 1L;

    Damaged(String message) {
      super(message);
    }
  }

  /** A central directory entry. */
  static final class Entry {
    final String name;
    final int method;
    final long crc;
    final long compressed;
    final long size;
    final long localOffset;

    Entry(String name, int method, long crc, long compressed, long size, long localOffset) {
      this.name = name;
      this.method = method;
      this.crc = crc;
      this.compressed = compressed;
      this.size = size;
      this.localOffset = localOffset;
    }
  }

  private final Ranges ranges;
  private final long fileSize;
  private final Map<String, Entry> entries;

  private RemoteZip(Ranges ranges, long fileSize, Map<String, Entry> entries) {
    this.ranges = ranges;
    this.fileSize = fileSize;
    this.entries = entries;
  }

  /**
   * Reads the central directory.
   *
   * @param ranges the file's bytes
   * @param fileSize its size
   * @return the zip
   * @throws Damaged when it is not a zip or its directory is out of bounds
   * @throws IOException when the bytes cannot be read
   */
  static RemoteZip open(Ranges ranges, long fileSize) throws IOException {
    if (fileSize < 22) {
      throw new Damaged("not a zip file (" + fileSize + " bytes)");
    }
    long tailStart = Math.max(0, fileSize - TAIL);
    byte[] tail = ranges.read(tailStart, (int) (fileSize - tailStart));
    if (tail.length != fileSize - tailStart) {
      throw new Damaged("the file ended early (it is still being written, or was cut)");
    }
    int e = -1;
    for (int i = tail.length - 22; i >= 0; i--) {
      if (le32(tail, i) == EOCD && i + 22 + le16(tail, i + 20) == tail.length) {
        e = i;
        break;
      }
    }
    if (e < 0) {
      throw new Damaged("not a zip file (no end of central directory)");
    }
    long count = le16(tail, e + 10);
    long dirSize = le32u(tail, e + 12);
    long dirOffset = le32u(tail, e + 16);
    if ((count == 0xFFFF || dirSize == 0xFFFFFFFFL || dirOffset == 0xFFFFFFFFL) && e >= 20
        && le32(tail, e - 20) == ZIP64_LOCATOR) {
      long z = le64(tail, e - 20 + 8);
      if (z < 0 || z + 56 > fileSize) {
        throw new Damaged("a damaged ZIP64 end record");
      }
      byte[] z64 = z >= tailStart && z - tailStart + 56 <= tail.length
          ? slice(tail, (int) (z - tailStart), 56) : ranges.read(z, 56);
      if (z64.length < 56 || le32(z64, 0) != ZIP64_EOCD) {
        throw new Damaged("a damaged ZIP64 end record");
      }
      count = le64(z64, 32);
      dirSize = le64(z64, 40);
      dirOffset = le64(z64, 48);
    }
    if (count > MAX_ENTRIES || dirSize > MAX_DIRECTORY || dirOffset < 0
        || dirOffset + dirSize > fileSize) {
      throw new Damaged("a central directory out of bounds (" + count + " entries, " + dirSize
          + " bytes)");
    }
    byte[] dir = dirOffset >= tailStart && dirOffset + dirSize <= fileSize
        ? slice(tail, (int) (dirOffset - tailStart), (int) dirSize)
        : ranges.read(dirOffset, (int) dirSize);
    if (dir.length != dirSize) {
      throw new Damaged("the central directory ended early");
    }
    return new RemoteZip(ranges, fileSize, parseDirectory(dir, count));
  }

  private static Map<String, Entry> parseDirectory(byte[] dir, long count) throws Damaged {
    Map<String, Entry> out = new LinkedHashMap<>();
    int p = 0;
    for (long n = 0; n < count; n++) {
      if (p + 46 > dir.length || le32(dir, p) != CENTRAL) {
        throw new Damaged("a damaged central directory");
      }
      int method = le16(dir, p + 10);
      long crc = le32u(dir, p + 16);
      long comp = le32u(dir, p + 20);
      long size = le32u(dir, p + 24);
      int nameLen = le16(dir, p + 28);
      int extraLen = le16(dir, p + 30);
      int commentLen = le16(dir, p + 32);
      long local = le32u(dir, p + 42);
      int end = p + 46 + nameLen + extraLen + commentLen;
      if (end > dir.length) {
        throw new Damaged("a damaged central directory");
      }
      String name = new String(dir, p + 46, nameLen, java.nio.charset.StandardCharsets.UTF_8);
      // ZIP64 extra field: the 64-bit values of the fields that hold 0xFFFFFFFF, in this order
      int x = p + 46 + nameLen;
      int xEnd = x + extraLen;
      while (x + 4 <= xEnd) {
        int id = le16(dir, x);
        int len = le16(dir, x + 2);
        if (id == 1) {
          int v = x + 4;
          if (size == 0xFFFFFFFFL && v + 8 <= x + 4 + len) {
            size = le64(dir, v);
            v += 8;
          }
          if (comp == 0xFFFFFFFFL && v + 8 <= x + 4 + len) {
            comp = le64(dir, v);
            v += 8;
          }
          if (local == 0xFFFFFFFFL && v + 8 <= x + 4 + len) {
            local = le64(dir, v);
          }
        }
        x += 4 + len;
      }
      out.putIfAbsent(name, new Entry(name, method, crc, comp, size, local));
      p = end;
    }
    return out;
  }

  /** @return the entries by name, in directory order */
  Map<String, Entry> entries() {
    return entries;
  }

  /**
   * Reads and inflates an entry.
   *
   * @param name the entry
   * @param maxSize the largest uncompressed size accepted
   * @return the content, or null when there is no such entry
   * @throws Damaged when the entry is larger than allowed, damaged, or compressed unknowingly
   * @throws IOException when the bytes cannot be read
   */
  byte @Nullable [] read(String name, int maxSize) throws IOException {
    Entry e = entries.get(name);
    if (e == null) {
      return null;
    }
    if (e.size > maxSize || e.compressed > maxSize + 1024L) {
      throw new Damaged(name + " is larger than " + maxSize + " bytes (" + e.size + ")");
    }
    if (e.method != 0 && e.method != 8) {
      throw new Damaged(name + " is compressed with method " + e.method);
    }
    if (e.localOffset + 30 > fileSize) {
      throw new Damaged(name + " lies outside the file");
    }
    // the local header's name and extra lengths may differ from the directory's: read a little
    // more than the data needs, and again when that was not enough
    int guess = 30 + name.length() * 4 + 256 + (int) e.compressed;
    byte[] head = ranges.read(e.localOffset, (int) Math.min(guess, fileSize - e.localOffset));
    if (head.length < 30 || le32(head, 0) != LOCAL) {
      throw new Damaged(name + ": a damaged local header");
    }
    int start = 30 + le16(head, 26) + le16(head, 28);
    byte[] data;
    if (start + e.compressed <= head.length) {
      data = slice(head, start, (int) e.compressed);
    } else {
      data = ranges.read(e.localOffset + start, (int) e.compressed);
      if (data.length != e.compressed) {
        throw new Damaged(name + " ends early");
      }
    }
    byte[] content = e.method == 0 ? data : inflate(name, data, (int) e.size);
    CRC32 crc = new CRC32();
    crc.update(content);
    if (content.length != e.size || crc.getValue() != e.crc) {
      throw new Damaged(name + " is damaged (size or CRC do not match)");
    }
    return content;
  }

  /**
   * Inflates the start of an entry, for a text at its beginning (the model's header), without
   * reading the rest.
   *
   * @param name the entry
   * @param compressedPrefix how much of the compressed data to read at most
   * @param maxSize the most bytes to inflate
   * @return the first bytes of the content (possibly fewer than {@code maxSize}), or null when
   *     there is no such entry
   * @throws IOException when the bytes cannot be read or are damaged
   */
  byte @Nullable [] readPrefix(String name, int compressedPrefix, int maxSize)
      throws IOException {
    Entry e = entries.get(name);
    if (e == null || (e.method != 0 && e.method != 8)) {
      return null;
    }
    int want = (int) Math.min(e.compressed, compressedPrefix);
    byte[] head = ranges.read(e.localOffset, (int) Math.min(30 + 1024 + want,
        fileSize - e.localOffset));
    if (head.length < 30 || le32(head, 0) != LOCAL) {
      throw new Damaged(name + ": a damaged local header");
    }
    int start = 30 + le16(head, 26) + le16(head, 28);
    if (start >= head.length) {
      return new byte[0];
    }
    byte[] data = slice(head, start, Math.min(want, head.length - start));
    if (e.method == 0) {
      return data.length > maxSize ? slice(data, 0, maxSize) : data;
    }
    Inflater inf = new Inflater(true);
    try {
      inf.setInput(data);
      byte[] out = new byte[maxSize];
      int n = 0;
      while (n < maxSize && !inf.finished() && !inf.needsInput()) {
        int k = inf.inflate(out, n, maxSize - n);
        if (k == 0 && (inf.needsDictionary() || inf.needsInput())) {
          break;
        }
        n += k;
      }
      return slice(out, 0, n);
    } catch (DataFormatException x) {
      throw new Damaged(name + " is damaged (" + x.getMessage() + ")");
    } finally {
      inf.end();
    }
  }

  private static byte[] inflate(String name, byte[] data, int size) throws Damaged {
    Inflater inf = new Inflater(true);
    try {
      inf.setInput(data);
      byte[] out = new byte[size];
      int n = 0;
      while (n < size && !inf.finished()) {
        int k = inf.inflate(out, n, size - n);
        if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
          break;
        }
        n += k;
      }
      if (n != size || (!inf.finished() && inf.inflate(new byte[1]) > 0)) {
        throw new Damaged(name + " is damaged (inflates to another size than recorded)");
      }
      return out;
    } catch (DataFormatException x) {
      throw new Damaged(name + " is damaged (" + x.getMessage() + ")");
    } finally {
      inf.end();
    }
  }

  private static byte[] slice(byte[] b, int from, int len) {
    byte[] out = new byte[len];
    System.arraycopy(b, from, out, 0, len);
    return out;
  }

  private static int le16(byte[] b, int i) {
    return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
  }

  private static int le32(byte[] b, int i) {
    return le16(b, i) | le16(b, i + 2) << 16;
  }

  private static long le32u(byte[] b, int i) {
    return le32(b, i) & 0xFFFFFFFFL;
  }

  private static long le64(byte[] b, int i) {
    return le32u(b, i) | le32u(b, i + 4) << 32;
  }
}
