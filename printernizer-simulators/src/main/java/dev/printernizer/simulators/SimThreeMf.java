package dev.printernizer.simulators;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * A sliced 3MF as Bambu Studio writes it for a print ({@code <name>.gcode.3mf}): the model
 * ({@code 3D/3dmodel.model}, with the slicer in its {@code Application} metadata and a body of
 * the chosen size), {@code Metadata/slice_info.config} (per plate: index, prediction, weight,
 * filaments), {@code Metadata/project_settings.config} (the layer height among the settings),
 * {@code Metadata/plate_N.gcode} and {@code Metadata/plate_N.png}. Faults: no slice information,
 * an oversized one, a cut file ({@link #truncated}).
 *
 * <p>Mutable builder; not thread-safe.
 *
 * @since 0.3
 */
public final class SimThreeMf {
  /** The side of the plate picture in pixels. */
  public static final int THUMBNAIL_SIDE = 128;

  private int plate = 1;
  private int otherPlates;
  private long predictionSeconds = 3725;
  private final List<String> filaments = new ArrayList<>();
  private double layerHeight = 0.2;
  private String application = "BambuStudio-01.10.01.50";
  private int modelBytes = 200_000;
  private boolean sliceInfo = true;
  private int sliceInfoPadding;

  /** A plate 1 print of 62 min with one PLA filament of 12.34 g. */
  public SimThreeMf() {}

  /**
   * @param n the plate that is sliced (its G-code is in the file)
   * @return this
   */
  public SimThreeMf plate(int n) {
    this.plate = n;
    return this;
  }

  /**
   * @param n how many other plates slice_info lists before the sliced one
   * @return this
   */
  public SimThreeMf otherPlates(int n) {
    this.otherPlates = n;
    return this;
  }

  /**
   * @param seconds the slicer's prediction
   * @return this
   */
  public SimThreeMf prediction(long seconds) {
    this.predictionSeconds = seconds;
    return this;
  }

  /**
   * Adds a filament (the first call replaces the default one).
   *
   * @param id the slicer's filament number, from 1
   * @param type the material
   * @param color {@code #RRGGBB}
   * @param grams planned grams
   * @param meters planned metres
   * @return this
   */
  public SimThreeMf filament(int id, String type, String color, double grams, double meters) {
    filaments.add(String.format(Locale.ROOT,
        "    <filament id=\"%d\" tray_info_idx=\"GFA00\" type=\"%s\" color=\"%s\""
            + " used_m=\"%.2f\" used_g=\"%.2f\"/>", id, xml(type), xml(color), meters, grams));
    return this;
  }

  /**
   * @param mm the layer height
   * @return this
   */
  public SimThreeMf layerHeight(double mm) {
    this.layerHeight = mm;
    return this;
  }

  /**
   * @param app the slicer as the model names it
   * @return this
   */
  public SimThreeMf application(String app) {
    this.application = app;
    return this;
  }

  /**
   * @param bytes the size of the model body (incompressible, so the file is this large)
   * @return this
   */
  public SimThreeMf modelBytes(int bytes) {
    this.modelBytes = bytes;
    return this;
  }

  /**
   * @return this, without {@code slice_info.config} (a project that was never sliced)
   */
  public SimThreeMf withoutSliceInfo() {
    this.sliceInfo = false;
    return this;
  }

  /**
   * @param bytes a comment of this size inside slice_info.config (an oversized entry)
   * @return this
   */
  public SimThreeMf sliceInfoPadding(int bytes) {
    this.sliceInfoPadding = bytes;
    return this;
  }

  /**
   * @return the file
   */
  public byte[] bytes() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(buf)) {
      byte[] body = new byte[Math.max(0, modelBytes)];
      new Random(modelBytes).nextBytes(body);
      String model = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<model unit=\"millimeter\""
          + " xml:lang=\"en-US\" xmlns=\"http://schemas.microsoft.com/3dmanufacturing/core/2015/02\">"
          + "\n <metadata name=\"Application\">" + xml(application) + "</metadata>\n"
          + " <metadata name=\"BambuStudio:3mfVersion\">1</metadata>\n <!-- "
          + Base64.getEncoder().encodeToString(body) + " -->\n</model>\n";
      entry(zip, "3D/3dmodel.model", model.getBytes(StandardCharsets.UTF_8), false);
      if (sliceInfo) {
        entry(zip, "Metadata/slice_info.config", sliceInfoXml().getBytes(StandardCharsets.UTF_8),
            false);
      }
      entry(zip, "Metadata/project_settings.config", String.format(Locale.ROOT,
          "{\n    \"layer_height\": \"%s\",\n    \"filament_type\": [\"PLA\"]\n}\n",
          layerHeight).getBytes(StandardCharsets.UTF_8), false);
      entry(zip, "Metadata/plate_" + plate + ".gcode",
          "; HEADER_BLOCK_START\nG28\nG1 X10 Y10\n".getBytes(StandardCharsets.UTF_8), false);
      entry(zip, "Metadata/plate_" + plate + ".png", thumbnail(), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buf.toByteArray();
  }

  /**
   * @param content a file
   * @param keep how many bytes to keep
   * @return its first {@code keep} bytes (a file cut during its upload)
   */
  public static byte[] truncated(byte[] content, int keep) {
    return java.util.Arrays.copyOf(content, Math.min(keep, content.length));
  }

  /** The plate picture, the part in the first filament's colour. */
  private byte[] thumbnail() {
    int rgb = 0xFF6A13;
    if (!filaments.isEmpty()) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("color=\"#([0-9A-Fa-f]{6})")
          .matcher(filaments.get(0));
      if (m.find()) {
        rgb = Integer.parseInt(m.group(1), 16);
      }
    }
    return thumbnailPng(rgb);
  }

  /**
   * A print seen from above on a dark plate, as slicers draw their thumbnails: a PNG of
   * {@value #THUMBNAIL_SIDE} pixels on a side.
   *
   * @param rgb the part's colour, {@code 0xRRGGBB}
   * @return the PNG
   */
  public static byte[] thumbnailPng(int rgb) {
    java.awt.Color part = new java.awt.Color(rgb);
    int n = THUMBNAIL_SIDE;
    java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(n, n,
        java.awt.image.BufferedImage.TYPE_INT_ARGB);
    java.awt.Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING,
          java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(new java.awt.Color(0x3A3A3A));
      g.fillRoundRect(4, 4, n - 8, n - 8, 12, 12);
      g.setColor(part);
      g.fillRoundRect(n / 4, n / 3, n / 2, n / 3, 10, 10);
      g.fillOval(n / 2 - n / 8, n / 5, n / 4, n / 4);
      g.setColor(part.darker());
      g.drawRoundRect(n / 4, n / 3, n / 2, n / 3, 10, 10);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      javax.imageio.ImageIO.write(img, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return png.toByteArray();
  }

  private String sliceInfoXml() {
    StringBuilder s = new StringBuilder("""
        <?xml version="1.0" encoding="UTF-8"?>
        <config>
          <header>
            <header_item key="X-BBL-Client-Type" value="slicer"/>
            <header_item key="X-BBL-Client-Version" value="01.10.01.50"/>
          </header>
        """);
    for (int i = 1; i <= otherPlates; i++) {
      int index = i >= plate ? i + 1 : i;
      s.append(String.format(Locale.ROOT, """
            <plate>
              <metadata key="index" value="%d"/>
              <metadata key="prediction" value="60"/>
              <filament id="1" type="ABS" color="#000000" used_m="1" used_g="3"/>
            </plate>
          """, index));
    }
    s.append(String.format(Locale.ROOT, """
          <plate>
            <metadata key="index" value="%d"/>
            <metadata key="printer_model_id" value="C12"/>
            <metadata key="nozzle_diameters" value="0.4"/>
            <metadata key="prediction" value="%d"/>
        """, plate, predictionSeconds));
    List<String> f = filaments.isEmpty() ? List.of(
        "    <filament id=\"1\" tray_info_idx=\"GFA00\" type=\"PLA\" color=\"#FF6A13\""
            + " used_m=\"4.14\" used_g=\"12.34\"/>") : filaments;
    s.append("    <metadata key=\"weight\" value=\"12.34\"/>\n");
    for (String line : f) {
      s.append(line).append('\n');
    }
    if (sliceInfoPadding > 0) {
      s.append("    <!-- ").append("x".repeat(sliceInfoPadding)).append(" -->\n");
    }
    s.append("  </plate>\n</config>\n");
    return s.toString();
  }

  private static void entry(ZipOutputStream zip, String name, byte[] content, boolean stored)
      throws IOException {
    ZipEntry e = new ZipEntry(name);
    if (stored) {
      e.setMethod(ZipEntry.STORED);
      e.setSize(content.length);
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(content);
      e.setCrc(crc.getValue());
    }
    zip.putNextEntry(e);
    zip.write(content);
    zip.closeEntry();
  }

  private static String xml(@Nullable String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
  }
}
