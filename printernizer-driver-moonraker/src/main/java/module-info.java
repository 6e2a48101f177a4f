/** The Klipper driver of Printernizer: Moonraker's WebSocket JSON-RPC API, the JDK's client. */
module dev.printernizer.driver.moonraker {
  requires transitive dev.printernizer.core;
  requires java.net.http;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.printernizer.driver.moonraker;

  provides dev.printernizer.spi.PrinterDriverProvider
      with dev.printernizer.driver.moonraker.MoonrakerDriverProvider;
}
