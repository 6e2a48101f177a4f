package dev.printernizer.notifiers.internal;

import java.net.URI;
import java.time.Duration;

/** The checks every destination's builder makes, with one wording. */
public final class Checks {
  /** Longest request timeout: well inside the dispatcher's 30 s lease. */
  public static final Duration MAX_TIMEOUT = Duration.ofSeconds(20);

  private Checks() {}

  /**
   * @param name a destination name
   * @return it, when it has 1-128 characters
   */
  public static String name(String name) {
    if (name.isEmpty() || name.length() > 128) {
      throw new IllegalArgumentException("a destination name has 1-128 characters");
    }
    return name;
  }

  /**
   * @param kind webhook, ntfy, spoolman
   * @param name the destination
   * @param url its address
   * @param example an address to show in the message
   * @return the URL, when it is absolute http(s) with a host
   */
  public static URI httpUrl(String kind, String name, URI url, String example) {
    if (!url.isAbsolute() || url.getHost() == null
        || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
      throw new IllegalArgumentException(kind + " " + name + ": the url must be an absolute"
          + " http:// or https:// address, e.g. " + example);
    }
    return url;
  }

  /**
   * @param kind webhook, ntfy, spoolman
   * @param name the destination
   * @param timeout a request timeout
   * @return it, when it is positive and at most {@link #MAX_TIMEOUT}
   */
  public static Duration timeout(String kind, String name, Duration timeout) {
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException(kind + " " + name + ": timeout must be 1 ms to 20 s");
    }
    return timeout;
  }
}
