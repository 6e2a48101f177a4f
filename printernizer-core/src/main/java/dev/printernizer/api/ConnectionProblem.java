package dev.printernizer.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Why a printer cannot be reached, as its driver classified it: shown in
 * {@link PrinterStatus#problem()}, in the {@link PrinternizerEvent.PrinterConnectionProblem}
 * event, and in the reference server's API and web UI.
 *
 * <p>The detail is a short, user-facing sentence written by the driver (for example "the
 * certificate names serial 01S00A000000001, configured 01S00A000000002"). It never contains a
 * credential. Immutable and thread-safe.
 *
 * @param kind what went wrong
 * @param detail a short explanation for the user, never containing a secret
 * @param since when the printer first showed this kind of problem in the current outage
 * @param nextRetry when the driver tries again, or null if it does not know
 * @since 0.2
 */
public record ConnectionProblem(Kind kind, String detail, Instant since,
    @Nullable Instant nextRetry) {
  /** Detail texts are cut to this many characters. */
  public static final int MAX_DETAIL = 300;

  /**
   * The kinds of connection problem, each with a stable snake_case {@link #code()} for APIs.
   *
   * @since 0.2
   */
  public enum Kind {
    /** The printer refused the credentials (Bambu access code, PrusaLink key or password). */
    AUTHENTICATION_REFUSED("authentication_refused"),
    /** The printer's TLS certificate is not trusted, or names another printer. */
    CERTIFICATE_NOT_TRUSTED("certificate_not_trusted"),
    /** Nothing answers at the printer's address (refused, no route, unknown host). */
    UNREACHABLE("unreachable"),
    /** The printer accepted the connection but did not answer in time. */
    TIMED_OUT("timed_out"),
    /** The printer answered something that is not its protocol. */
    PROTOCOL_ERROR("protocol_error"),
    /** The printer sent a message larger than the driver accepts; the connection was dropped. */
    OVERSIZED_MESSAGE("oversized_message"),
    /** The printer refused the connection because it serves too many clients already. */
    CONNECTION_LIMIT("connection_limit");

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    /**
     * @return the stable snake_case name, e.g. {@code authentication_refused}
     * @since 0.2
     */
    public String code() {
      return code;
    }
  }

  /**
   * Validates the values; a detail longer than {@link #MAX_DETAIL} is cut.
   *
   * @param kind what went wrong
   * @param detail a short explanation for the user, never containing a secret
   * @param since when the printer first showed this kind of problem in the current outage
   * @param nextRetry when the driver tries again, or null
   * @throws NullPointerException if kind, detail or since is null
   */
  public ConnectionProblem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(since, "since");
    if (detail.length() > MAX_DETAIL) {
      detail = detail.substring(0, MAX_DETAIL - 1) + "\u2026";
    }
  }

  /**
   * @return when the driver tries again, if it knows
   * @since 0.2
   */
  public Optional<Instant> retryAt() {
    return Optional.ofNullable(nextRetry);
  }
}
