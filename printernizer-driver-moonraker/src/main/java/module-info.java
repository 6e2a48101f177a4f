/** The Klipper driver of Printernizer: Moonraker's WebSocket JSON-RPC API over Netty. */
module dev.printernizer.driver.moonraker {
  requires transitive dev.printernizer.core;
  requires java.net.http;
  requires io.netty.buffer;
  requires io.netty.codec;
  requires io.netty.codec.http;
  requires io.netty.common;
  requires io.netty.handler;
  requires io.netty.transport;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.printernizer.driver.moonraker;

  provides dev.printernizer.spi.PrinterDriverProvider
      with dev.printernizer.driver.moonraker.MoonrakerDriverProvider;
}
