package dev.printernizer.spring.boot.health;

import dev.printernizer.Printernizer;
import dev.printernizer.api.ConnectionProblem;
import dev.printernizer.api.Job;
import dev.printernizer.api.PrinterStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The engine's health, independent of the Actuator version: DOWN when the engine is not running
 * or a printer's jobs cannot be written (the store is failing), and, only when asked, when a
 * printer cannot be reached; UP otherwise. The details list every printer with its state, its
 * connection problem (with the reason), its store failure and its current job, plus the open
 * jobs and failed engine tasks. Read on the caller's thread from the engine's in-memory view (no
 * store or printer I/O). Thread-safe.
 *
 * @since 0.4
 */
public final class PrinternizerHealth {
  private final Printernizer engine;
  private final BooleanSupplier running;
  private final boolean downOnPrinterProblem;

  /**
   * @param engine the engine
   * @param running whether the engine is running (its lifecycle)
   * @param downOnPrinterProblem whether an unreachable printer is DOWN
   */
  public PrinternizerHealth(Printernizer engine, BooleanSupplier running,
      boolean downOnPrinterProblem) {
    this.engine = engine;
    this.running = running;
    this.downOnPrinterProblem = downOnPrinterProblem;
  }

  /**
   * @return "UP" or "DOWN" and the details
   */
  public Report report() {
    Map<String, Object> details = new LinkedHashMap<>();
    boolean up = running.getAsBoolean();
    details.put("engine", up ? "running" : "stopped");
    Map<String, Object> printers = new LinkedHashMap<>();
    int open = 0;
    int problems = 0;
    for (PrinterStatus s : engine.printers()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("state", s.state().name().toLowerCase(java.util.Locale.ROOT));
      p.put("connected", s.connected());
      ConnectionProblem problem = s.connectionProblem().orElse(null);
      if (problem != null) {
        p.put("problem", problem.toString());
        problems++;
        if (downOnPrinterProblem) {
          up = false;
        }
      }
      String storeFailure = s.storeFailure().orElse(null);
      if (storeFailure != null) {
        p.put("storeFailure", storeFailure);
        up = false;
      }
      Job job = s.currentJob();
      if (job != null) {
        p.put("currentJob", job.id());
        open++;
      }
      printers.put(s.config().id().value(), p);
    }
    details.put("openJobs", open);
    details.put("printerProblems", problems);
    details.put("failedTasks", engine.failedTasks());
    details.put("printers", printers);
    return new Report(up, details);
  }

  /**
   * One reading.
   *
   * @param up whether the engine is healthy
   * @param details what the health endpoint shows
   */
  public record Report(boolean up, Map<String, Object> details) {
  }
}
