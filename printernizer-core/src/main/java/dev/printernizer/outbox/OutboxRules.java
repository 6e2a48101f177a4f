package dev.printernizer.outbox;

import dev.printernizer.api.ConnectionProblem;
import dev.printernizer.api.Detection;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.RunLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which outbox entries a change writes: the one definition every job store uses, so that all
 * stores (and all instances sharing one) write the same entries with the same keys.
 *
 * <ul>
 *   <li>a job created for a run: {@link OutboxEvent#JOB_AUTO_CREATED}, and its closing event
 *       when it was recorded closed (a print that ended while the store was down);</li>
 *   <li>a planned job linked to a run: {@link OutboxEvent#JOB_ADOPTED};</li>
 *   <li>running to paused and back: {@link OutboxEvent#JOB_PAUSED} / {@link
 *       OutboxEvent#JOB_RESUMED};</li>
 *   <li>an open job closed: {@link OutboxEvent#closing} of its status;</li>
 *   <li>a closed job whose filament use became known: {@link OutboxEvent#FILAMENT_USED}, once
 *       per job (its key has no version), except for a past print imported from a printer's
 *       history ({@link Detection#BACKFILL}: its spool is unknown);</li>
 *   <li>nothing for manual jobs without a run, business fields, costs or deletions.</li>
 * </ul>
 *
 * @since 0.4
 */
public final class OutboxRules {
  private OutboxRules() {}

  /**
   * The entries a write to a job makes.
   *
   * @param before the job before the write, or null when it was created
   * @param after the job after the write, or null when it was deleted
   * @param at when the store records it
   * @return the entries (sequence 0), in the order to write them
   * @since 0.4
   */
  public static List<OutboxEntry> changes(@Nullable Job before, @Nullable Job after, Instant at) {
    if (after == null || after.run().isEmpty()) {
      return List.of();
    }
    List<OutboxEntry> out = new ArrayList<>(2);
    RunLink run = after.run().get();
    if (before == null) {
      out.add(entry(after, OutboxEvent.JOB_AUTO_CREATED, at,
          run.detection() == Detection.LIVE ? null : "detected_on_" + run.detection().name()
              .toLowerCase(java.util.Locale.ROOT)));
      if (after.status().isClosed()) {
        out.add(closing(after, at));
      }
    } else {
      if (before.run().isEmpty()) {
        out.add(entry(after, OutboxEvent.JOB_ADOPTED, at, null));
      }
      JobStatus from = before.status();
      JobStatus to = after.status();
      if (from == JobStatus.RUNNING && to == JobStatus.PAUSED) {
        out.add(entry(after, OutboxEvent.JOB_PAUSED, at, null));
      } else if (from == JobStatus.PAUSED && to == JobStatus.RUNNING) {
        out.add(entry(after, OutboxEvent.JOB_RESUMED, at, null));
      } else if (!from.isClosed() && to.isClosed()) {
        out.add(closing(after, at));
      }
    }
    // a past print imported from the printer's history is never charged to a spool: which spool
    // it used is unknown days later, and the printer's host may have charged it already
    if (after.status().isClosed() && after.filamentUsed().isPresent()
        && run.detection() != Detection.BACKFILL && (before == null || !before.status().isClosed() || before.filamentUsed().isEmpty())) {
      out.add(new OutboxEntry(0, after.id() + ":" + OutboxEvent.FILAMENT_USED.wireName(),
          OutboxEvent.FILAMENT_USED, at, after.printerId(), after.id(), after.version(), null));
    }
    return out;
  }

  /**
   * The entry for a printer that could no longer be reached while it printed a tracked job: one
   * per job and outage, keyed by the number of gaps the job had recorded before it.
   *
   * @param openJob the printer's open job
   * @param at when the connection was lost
   * @return the entry
   * @since 0.4
   */
  public static OutboxEntry offlineMidPrint(Job openJob, Instant at) {
    int outage = openJob.tracking().gaps().size() + 1;
    return new OutboxEntry(0, openJob.id() + ":" + OutboxEvent.PRINTER_OFFLINE_MID_PRINT
        .wireName() + ":" + outage, OutboxEvent.PRINTER_OFFLINE_MID_PRINT, at,
        openJob.printerId(), openJob.id(), openJob.version(), null);
  }

  /**
   * The entry for a printer's connection problem: one per printer, kind of problem and minute
   * the problem began (instances that share a store and see the same outage write it once).
   *
   * @param printer the printer
   * @param problem what is wrong
   * @param at when it was reported
   * @return the entry
   * @since 0.4
   */
  public static OutboxEntry connectionProblem(PrinterId printer, ConnectionProblem problem,
      Instant at) {
    String key = "printer:" + printer.value() + ":" + OutboxEvent.PRINTER_CONNECTION_PROBLEM
        .wireName() + ":" + problem.kind().code() + ":" + problem.since().getEpochSecond() / 60;
    return new OutboxEntry(0, key, OutboxEvent.PRINTER_CONNECTION_PROBLEM, at, printer, null, 0,
        problem.kind().code() + ": " + problem.detail());
  }

  private static OutboxEntry closing(Job j, Instant at) {
    return entry(j, OutboxEvent.closing(j.status()), at, j.tracking().closeReason().orElse(null));
  }

  private static OutboxEntry entry(Job j, OutboxEvent e, Instant at, @Nullable String detail) {
    return new OutboxEntry(0, j.id() + ":" + e.wireName() + ":" + j.version(), e, at,
        j.printerId(), j.id(), j.version(), detail);
  }
}
