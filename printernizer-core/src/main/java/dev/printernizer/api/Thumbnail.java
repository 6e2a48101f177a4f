package dev.printernizer.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * The picture of a print as its slicer rendered it into the file (a PNG), for a job list or a
 * job's detail view. Kept apart from the job (see {@code JobStore.thumbnail}) so that lists of
 * jobs stay small.
 *
 * <p>Only PNG is accepted, at most {@value #MAX_BYTES} bytes and {@value #MAX_SIDE} pixels on a
 * side (read from the PNG header, which must be intact). Immutable; {@link #png()} answers a
 * copy.
 *
 * @since 0.3
 */
public final class Thumbnail {
  /** The largest PNG kept, in bytes. */
  public static final int MAX_BYTES = 512 * 1024;
  /** The longest side kept, in pixels. */
  public static final int MAX_SIDE = 4096;
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private final byte[] png;
  private final int width;
  private final int height;

  private Thumbnail(byte[] png, int width, int height) {
    this.png = png;
    this.width = width;
    this.height = height;
  }

  /**
   * @param png the image
   * @return the thumbnail
   * @throws IllegalArgumentException when it is not a PNG with an intact header, is larger than
   *     {@value #MAX_BYTES} bytes or {@value #MAX_SIDE} pixels on a side
   */
  public static Thumbnail ofPng(byte[] png) {
    Objects.requireNonNull(png, "png");
    if (png.length > MAX_BYTES) {
      throw new IllegalArgumentException("a thumbnail must be at most " + MAX_BYTES
          + " bytes, was " + png.length);
    }
    // signature, then the IHDR chunk: length 13, type, width, height
    if (png.length < 33 || !Arrays.equals(Arrays.copyOf(png, 8), SIGNATURE)
        || be32(png, 8) != 13 || png[12] != 'I' || png[13] != 'H' || png[14] != 'D'
        || png[15] != 'R') {
      throw new IllegalArgumentException("a thumbnail must be a PNG image");
    }
    long w = be32(png, 16) & 0xFFFFFFFFL;
    long h = be32(png, 20) & 0xFFFFFFFFL;
    if (w < 1 || h < 1 || w > MAX_SIDE || h > MAX_SIDE) {
      throw new IllegalArgumentException("a thumbnail must be 1-" + MAX_SIDE
          + " pixels on a side, was " + w + "x" + h);
    }
    return new Thumbnail(png.clone(), (int) w, (int) h);
  }

  /** @return the PNG (a copy) */
  public byte[] png() {
    return png.clone();
  }

  /** @return its size in bytes */
  public int size() {
    return png.length;
  }

  /** @return the width in pixels */
  public int width() {
    return width;
  }

  /** @return the height in pixels */
  public int height() {
    return height;
  }

  private static int be32(byte[] b, int i) {
    return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8
        | (b[i + 3] & 0xFF);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Thumbnail && Arrays.equals(png, ((Thumbnail) o).png);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(png);
  }

  @Override
  public String toString() {
    return "Thumbnail{" + width + "x" + height + " PNG, " + png.length + " bytes}";
  }
}
