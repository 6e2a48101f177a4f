/**
 * Printernizer testkit: compatibility kits, the property-based harness, the printer-world model,
 * fakes and printer simulators for integrators' tests.
 */
module dev.printernizer.testkit {
  requires transitive dev.printernizer.core;
  requires transitive org.junit.jupiter.api;
  requires jdk.httpserver;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.provider;
  requires com.fasterxml.jackson.databind;

  exports dev.printernizer.testkit;
  exports dev.printernizer.testkit.example;
  exports dev.printernizer.testkit.fake;
  exports dev.printernizer.testkit.model;
  exports dev.printernizer.testkit.property;
  exports dev.printernizer.testkit.sim;
}
