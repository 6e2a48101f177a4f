package it.canary;

/** Returns null from a method whose return type is not {@code @Nullable}: NullAway must refuse. */
public final class Broken {
  private Broken() {}

  /**
   * The bug.
   *
   * @param name a name
   * @return null, although the signature promises a string
   */
  public static String nameOrNull(String name) {
    return name.isEmpty() ? null : name;
  }
}
