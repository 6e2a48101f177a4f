/**
 * Printernizer for Home Assistant: {@link dev.printernizer.homeassistant.HomeAssistantBridge}
 * makes every printer a Home Assistant device through MQTT discovery (HiveMQ client).
 */
@SuppressWarnings("requires-automatic") // HiveMQ ships an Automatic-Module-Name
module dev.printernizer.homeassistant {
  requires transitive dev.printernizer.core;
  requires com.hivemq.client.mqtt;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.printernizer.homeassistant;
}
