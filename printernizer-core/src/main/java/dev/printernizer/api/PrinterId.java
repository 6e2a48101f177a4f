package dev.printernizer.api;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The identity of one printer inside a Printernizer instance, chosen by the host application
 * (for example {@code "bambu-x1c-1"} or the printer's serial).
 *
 * <p>An id is 1 to 128 characters of letters, digits, {@code '.'}, {@code '_'}, {@code '-'} and
 * {@code ':'}. Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class PrinterId implements Comparable<PrinterId> {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private final String value;

  private PrinterId(String value) {
    this.value = value;
  }

  /**
   * Returns the id for {@code value}.
   *
   * @param value the id text
   * @return the id
   * @throws IllegalArgumentException if the text is empty, longer than 128 characters or holds
   *     other characters than letters, digits, '.', '_', '-' and ':'
   * @since 0.1
   */
  public static PrinterId of(String value) {
    Objects.requireNonNull(value, "printer id");
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "invalid printer id '" + value + "': use 1-128 letters, digits, '.', '_', '-' or ':'");
    }
    return new PrinterId(value);
  }

  /**
   * @return the id text
   * @since 0.1
   */
  public String value() {
    return value;
  }

  @Override
  public int compareTo(PrinterId o) {
    return value.compareTo(o.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrinterId && ((PrinterId) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
