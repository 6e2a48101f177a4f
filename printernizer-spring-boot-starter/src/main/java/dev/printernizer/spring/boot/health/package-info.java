/**
 * Actuator health of the engine: {@link dev.printernizer.spring.boot.health.PrinternizerHealth}
 * and its adapters for Spring Boot 4 and Spring Boot 3.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.spring.boot.health;

import org.jspecify.annotations.NullMarked;
