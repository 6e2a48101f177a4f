package dev.printernizer.spi;

import dev.printernizer.api.Job;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.Thumbnail;
import java.io.IOException;
import java.util.Optional;

/**
 * An optional capability of a {@link PrinterDriver}: reading what the print's file says
 * (slicer estimate, filament per slot, slicer, layer height, plate). A driver that can implements
 * this interface next to {@link PrinterDriver}; the engine finds it with {@code instanceof} and
 * works the same without it.
 *
 * <p>The engine never waits for it: a job is created from the printer's status at once, and the
 * engine asks for the file afterwards, links the answer to the job with
 * {@link JobStore#updatePrintFile}, and asks again (a few times, with growing pauses) when the
 * call fails. A later reconnect or engine restart asks again for a job that still has none.
 *
 * <p>Threading: called on the engine's driver executor, never on an engine lane, at most once at
 * a time per printer. It may block, but must bound every read in size and time itself.
 *
 * @since 0.3
 */
public interface PrintFileReader {
  /**
   * Reads the description of a job's file.
   *
   * @param job the job: its {@link Job#fileName()} as the printer reported it, and the printer's
   *     own job id in its {@link Job#run()}, to check that the printer still prints that file
   * @return the description; empty when the file cannot be read and never will be (not on the
   *     printer any more, another print runs now, a format without metadata)
   * @throws IOException when the printer could not be asked now; the engine tries again later
   */
  Optional<PrintFile> readPrintFile(Job job) throws IOException;

  /**
   * Reads the picture the slicer put into the job's file. The engine asks once, right after
   * {@link #readPrintFile} gave a description for the job (a driver may keep the picture it read
   * then for this call), and stores it with {@link JobStore#updateThumbnail}; a failure is
   * logged and not retried (the job keeps no picture).
   *
   * <p>Threading as {@link #readPrintFile}. This default has none.
   *
   * @param job the job
   * @return the picture; empty when the file has none
   * @throws IOException when the printer could not be asked
   * @since 0.3
   */
  default Optional<Thumbnail> readThumbnail(Job job) throws IOException {
    return Optional.empty();
  }
}
