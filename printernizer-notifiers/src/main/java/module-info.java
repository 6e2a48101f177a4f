/**
 * Printernizer notifiers: outbox destinations for signed webhooks
 * ({@code dev.printernizer.notifiers.webhook}), ntfy push notifications
 * ({@code dev.printernizer.notifiers.ntfy}) and Spoolman filament use
 * ({@code dev.printernizer.notifiers.spoolman}), configured in code or from a map
 * ({@link dev.printernizer.notifiers.NotifierConfig}).
 */
module dev.printernizer.notifiers {
  requires transitive dev.printernizer.core;
  requires java.net.http;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.printernizer.notifiers;
  exports dev.printernizer.notifiers.webhook;
  exports dev.printernizer.notifiers.ntfy;
  exports dev.printernizer.notifiers.spoolman;
}
