package dev.printernizer.testkit.model;

import dev.printernizer.api.Job;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.PrinterStatus;
import dev.printernizer.testkit.model.PrinterWorld.ManualJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The invariants of the printer-world model, checked after every step against the store: at most
 * one open job per printer (1), one job per eligible run and none for others (2), jobs and runs
 * one to one (3), closed jobs unchanged and never ending before they start (4), one notification
 * per auto-created job (5), plus outcomes, the startup flag and adoption. Reads the world; changes
 * nothing but the world's memory of closed jobs.
 */
final class WorldInvariants {
  private final PrinterWorld w;

  WorldInvariants(PrinterWorld w) {
    this.w = w;
  }

  void check() {
    if (w.engine.failedTasks() > w.failedBefore) {
      throw new AssertionError("the w.engine threw " + (w.engine.failedTasks() - w.failedBefore)
          + " unexpected exception(s) (see the ERROR log above)");
    }
    List<Job> jobs = w.allJobs();
    if (!w.eventErrors.isEmpty()) {
      throw new AssertionError(w.eventErrors.get(0));
    }
    if (!w.orphanEvents.isEmpty()) {
      throw new AssertionError("invariant 2: job(s) for a run that never happened: "
          + w.orphanEvents);
    }
    // a print file description, once linked, is the one of its own job
    for (Job j : jobs) {
      j.printFile().ifPresent(f -> {
        if (!f.equals(PrinterWorld.describe(j))) {
          throw new AssertionError("print file: job " + j.id() + " holds " + f
              + ", which describes another job");
        }
      });
    }
    // 1. at most one open job per printer
    Map<PrinterId, List<Job>> open = new HashMap<>();
    for (Job j : jobs) {
      if (j.status().isOpen()) {
        open.computeIfAbsent(j.printerId(), k -> new ArrayList<>()).add(j);
      }
    }
    for (Map.Entry<PrinterId, List<Job>> e : open.entrySet()) {
      if (e.getValue().size() > 1) {
        throw new AssertionError("invariant 1: printer " + e.getKey() + " has "
            + e.getValue().size() + " open jobs: " + e.getValue());
      }
    }
    // 2 + 3. every eligible run has exactly one job, others none; a job belongs to one run
    Set<String> linked = new HashSet<>();
    for (Job j : jobs) {
      if (j.run().isPresent()) {
        linked.add(j.id());
        if (!w.jobRun.containsKey(j.id())) {
          throw new AssertionError("invariant 2: job " + j + " was never announced for a run");
        }
      }
    }
    for (SimRun r : w.runs) {
      int n = r.jobs.size();
      if (r.eligible && n != 1) {
        throw new AssertionError("invariant 2: run #" + r.id + " (" + r + ") should have exactly"
            + " one job, has " + n + ": " + r.jobs);
      }
      if (!r.eligible && n != 0) {
        throw new AssertionError("invariant 2: run #" + r.id + " (" + r + ") was never printed"
            + " while auto-creation was on for its printer, yet has job(s) " + r.jobs);
      }
      for (String id : r.jobs) {
        if (!linked.contains(id)) {
          throw new AssertionError("invariant 3: job " + id + " of run #" + r.id
              + " is missing or not linked to a run in the w.store");
        }
      }
    }
    for (SimPrinter p : w.printers) {
      SimRun r = p.engineView;
      PrinterStatus st = w.engine.printer(p.id).orElseThrow();
      Job current = st.currentJob();
      if (current != null && r != null && !r.jobs.contains(current.id())) {
        throw new AssertionError("invariant 3: printer " + p.id + " prints run #" + r.id
            + " but the w.engine tracks job " + current + " of run #" + w.jobRun.get(current.id()));
      }
    }
    // 4. end never before start; a closed job stays closed and unchanged
    for (Job j : jobs) {
      if (j.tracking().endTime().isPresent() && j.tracking().startTime().isPresent()
          && j.tracking().endTime().get().isBefore(j.tracking().startTime().get())) {
        throw new AssertionError("invariant 4: job ends before it starts: " + j);
      }
      Job before = w.closedJobs.get(j.id());
      if (before != null && !before.tracking().equals(j.tracking())) {
        throw new AssertionError("invariant 4: closed job changed: was " + before.tracking()
            + ", now " + j.tracking());
      }
      if (j.status().isClosed()) {
        w.closedJobs.putIfAbsent(j.id(), j);
      }
    }
    checkOutcomes(jobs);
    checkStartupFlags(jobs);
    checkAdoption(jobs);
    // 5. one notification per auto-created job
    long auto = jobs.stream().filter(Job::autoCreated).count();
    if (auto != w.autoCreatedEvents) {
      throw new AssertionError("invariant 5: " + auto + " auto-created jobs but "
          + w.autoCreatedEvents + " job_auto_created notifications");
    }
  }

