package dev.printernizer.examples;

import dev.printernizer.Printernizer;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Secret;
import dev.printernizer.jdbc.JdbcJobStore;
import dev.printernizer.notifiers.ntfy.NtfyDestination;
import dev.printernizer.notifiers.spoolman.SpoolmanDestination;
import dev.printernizer.notifiers.webhook.WebhookDestination;
import dev.printernizer.outbox.OutboxEvent;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

/**
 * Side effects exactly once: a signed webhook for new and finished jobs, a phone notification
 * when something goes wrong, and the filament of every job deducted from its Spoolman spool.
 * The job store's outbox keeps them until they are delivered, across restarts.
 */
public final class NotificationsExample {
  private NotificationsExample() {}

  /**
   * @param data the embedded database's directory
   * @param webhookSecret the secret the ERP checks the signature with
   * @return the engine builder with the three destinations (add printers, then build)
   */
  public static Printernizer.Builder withNotifications(Path data, Secret webhookSecret) {
    return Printernizer.builder()
        .jobStore(JdbcJobStore.h2(data)) // its outbox: entries written with each job change
        .destination(WebhookDestination.builder("erp", URI.create("https://erp.example.com/hooks/print"))
            .secret(webhookSecret) // X-Printernizer-Signature
            .events(Set.of(OutboxEvent.JOB_AUTO_CREATED, OutboxEvent.JOB_COMPLETED))
            .build())
        .destination(NtfyDestination.builder("phone", URI.create("https://ntfy.sh/werkstatt-7f3a"))
            .language("de")
            .events(Set.of(OutboxEvent.JOB_FAILED, OutboxEvent.JOB_INTERRUPTED,
                OutboxEvent.PRINTER_OFFLINE_MID_PRINT, OutboxEvent.PRINTER_CONNECTION_PROBLEM))
            .build())
        .destination(SpoolmanDestination.builder("spoolman", URI.create("http://spoolman.local:7912"))
            .spool(PrinterId.of("werkstatt-x1c"), 0, 12) // AMS tray 1 holds spool 12
            .spool(PrinterId.of("werkstatt-x1c"), 1, 15) // other slots: the spools' extra fields
            .build());
  }
}
