/**
 * Printernizer metrics for Micrometer: {@link dev.printernizer.micrometer.PrinternizerMetrics},
 * a {@code MeterBinder} for the engine, and {@link dev.printernizer.micrometer.TimedJobStore},
 * which times a job store's calls. Core has no Micrometer dependency; this module brings it.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // Micrometer: an
// Automatic-Module-Name; transitive because MeterRegistry is in this module's API
module dev.printernizer.micrometer {
  requires transitive dev.printernizer.core;
  requires transitive micrometer.core;

  exports dev.printernizer.micrometer;
}
