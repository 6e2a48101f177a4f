package dev.printernizer.testkit.kits;

import dev.printernizer.notify.LoggingNotifier;
import dev.printernizer.spi.Notifier;
import dev.printernizer.testkit.NotifierCompatibilityKit;

/** The core's logging notifier keeps the notifier contract. */
class NotifierKitTest extends NotifierCompatibilityKit {
  @Override
  protected Notifier createNotifier() {
    return new LoggingNotifier();
  }
}
