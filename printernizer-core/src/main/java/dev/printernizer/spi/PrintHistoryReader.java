package dev.printernizer.spi;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * An optional capability of a {@link PrinterDriver}: listing the prints the printer's own history
 * records as ended, for backfill. A driver that can implements this interface next to
 * {@link PrinterDriver}; the engine finds it with {@code instanceof}. The Moonraker driver does
 * (Moonraker's {@code server.history.list}); the PrusaLink and Bambu drivers do not (neither
 * printer keeps such a history).
 *
 * <p>With the setting {@code job_creation_backfill} (off by default) the engine asks when the
 * printer connects (at start and after every reconnect) and imports each print it does not have
 * yet as a closed job ({@code Detection.BACKFILL}), once per printer job id, however often it
 * asks.
 *
 * <p>Threading: called on the engine's driver executor, never on an engine lane, at most once at a
 * time per printer. It may block, but must bound every read in size and time itself.
 *
 * @since 0.4
 */
public interface PrintHistoryReader {
  /**
   * @param since the earliest start to report
   * @return the prints that started at or after {@code since} and have ended, in any order;
   *     prints still running are left out (the live status covers them)
   * @throws IOException when the printer could not be asked now (the engine asks again at the
   *     next connect)
   */
  List<PastPrint> pastPrints(Instant since) throws IOException;
}
