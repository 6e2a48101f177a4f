package dev.printernizer.spring.boot;

import dev.printernizer.Printernizer;

/**
 * Changes the engine's builder after the starter has set it up from the properties and beans
 * (store, settings, printers, notifiers, destinations) and before {@code build()}: your own
 * clock, executors, retry policy or a driver that is not found by the service loader. Every bean
 * of this type is applied, in {@code @Order}. Called once, on the thread that creates the beans.
 *
 * @since 0.4
 */
@FunctionalInterface
public interface PrinternizerBuilderCustomizer {
  /** @param builder the engine's builder */
  void customize(Printernizer.Builder builder);
}
