package dev.printernizer.testkit.model;

import dev.printernizer.api.Job;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.api.RunLink;
import dev.printernizer.spi.PastPrint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The printers' own history in the printer world: what the printer with job ids lists when the
 * engine reads it for backfill, and where each imported past print belongs.
 */
final class WorldHistory {
  private WorldHistory() {}

  /**
   * The printer's own history, as the engine reads it on a (re)connect: the runs that ended
   * FINISHED, FAILED or CANCELLED since the horizon (a run lost to power has no outcome). The
   * engine imports each once, under the same rules as a live print, so each listed run becomes
   * eligible when auto-creation is on for the printer and it is not a skipped system print.
   */
  static List<PastPrint> pastPrints(PrinterWorld w, SimPrinter p, Instant since) {
    List<PastPrint> out = new ArrayList<>();
    for (SimRun r : w.runs) {
      Instant end = r.printerEnd;
      PrinterState how = r.outcome;
      if (r.printer != p || !r.ended || how == null || end == null || r.jobId == null
          || r.printerStart.isBefore(since)) {
        continue;
      }
      JobStatus outcome = how == PrinterState.FINISHED ? JobStatus.COMPLETED
          : how == PrinterState.FAILED ? JobStatus.FAILED : JobStatus.CANCELLED;
      out.add(new PastPrint(r.jobId, r.system ? "/usr/etc/print/" + r.base
          + ".gcode" : p.fileName(r.base), r.printerStart,
          end.isBefore(r.printerStart) ? r.printerStart : end, outcome, null));
      if (w.enabled(p) && !(r.system && w.settings.skipSystemJobs())) {
        r.eligible = true;
      }
    }
    return out;
  }

  /** A past print imported from a printer's history: it belongs to the run of that job id. */
  static void backfilled(PrinterWorld w, PrinternizerEvent.JobAutoCreated a) {
    Job job = a.job();
    String printerJobId = job.run().map(RunLink::printerJobId)
        .orElse(null);
    SimRun match = null;
    for (SimRun r : w.runs) {
      if (r.printer.id.equals(a.printerId()) && Objects.equals(r.jobId, printerJobId)) {
        match = r;
      }
    }
    w.autoCreatedEvents++;
    w.expectedStartupFlag.put(job.id(), false);
    if (a.discoveredOnStartup()) {
      w.eventErrors.add("startup flag: backfilled job " + job.id() + " is flagged discovered on"
          + " startup; a past print never is");
    }
    if (match == null) {
      w.orphanEvents.add("backfilled " + job + " for a printer job id no run had");
      return;
    }
    w.jobRun.put(job.id(), match.id);
    match.jobs.add(job.id());
  }
}