  /**
   * Outcomes: a job is closed completed, failed or cancelled only if its run physically ended
   * that way; a run that ended without an outcome (aborted to idle, power loss) or is still
   * running has an open or interrupted job.
   */
  private void checkOutcomes(List<Job> jobs) {
    Map<String, Job> byId = new HashMap<>();
    jobs.forEach(j -> byId.put(j.id(), j));
    for (SimRun r : w.runs) {
      for (String id : r.jobs) {
        Job j = byId.get(id);
        if (j == null || !j.status().isClosed() || j.status() == JobStatus.INTERRUPTED) {
          continue;
        }
        JobStatus truth = !r.ended || r.outcome == null ? null
            : r.outcome == PrinterState.FINISHED ? JobStatus.COMPLETED
            : r.outcome == PrinterState.FAILED ? JobStatus.FAILED : JobStatus.CANCELLED;
        if (j.status() != truth) {
          throw new AssertionError("outcome: run #" + r.id + " " + (r.ended
              ? "ended " + (r.outcome == null ? "without an outcome" : r.outcome)
              : "is still printing") + ", but its job was closed " + j.status() + ": " + j);
        }
      }
    }
  }

  /** The stored startup flag of every auto-created job is the one the world expects. */
  private void checkStartupFlags(List<Job> jobs) {
    for (Job j : jobs) {
      Boolean want = w.expectedStartupFlag.get(j.id());
      if (want != null && j.autoCreated() && j.run().isPresent()
          && j.run().get().discoveredOnStartup() != want) {
        throw new AssertionError("startup flag: the w.store keeps discovered_on_startup="
            + j.run().get().discoveredOnStartup() + " for job " + j + ", announced " + want);
      }
    }
  }

  /**
   * Adoption (P8): a run the w.engine saw start never gets an auto-created job while a manual job
   * for its printer and file, created within the dedup window before that job, is still waiting.
   */
  private void checkAdoption(List<Job> jobs) {
    Map<String, Job> byId = new HashMap<>();
    jobs.forEach(j -> byId.put(j.id(), j));
    Duration window = w.settings.dedupWindow();
    for (SimRun r : w.runs) {
      if (r.engineSawStartAt == null || r.system) {
        continue;
      }
      for (String id : r.jobs) {
        Job j = byId.get(id);
        if (j == null || !j.autoCreated() || j.run().isEmpty()
            || j.run().get().detection() != dev.printernizer.api.Detection.LIVE) {
          continue;
        }
        for (ManualJob m : w.manualJobs) {
          Job now = byId.get(m.id);
          boolean waiting = now != null && now.status() == JobStatus.PLANNED;
          if (waiting && m.printer.equals(r.printer.id) && m.normFile.equals(PrinterWorld.normalize(r.base))
              && !m.createdAt.isAfter(j.createdAt())
              && !m.createdAt.isBefore(r.engineSawStartAt.minus(window))
              && !m.createdAt.isAfter(r.engineSawStartAt.plus(window))) {
            throw new AssertionError("adoption: run #" + r.id + " got auto-created job " + j
                + " while manual job " + m.id + " (created " + m.createdAt + ") was waiting");
          }
        }
      }
    }
  }
}
