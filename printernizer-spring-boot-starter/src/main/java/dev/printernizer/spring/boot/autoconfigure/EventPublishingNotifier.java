package dev.printernizer.spring.boot.autoconfigure;

import dev.printernizer.Printernizer;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.spi.Notifier;
import dev.printernizer.spring.boot.PrinternizerApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;

/** Republishes each engine event in the context, on the engine's notification lane. */
final class EventPublishingNotifier implements Notifier {
  private final Printernizer engine;
  private final ApplicationEventPublisher publisher;

  EventPublishingNotifier(Printernizer engine, ApplicationEventPublisher publisher) {
    this.engine = engine;
    this.publisher = publisher;
  }

  @Override
  public void onEvent(PrinternizerEvent event) {
    publisher.publishEvent(new PrinternizerApplicationEvent(engine, event));
  }

  @Override
  public String toString() {
    return "spring-application-events";
  }
}
