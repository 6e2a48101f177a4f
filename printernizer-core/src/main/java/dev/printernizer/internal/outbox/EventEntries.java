package dev.printernizer.internal.outbox;

import dev.printernizer.api.Job;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.outbox.OutboxEntry;
import dev.printernizer.outbox.OutboxEvent;
import dev.printernizer.outbox.OutboxRules;
import java.util.List;

/**
 * The entries of an engine event, for a store without an outbox: the same events and keys as
 * {@link OutboxRules} gives a store, derived from the event instead of the change.
 */
final class EventEntries {
  private EventEntries() {}

  static List<OutboxEntry> of(PrinternizerEvent event) {
    if (event instanceof PrinternizerEvent.JobAutoCreated) {
      Job j = ((PrinternizerEvent.JobAutoCreated) event).job();
      return OutboxRules.changes(null, j, event.at());
    }
    if (event instanceof PrinternizerEvent.JobAdopted) {
      Job j = ((PrinternizerEvent.JobAdopted) event).job();
      return OutboxRules.changes(j.toBuilder().run(null).tracking(
          dev.printernizer.api.Tracking.planned()).build(), j, event.at());
    }
    if (event instanceof PrinternizerEvent.JobStatusChanged) {
      PrinternizerEvent.JobStatusChanged c = (PrinternizerEvent.JobStatusChanged) event;
      return c.from() == c.job().status() ? List.of() : List.of(single(c.job(),
          c.job().status() == JobStatus.PAUSED ? OutboxEvent.JOB_PAUSED : OutboxEvent.JOB_RESUMED,
          event));
    }
    if (event instanceof PrinternizerEvent.JobClosed) {
      Job j = ((PrinternizerEvent.JobClosed) event).job();
      return List.of(single(j, OutboxEvent.closing(j.status()), event));
    }
    if (event instanceof PrinternizerEvent.PrinterConnectionProblem) {
      PrinternizerEvent.PrinterConnectionProblem p =
          (PrinternizerEvent.PrinterConnectionProblem) event;
      return p.problem() == null ? List.of()
          : List.of(OutboxRules.connectionProblem(p.printerId(), p.problem(), p.at()));
    }
    return List.of();
  }

  private static OutboxEntry single(Job j, OutboxEvent e, PrinternizerEvent event) {
    return new OutboxEntry(0, j.id() + ":" + e.wireName() + ":" + j.version(), e, event.at(),
        j.printerId(), j.id(), j.version(),
        e.closesJob() ? j.tracking().closeReason().orElse(null) : null);
  }
}
