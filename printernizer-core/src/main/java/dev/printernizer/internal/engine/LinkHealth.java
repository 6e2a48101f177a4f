package dev.printernizer.internal.engine;

import dev.printernizer.api.ConnectionProblem;
import dev.printernizer.api.PrinterId;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a printer's driver said about its link: the typed connection problem of the current outage
 * and the unreadable answers it skipped, each kind logged once per connection so a printer
 * sending garbage cannot flood the log. Confined to the printer's lane.
 */
final class LinkHealth {
  private static final Logger LOG = LoggerFactory.getLogger(LinkHealth.class);
  /** At most this many kinds of bad input are remembered per connection (the rest: DEBUG). */
  private static final int MAX_KINDS = 32;

  private final PrinterId id;
  private @Nullable ConnectionProblem problem;
  private long badInputs;
  private final Set<String> loggedKinds = new HashSet<>(2);

  LinkHealth(PrinterId id) {
    this.id = id;
  }

  /** @return the problem of the current outage, or null */
  @Nullable ConnectionProblem problem() {
    return problem;
  }

  long badInputs() {
    return badInputs;
  }

  /**
   * Records the driver's reason; logs it when its kind is new in this outage.
   *
   * @return whether the kind changed (an event is due)
   */
  boolean problem(Instant at, ConnectionProblem.Kind kind, String detail,
      @Nullable Instant retryAt) {
    ConnectionProblem before = problem;
    boolean changed = before == null || before.kind() != kind;
    if (changed) {
      LOG.warn("{}: {} ({}){}", id, detail, kind.code(),
          retryAt == null ? "" : "; retrying at " + retryAt);
    }
    problem = new ConnectionProblem(kind, detail, before == null || changed ? at : before.since(),
        retryAt);
    return changed;
  }

  /** Counts an unreadable answer; logs its kind at WARN the first time on this connection. */
  void badInput(String kind, @Nullable String detail) {
    badInputs++;
    if (loggedKinds.size() < MAX_KINDS && loggedKinds.add(kind)) {
      LOG.warn("{}: skipped an unreadable answer ({}): {}; further ones of this kind are only"
          + " counted until the printer reconnects", id, kind, detail);
    } else {
      LOG.debug("{}: skipped an unreadable answer ({}): {}", id, kind, detail);
    }
  }

  /** The connection was lost: the next connection logs each kind of bad input again. */
  void lost() {
    loggedKinds.clear();
  }

  /** A report arrived: the outage, and its problem, are over. */
  void reached() {
    problem = null;
  }
}
