/**
 * Spring Boot integration: {@link dev.printernizer.spring.boot.PrinternizerProperties} (the
 * {@code printernizer.*} properties), {@link dev.printernizer.spring.boot.PrinternizerApplicationEvent}
 * (engine events in the context) and two extension points,
 * {@link dev.printernizer.spring.boot.PrinternizerBuilderCustomizer} and
 * {@link dev.printernizer.spring.boot.JobStoreDecorator}. The auto-configuration itself is in
 * {@code dev.printernizer.spring.boot.autoconfigure}; see {@code docs/spring-boot.md}.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.spring.boot;

import org.jspecify.annotations.NullMarked;
