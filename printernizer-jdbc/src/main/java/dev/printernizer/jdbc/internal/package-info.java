/**
 * Internal: SQL dialects, migrations and row mapping of the JDBC store. Not exported.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.jdbc.internal;

import org.jspecify.annotations.NullMarked;
