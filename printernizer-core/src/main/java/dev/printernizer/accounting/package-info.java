/**
 * Job accounting: {@link dev.printernizer.accounting.CostSettings} holds the prices (filament,
 * electricity, wear, currency) as live settings, and {@link dev.printernizer.accounting.CostCalculator}
 * turns a closed job and a printer's {@link dev.printernizer.api.CostRates} into a
 * {@link dev.printernizer.api.JobCost}. The engine records the cost when a job closes; see
 * {@code docs/accounting.md}.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.accounting;

import org.jspecify.annotations.NullMarked;
