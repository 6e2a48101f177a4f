package dev.printernizer.outbox;

/**
 * Thrown by {@link Destination#deliver} when the receiver refused an entry for good (a 4xx that
 * retrying cannot change, say): the delivery becomes a dead letter at once.
 *
 * @since 0.4
 */
public class PermanentDeliveryFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message why, never containing a secret
   * @since 0.4
   */
  public PermanentDeliveryFailure(String message) {
    super(message);
  }
}
