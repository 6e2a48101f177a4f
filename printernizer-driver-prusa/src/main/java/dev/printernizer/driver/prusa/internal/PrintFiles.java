package dev.printernizer.driver.prusa.internal;

import static dev.printernizer.driver.prusa.internal.Json.longOrNull;
import static dev.printernizer.driver.prusa.internal.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.printernizer.api.FileNames;
import dev.printernizer.api.Job;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.Thumbnail;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the description of a job's file: PrusaLink on a Pi shows the G-code's metadata in
 * {@code /api/v1/job} ({@link PrintFileMeta}); for the firmware (MK4, XL, MINI) the start of the
 * {@code .bgcode} file is read from the job's download path, at most
 * {@value BgcodeMeta#MAX_PREFIX} bytes ({@link BgcodeMeta}). A job that is no longer the
 * printer's current one cannot be read back (empty).
 */
final class PrintFiles {
  private PrintFiles() {}

  /**
   * @param http the printer's client (the caller holds the poll lock)
   * @param job the job
   * @return the description, or empty
   * @throws PrusaHttp.Failure when the printer could not be asked
   */
  static Optional<PrintFile> read(PrusaHttp http, Job job) throws PrusaHttp.Failure {
    PrusaHttp.Answer a = http.get("/api/v1/job");
    if (a.code != 200 || a.json.isMissingNode() || !isThisJob(job, a.json)) {
      return Optional.empty();
    }
    Optional<PrintFile> meta = PrintFileMeta.fromJob(a.json); // PrusaLink on a Pi
    if (meta.isPresent()) {
      return meta;
    }
    // the firmware: the metadata is at the start of the binary G-code file itself
    JsonNode file = a.json.path("file");
    String download = text(file.path("refs"), "download");
    String name = text(file, "display_name");
    String shown = name != null ? name : text(file, "name");
    if (download == null || !download.startsWith("/") || shown == null
        || !shown.toLowerCase(Locale.ROOT).matches(".*\\.(bgcode|bgc)")) {
      return Optional.empty(); // plain G-code keeps its metadata at the end: not read
    }
    byte[] prefix = http.prefix(download, BgcodeMeta.MAX_PREFIX);
    return prefix == null ? Optional.empty() : BgcodeMeta.parse(prefix);
  }

  /**
   * Reads the picture of the job's file from the path the printer names for it
   * ({@code file.refs.thumbnail} of {@code /api/v1/job}: {@code /thumb/l/...} on the firmware,
   * {@code /api/thumbnails/...} on a Pi), at most {@link Thumbnail#MAX_BYTES} bytes.
   *
   * @param http the printer's client (the caller holds the poll lock)
   * @param job the job
   * @return the picture; empty for another job, no picture, one too large or not a PNG
   * @throws PrusaHttp.Failure when the printer could not be asked
   */
  static Optional<Thumbnail> thumbnail(PrusaHttp http, Job job) throws PrusaHttp.Failure {
    PrusaHttp.Answer a = http.get("/api/v1/job");
    if (a.code != 200 || a.json.isMissingNode() || !isThisJob(job, a.json)) {
      return Optional.empty();
    }
    String path = text(a.json.path("file").path("refs"), "thumbnail");
    if (path == null || !path.startsWith("/")) {
      return Optional.empty();
    }
    byte[] png = http.prefix(path, Thumbnail.MAX_BYTES + 1);
    if (png == null || png.length > Thumbnail.MAX_BYTES) {
      return Optional.empty();
    }
    try {
      return Optional.of(Thumbnail.ofPng(png));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // the printer answered with something else than a PNG
    }
  }

  /** Whether {@code /api/v1/job} shows the job: its printer job id, else its file. */
  private static boolean isThisJob(Job job, JsonNode current) {
    Long id = longOrNull(current, "id");
    String want = job.run().map(RunLink::printerJobId).orElse(null);
    if (want != null && id != null && want.equals(String.valueOf(id))) {
      return true;
    }
    JsonNode file = current.path("file");
    String name = text(file, "display_name");
    String shown = name != null ? name : text(file, "name");
    return shown != null && job.fileName().map(FileNames::normalize)
        .filter(FileNames.normalize(shown)::equals).isPresent();
  }
}
