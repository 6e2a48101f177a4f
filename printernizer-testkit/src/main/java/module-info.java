/**
 * Printernizer testkit: compatibility kits, the property-based harness, the printer-world model,
 * fakes and an example driver for integrators' tests. The printer simulators live in
 * {@code dev.printernizer.simulators}, which this module requires transitively.
 */
module dev.printernizer.testkit {
  requires transitive dev.printernizer.core;
  requires transitive dev.printernizer.simulators;
  requires transitive org.junit.jupiter.api;

  exports dev.printernizer.testkit;
  exports dev.printernizer.testkit.example;
  exports dev.printernizer.testkit.fake;
  exports dev.printernizer.testkit.model;
  exports dev.printernizer.testkit.outbox;
  exports dev.printernizer.testkit.property;
}
