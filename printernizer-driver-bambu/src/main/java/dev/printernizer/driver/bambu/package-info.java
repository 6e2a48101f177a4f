/**
 * The Bambu Lab driver (LAN MQTT over verified TLS), found through its provider.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.driver.bambu;

import org.jspecify.annotations.NullMarked;
