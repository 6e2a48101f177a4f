package dev.printernizer.examples;

import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.spi.Notifier;
import java.util.function.Consumer;

/**
 * A notifier of your own: a chat message when a job is created and when it ends. Notifiers run
 * on a lane of their own; a slow or failing one never holds the engine up.
 */
public final class CustomNotifierExample implements Notifier {
  private final Consumer<String> chat;

  /** @param chat where messages go (a webhook client in real life) */
  public CustomNotifierExample(Consumer<String> chat) {
    this.chat = chat;
  }

  @Override
  public void onEvent(PrinternizerEvent event) {
    if (event instanceof PrinternizerEvent.JobAutoCreated) {
      PrinternizerEvent.JobAutoCreated e = (PrinternizerEvent.JobAutoCreated) event;
      chat.accept("🖨️ " + e.printerName() + " started " + e.job().name()
          + (e.discoveredOnStartup() ? " (already running when we started)" : ""));
    } else if (event instanceof PrinternizerEvent.JobClosed) {
      PrinternizerEvent.JobClosed e = (PrinternizerEvent.JobClosed) event;
      chat.accept((e.job().status() == JobStatus.COMPLETED ? "✅ " : "⚠️ ") + e.job().name()
          + " " + e.job().status().wireName());
    }
  }
}
