package dev.printernizer;

/**
 * The engine cannot be built or started as configured (no job store, several job stores, a
 * printer type without a driver). The message says what is wrong and how to fix it.
 *
 * @since 0.1
 */
public final class PrinternizerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong and how to fix it
   * @since 0.1
   */
  public PrinternizerException(String message) {
    super(message);
  }
}
