package dev.printernizer.driver.bambu.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.printernizer.api.Job;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.Thumbnail;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a Bambu job's 3MF on the printer's storage and reads what it says about the print:
 * {@code Metadata/slice_info.config} (prediction, filament per slot, plate), the plate's picture
 * ({@code Metadata/plate_N.png}), the layer height from
 * {@code Metadata/project_settings.config}, and the slicer from the start of
 * {@code 3D/3dmodel.model}. Only these entries are transferred ({@link RemoteZip}).
 *
 * <p>Where the file is: LAN prints at the storage root under the reported name
 * ({@code <name>.gcode.3mf}), cloud prints under {@code /cache/}; X1 printers report a plate path
 * on a ramdisk ({@code /data/Metadata/plate_N.gcode}), so the name on the screen
 * ({@code subtask_name}) is tried too. A file found nowhere, or not a readable 3MF, is no
 * description (empty): the job stays without one.
 */
final class BambuPrintFiles {
  private static final Logger LOG = LoggerFactory.getLogger(BambuPrintFiles.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_SLICE_INFO = 2 << 20;
  static final int MAX_SETTINGS = 4 << 20;
  private static final Pattern PLATE = Pattern.compile("(?:^|/)plate_(\\d{1,4})\\.gcode$");
  private static final Pattern APPLICATION = Pattern.compile(
      "<metadata\\s+name=\"Application\"\\s*>([^<]{1,200})</metadata>");

  private BambuPrintFiles() {}

  /**
   * The paths where the job's 3MF may be, most likely first.
   *
   * @param job the job (its reported file and its name on the screen)
   * @return the paths, without duplicates
   */
  static List<String> candidates(Job job) {
    Set<String> out = new LinkedHashSet<>();
    String file = job.fileName().orElse("");
    boolean ramdisk = file.startsWith("/data/") || file.startsWith("/usr/");
    if (!ramdisk && file.toLowerCase(Locale.ROOT).endsWith(".3mf")) {
      String bare = file.startsWith("/") ? file.substring(1) : file;
      if (bare.startsWith("cache/")) {
        out.add("/" + bare);
      } else {
        out.add("/" + bare);
        if (!bare.contains("/")) {
          out.add("/cache/" + bare);
        }
      }
    }
    String name = job.name().strip();
    if (!name.isEmpty() && !name.contains("/")) {
      out.add("/" + name + ".gcode.3mf");
      out.add("/cache/" + name + ".3mf");
      out.add("/cache/" + name + ".gcode.3mf");
      out.add("/" + name + ".3mf");
    }
    return new ArrayList<>(out);
  }

  /**
   * @param ftp a logged-in session to the printer
   * @param job the job
   * @return the description and picture, or empty when the file is not there or not a
   *     readable 3MF
   * @throws IOException when the printer could not be asked (try again later)
   */
  /** What one reading gives: the description, and the plate's picture when the file has one. */
  static final class Read {
    final PrintFile file;
    final @Nullable Thumbnail thumbnail;

    Read(PrintFile file, @Nullable Thumbnail thumbnail) {
      this.file = file;
      this.thumbnail = thumbnail;
    }
  }

  static Optional<Read> read(FtpsClient ftp, Job job) throws IOException {
    String path = null;
    long size = -1;
    for (String candidate : candidates(job)) {
      size = ftp.size(candidate);
      if (size >= 0) {
        path = candidate;
        break;
      }
    }
    if (path == null) {
      LOG.info("{}: the print file of job {} is not on the printer's storage (looked for {})",
          job.printerId(), job.id(), candidates(job));
      return Optional.empty();
    }
    String found = path;
    RemoteZip zip;
    byte[] sliceInfo;
    try {
      zip = RemoteZip.open((off, len) -> ftp.read(found, off, len), size);
      sliceInfo = zip.read("Metadata/slice_info.config", MAX_SLICE_INFO);
    } catch (RemoteZip.Damaged e) {
      LOG.warn("{}: the print file {} of job {} is not a readable 3MF: {}", job.printerId(),
          found, job.id(), e.getMessage());
      return Optional.empty();
    }
    if (sliceInfo == null) {
      LOG.info("{}: the print file {} has no slice information (not sliced?)", job.printerId(),
          found);
      return Optional.empty();
    }
    SliceInfo info = SliceInfo.parse(sliceInfo);
    Integer plate = plate(job, zip, info);
    SliceInfo.Plate p = plate == null ? null : info.plate(plate);
    PrintFile.Builder b = PrintFile.builder().plate(plate);
    if (p != null) {
      b.estimatedTime(p.prediction).filaments(p.filaments);
    }
    b.layerHeightMm(layerHeight(zip, found, job));
    b.slicer(slicer(zip, found, job));
    return Optional.of(new Read(b.build(), plate == null ? null : thumbnail(zip, plate, job)));
  }

  /** The plate's picture, {@code Metadata/plate_N.png}; none when missing, damaged or too big. */
  private static @Nullable Thumbnail thumbnail(RemoteZip zip, int plate, Job job)
      throws IOException {
    String name = "Metadata/plate_" + plate + ".png";
    try {
      byte[] png = zip.read(name, Thumbnail.MAX_BYTES);
      return png == null ? null : Thumbnail.ofPng(png);
    } catch (RemoteZip.Damaged | IllegalArgumentException e) {
      LOG.debug("{}: no thumbnail from {} of job {}: {}", job.printerId(), name, job.id(),
          e.getMessage());
      return null;
    }
  }

  /** The plate: from the reported path, else the only sliced plate in the file. */
  private static @Nullable Integer plate(Job job, RemoteZip zip, SliceInfo info) {
    Matcher m = PLATE.matcher(job.fileName().orElse(""));
    if (m.find()) {
      int n = Integer.parseInt(m.group(1));
      return n >= 1 && n <= 1000 ? n : null;
    }
    Integer only = null;
    for (String entry : zip.entries().keySet()) {
      Matcher e = PLATE.matcher(entry);
      if (entry.startsWith("Metadata/") && e.find()) {
        if (only != null) {
          return info.plates.size() == 1 ? info.plates.get(0).index : null;
        }
        only = Integer.parseInt(e.group(1));
      }
    }
    if (only != null && only >= 1 && only <= 1000) {
      return only;
    }
    return info.plates.size() == 1 ? info.plates.get(0).index : null;
  }

  private static @Nullable Double layerHeight(RemoteZip zip, String path, Job job)
      throws IOException {
    try {
      byte[] settings = zip.read("Metadata/project_settings.config", MAX_SETTINGS);
      if (settings == null) {
        return null;
      }
      JsonNode v = JSON.readTree(settings).path("layer_height");
      double d = v.isNumber() ? v.asDouble() : v.isTextual() ? parse(v.asText()) : Double.NaN;
      return d > 0 && d <= 10 ? d : null;
    } catch (RemoteZip.Damaged | com.fasterxml.jackson.core.JsonProcessingException e) {
      LOG.debug("{}: no layer height from {} of job {}: {}", job.printerId(), path, job.id(),
          e.getMessage());
      return null;
    }
  }

  private static @Nullable String slicer(RemoteZip zip, String path, Job job)
      throws IOException {
    try {
      byte[] head = zip.readPrefix("3D/3dmodel.model", 16 << 10, 32 << 10);
      if (head == null) {
        return null;
      }
      Matcher m = APPLICATION.matcher(new String(head, StandardCharsets.UTF_8));
      return m.find() ? m.group(1).strip() : null;
    } catch (RemoteZip.Damaged e) {
      LOG.debug("{}: no slicer from {} of job {}: {}", job.printerId(), path, job.id(),
          e.getMessage());
      return null;
    }
  }

  private static double parse(String s) {
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
