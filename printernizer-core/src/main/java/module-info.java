/**
 * Printernizer core: the public API ({@code dev.printernizer}, {@code .api}), the SPIs
 * ({@code .spi}), the clock abstraction ({@code .time}) and the reference in-memory store and
 * logging notifier. Everything under {@code dev.printernizer.internal} is hidden.
 */
module dev.printernizer.core {
  requires transitive org.slf4j;
  requires transitive org.jspecify; // the @Nullable annotations of the public API
  requires com.github.benmanes.caffeine;

  exports dev.printernizer;
  exports dev.printernizer.api;
  exports dev.printernizer.spi;
  exports dev.printernizer.time;
  exports dev.printernizer.store;
  exports dev.printernizer.notify;
  exports dev.printernizer.export;
  exports dev.printernizer.accounting;
  exports dev.printernizer.statistics;
  exports dev.printernizer.outbox;

  uses dev.printernizer.spi.PrinterDriverProvider;
  uses dev.printernizer.spi.JobStoreProvider;
  uses dev.printernizer.spi.NotifierProvider;
}
