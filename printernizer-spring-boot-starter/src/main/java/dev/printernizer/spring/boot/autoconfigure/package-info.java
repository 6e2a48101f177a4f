/**
 * The auto-configuration: {@link dev.printernizer.spring.boot.autoconfigure.PrinternizerAutoConfiguration},
 * {@link dev.printernizer.spring.boot.autoconfigure.PrinternizerHealthAutoConfiguration} and
 * {@link dev.printernizer.spring.boot.autoconfigure.PrinternizerMetricsAutoConfiguration},
 * listed in {@code META-INF/spring/...AutoConfiguration.imports}. Applications do not refer to
 * these classes except to exclude one.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
