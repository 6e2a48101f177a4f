/** A null-marked package with one deliberate nullness bug. */
@NullMarked
package it.canary;

import org.jspecify.annotations.NullMarked;
