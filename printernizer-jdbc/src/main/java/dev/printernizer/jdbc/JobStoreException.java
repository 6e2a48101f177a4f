package dev.printernizer.jdbc;

import org.jspecify.annotations.Nullable;

/**
 * The job store could not do what was asked: the database is unreachable, or its schema cannot
 * be used. The message says which; credentials of the data source never appear in it. The engine
 * treats it as a transient failure and retries.
 *
 * @since 0.1
 */
public final class JobStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed
   * @param cause the SQL failure
   * @since 0.1
   */
  public JobStoreException(@Nullable String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * @param message what failed
   * @since 0.1
   */
  public JobStoreException(String message) {
    super(message);
  }
}
