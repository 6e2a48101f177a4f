/**
 * Printers as Home Assistant devices through MQTT discovery: {@link
 * dev.printernizer.homeassistant.HomeAssistantBridge}.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.homeassistant;

import org.jspecify.annotations.NullMarked;
