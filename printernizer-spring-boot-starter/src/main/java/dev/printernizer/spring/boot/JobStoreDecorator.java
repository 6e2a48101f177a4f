package dev.printernizer.spring.boot;

import dev.printernizer.spi.JobStore;

/**
 * Wraps the job store before the engine gets it (for example to time its calls, as the
 * Micrometer auto-configuration does with {@code TimedJobStore}). Every bean of this type is
 * applied, in {@code @Order}; the wrapper must forward every method, including
 * {@code outbox()} and {@code close()}.
 *
 * @since 0.4
 */
@FunctionalInterface
public interface JobStoreDecorator {
  /**
   * @param store the store (possibly already wrapped)
   * @return the store the engine uses
   */
  JobStore decorate(JobStore store);
}
