/** The Bambu Lab driver of Printernizer: LAN MQTT over verified TLS, on the HiveMQ client. */
@SuppressWarnings("requires-automatic") // HiveMQ ships an Automatic-Module-Name
module dev.printernizer.driver.bambu {
  requires transitive dev.printernizer.core;
  requires com.hivemq.client.mqtt;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires java.xml;

  exports dev.printernizer.driver.bambu;

  provides dev.printernizer.spi.PrinterDriverProvider
      with dev.printernizer.driver.bambu.BambuDriverProvider;
}
