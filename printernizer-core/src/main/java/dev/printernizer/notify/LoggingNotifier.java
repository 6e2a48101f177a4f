package dev.printernizer.notify;

import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.spi.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Notifier} that writes one INFO line per job event (and DEBUG per printer state change)
 * to the SLF4J logger {@code dev.printernizer.events}.
 *
 * @since 0.1
 */
public final class LoggingNotifier implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger("dev.printernizer.events");

  /**
   * A logging notifier.
   * @since 0.1
   */
  public LoggingNotifier() {}

  @Override
  public void onEvent(PrinternizerEvent event) {
    if (event instanceof PrinternizerEvent.JobAutoCreated) {
      PrinternizerEvent.JobAutoCreated e = (PrinternizerEvent.JobAutoCreated) event;
      LOG.info("Job auto-created on {}: {} ({}){}", e.printerName(), e.job().name(),
          e.fileName(), e.discoveredOnStartup() ? " [discovered on startup]" : "");
    } else if (event instanceof PrinternizerEvent.JobAdopted) {
      PrinternizerEvent.JobAdopted e = (PrinternizerEvent.JobAdopted) event;
      LOG.info("Manual job adopted on {}: {}", e.printerName(), e.job().name());
    } else if (event instanceof PrinternizerEvent.JobStatusChanged) {
      PrinternizerEvent.JobStatusChanged e = (PrinternizerEvent.JobStatusChanged) event;
      LOG.info("Job {} on {}: {} -> {}", e.job().name(), e.printerId(), e.from(),
          e.job().status());
    } else if (event instanceof PrinternizerEvent.JobClosed) {
      PrinternizerEvent.JobClosed e = (PrinternizerEvent.JobClosed) event;
      LOG.info("Job {} on {} closed: {}{}", e.job().name(), e.printerId(), e.job().status(),
          e.job().tracking().closeReason().map(r -> " (" + r + ")").orElse(""));
    } else if (event instanceof PrinternizerEvent.PrinterStateChanged) {
      PrinternizerEvent.PrinterStateChanged e = (PrinternizerEvent.PrinterStateChanged) event;
      LOG.debug("Printer {}: {} -> {}", e.printerName(), e.from(), e.to());
    }
  }
}
