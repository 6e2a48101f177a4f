/**
 * The JDBC job store: H2, SQLite, PostgreSQL, MariaDB/MySQL.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.jdbc;

import org.jspecify.annotations.NullMarked;
