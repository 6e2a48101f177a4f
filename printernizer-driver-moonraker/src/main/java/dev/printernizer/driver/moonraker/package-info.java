/**
 * The Klipper driver: {@link dev.printernizer.driver.moonraker.MoonrakerDriverProvider} (type
 * {@code "moonraker"}), found by the service loader. See {@code docs/drivers/moonraker.md}.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.driver.moonraker;

import org.jspecify.annotations.NullMarked;
