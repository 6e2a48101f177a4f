package dev.printernizer.testkit.property;

/**
 * A property failed. The message is a bug report: the seed, how to replay it, the shrunk
 * example (or step sequence) and the failure.
 *
 * @since 0.1
 */
public final class PropertyFailure extends AssertionError {
  private static final long serialVersionUID = 1L;
  /** @serial the seed that replays the failure */
  private final long seed;
  /** @serial the shrunk example, one step or value per line */
  private final String example;

  PropertyFailure(String message, long seed, String example, Throwable cause) {
    super(message, cause);
    this.seed = seed;
    this.example = example;
  }

  /**
   * @return the seed that reproduces the failure
   * @since 0.1
   */
  public long seed() {
    return seed;
  }

  /**
   * @return the shrunk example, as printed
   * @since 0.1
   */
  public String example() {
    return example;
  }
}
