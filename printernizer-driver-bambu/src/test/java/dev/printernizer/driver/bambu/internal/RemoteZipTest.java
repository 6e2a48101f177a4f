package dev.printernizer.driver.bambu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.simulators.SimThreeMf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Entries of a zip read through byte ranges, bounded, damaged files refused. */
class RemoteZipTest {
  private static final class Counting implements RemoteZip.Ranges {
    final byte[] file;
    final AtomicLong read = new AtomicLong();
    int calls;

    Counting(byte[] file) {
      this.file = file;
    }

    @Override
    public byte[] read(long offset, int length) {
      calls++;
      byte[] b = Arrays.copyOfRange(file, (int) offset, (int) Math.min(file.length,
          offset + length));
      read.addAndGet(b.length);
      return b;
    }
  }

  @Test
  void readsTheSliceInformationOfALargeFileWithLittleTransferred() throws IOException {
    byte[] file = new SimThreeMf().modelBytes(3_000_000).bytes();
    Counting ranges = new Counting(file);
    RemoteZip zip = RemoteZip.open(ranges, file.length);
    byte[] info = zip.read("Metadata/slice_info.config", 1 << 20);
    assertNotNull(info);
    assertTrue(new String(info, StandardCharsets.UTF_8).contains("key=\"prediction\""));
    assertNull(zip.read("Metadata/missing.config", 1 << 20));
    assertTrue(ranges.read.get() < 200_000, "read " + ranges.read + " of " + file.length);
    byte[] head = zip.readPrefix("3D/3dmodel.model", 16 << 10, 32 << 10);
    assertTrue(new String(head, StandardCharsets.UTF_8).contains("BambuStudio-01.10.01.50"));
  }

  @Test
  void aCutFileIsRefused() {
    byte[] file = SimThreeMf.truncated(new SimThreeMf().bytes(), 50_000);
    assertThrows(RemoteZip.Damaged.class, () -> RemoteZip.open(new Counting(file), file.length));
    byte[] text = "not a zip at all, just text".getBytes(StandardCharsets.UTF_8);
    assertThrows(RemoteZip.Damaged.class, () -> RemoteZip.open(new Counting(text), text.length));
  }

  @Test
  void anEntryLargerThanAllowedIsRefusedBeforeItIsRead() throws IOException {
    byte[] file = new SimThreeMf().sliceInfoPadding(3 << 20).bytes();
    Counting ranges = new Counting(file);
    RemoteZip zip = RemoteZip.open(ranges, file.length);
    int before = ranges.calls;
    RemoteZip.Damaged e = assertThrows(RemoteZip.Damaged.class,
        () -> zip.read("Metadata/slice_info.config", BambuPrintFiles.MAX_SLICE_INFO));
    assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    assertEquals(before, ranges.calls, "nothing of it was transferred");
  }

  @Test
  void aDamagedEntryIsRefusedNotHalfRead() throws IOException {
    byte[] file = new SimThreeMf().bytes();
    RemoteZip zip = RemoteZip.open(new Counting(file), file.length);
    RemoteZip.Entry png = zip.entries().get("Metadata/plate_1.png");
    // flip one byte of the stored thumbnail
    byte[] bad = file.clone();
    int nameLen = "Metadata/plate_1.png".length();
    int data = (int) png.localOffset + 30 + nameLen + 10;
    bad[data] ^= 0x55;
    RemoteZip damaged = RemoteZip.open(new Counting(bad), bad.length);
    RemoteZip.Damaged e = assertThrows(RemoteZip.Damaged.class,
        () -> damaged.read("Metadata/plate_1.png", 1 << 20));
    assertTrue(e.getMessage().contains("CRC"), e.getMessage());
  }

  @Test
  void anEntryThatInflatesToMoreThanRecordedIsRefused() throws IOException {
    // a deflated entry of 1 MiB of zeros whose recorded size is then lowered to 100 bytes
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(buf)) {
      z.putNextEntry(new ZipEntry("Metadata/slice_info.config"));
      z.write(new byte[1 << 20]);
      z.closeEntry();
    }
    byte[] file = buf.toByteArray();
    RemoteZip zip = RemoteZip.open(new Counting(file), file.length);
    RemoteZip.Entry e = zip.entries().get("Metadata/slice_info.config");
    int central = indexOf(file, new byte[] {0x50, 0x4b, 0x01, 0x02});
    file[central + 24] = 100;
    file[central + 25] = 0;
    file[central + 26] = 0;
    file[central + 27] = 0;
    RemoteZip bomb = RemoteZip.open(new Counting(file), file.length);
    assertEquals(1 << 20, e.size);
    assertThrows(RemoteZip.Damaged.class, () -> bomb.read("Metadata/slice_info.config",
        1 << 20));
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
