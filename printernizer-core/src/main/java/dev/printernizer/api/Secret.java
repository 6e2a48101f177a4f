package dev.printernizer.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A credential (LAN access code, password, API key) that never prints itself.
 *
 * <p>{@link #toString()} always returns {@code "******"}; the value is only available through
 * {@link #reveal()}, which drivers call at the moment they authenticate. Instances are immutable.
 *
 * @since 0.1
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps a credential.
   *
   * @param value the credential; must not be empty
   * @return the secret
   * @throws IllegalArgumentException if {@code value} is empty
   * @since 0.1
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "secret");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    return new Secret(value);
  }

  /**
   * @return the credential in clear text; never log it
   * @since 0.1
   */
  public String reveal() {
    return value;
  }

  /**
   * Constant-time comparison with a candidate value, for servers and simulators that check
   * credentials.
   *
   * @param candidate the value to compare
   * @return whether they are equal
   * @since 0.1
   */
  public boolean matches(String candidate) {
    return java.security.MessageDigest.isEqual(
        value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        candidate.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret && ((Secret) o).matches(value);
  }

  @Override
  public int hashCode() {
    return 1;
  }

  /** @return always {@code "******"} */
  @Override
  public String toString() {
    return "******";
  }
}
