/**
 * Printernizer printer simulators: a Bambu Lab printer (MQTT over TLS with its own CA) and a
 * PrusaLink printer (HTTP with Digest or API key, three flavours) on loopback, steered by tests
 * and by the reference server's demo mode. Depends on no test framework.
 */
module dev.printernizer.simulators {
  requires transitive dev.printernizer.core;
  requires jdk.httpserver;
  requires java.desktop; // the 3MF plate picture (ImageIO, headless)
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.provider;
  requires com.fasterxml.jackson.databind;
  requires org.java_websocket; // the Moonraker simulator's WebSocket server

  exports dev.printernizer.simulators;
}
