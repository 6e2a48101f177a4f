package dev.printernizer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Only intact PNG headers within the bounds become thumbnails. */
class ThumbnailTest {
  private static byte[] png(int w, int h, int size) {
    byte[] b = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n',
        0, 0, 0, 13, 'I', 'H', 'D', 'R', (byte) (w >> 24), (byte) (w >> 16), (byte) (w >> 8),
        (byte) w, (byte) (h >> 24), (byte) (h >> 16), (byte) (h >> 8), (byte) h}, size);
    return b;
  }

  @Test
  void readsTheSizeFromTheHeaderAndCopiesTheBytes() {
    byte[] bytes = png(512, 384, 100);
    Thumbnail t = Thumbnail.ofPng(bytes);
    assertEquals(512, t.width());
    assertEquals(384, t.height());
    assertEquals(100, t.size());
    bytes[50] = 7;
    assertEquals(0, t.png()[50], "changing the caller's array changes nothing");
    assertNotSame(t.png(), t.png());
    assertEquals(t, Thumbnail.ofPng(png(512, 384, 100)));
    assertFalse(t.toString().contains("[B@"), t.toString());
  }

  @Test
  void refusesWhatIsNoPngOrOutOfBounds() {
    assertThrows(IllegalArgumentException.class, () -> Thumbnail.ofPng(
        "<html>no</html>......................".getBytes(StandardCharsets.UTF_8)));
    assertThrows(IllegalArgumentException.class, () -> Thumbnail.ofPng(png(0, 10, 40)));
    assertThrows(IllegalArgumentException.class, () -> Thumbnail.ofPng(png(5000, 10, 40)));
    assertThrows(IllegalArgumentException.class, () -> Thumbnail.ofPng(png(10, 10, 20)),
        "a header cut short");
    IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
        () -> Thumbnail.ofPng(png(10, 10, Thumbnail.MAX_BYTES + 1)));
    assertTrue(big.getMessage().contains("524288"), big.getMessage());
  }
}
