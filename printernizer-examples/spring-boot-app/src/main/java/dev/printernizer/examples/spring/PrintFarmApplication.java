package dev.printernizer.examples.spring;

import dev.printernizer.Printernizer;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.spring.boot.PrinternizerApplicationEvent;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A print farm service: printers and the database come from application.yaml, the starter
 * builds and starts the engine, jobs appear by themselves. Health at /actuator/health, metrics at
 * /actuator/metrics/printernizer.jobs.started.
 */
@SpringBootApplication
@RestController
public class PrintFarmApplication {
  private static final Logger LOG = LoggerFactory.getLogger(PrintFarmApplication.class);

  private final Printernizer printernizer;

  public PrintFarmApplication(Printernizer printernizer) {
    this.printernizer = printernizer;
  }

  public static void main(String[] args) {
    SpringApplication.run(PrintFarmApplication.class, args);
  }

  /** The newest jobs, as the farm's dashboard shows them. */
  @GetMapping("/jobs")
  public List<Map<String, Object>> jobs() {
    return printernizer.jobs(JobQuery.all()).stream().map(PrintFarmApplication::row).toList();
  }

  /** Each printer with its state and current job. */
  @GetMapping("/printers")
  public List<Map<String, Object>> printers() {
    return printernizer.printers().stream().map(s -> Map.<String, Object>of(
        "id", s.config().id().value(), "state", s.state().name(),
        "job", s.currentJob() == null ? "" : s.currentJob().id())).toList();
  }

  /** Engine events arrive as Spring events, in order, off the printers' threads. */
  @EventListener
  public void on(PrinternizerApplicationEvent e) {
    if (e.event() instanceof PrinternizerEvent.JobAutoCreated created) {
      LOG.info("new print on {}: {}", created.printerName(), created.job().name());
    } else if (e.event() instanceof PrinternizerEvent.JobClosed closed) {
      LOG.info("print {} ended: {}", closed.job().name(), closed.job().status());
    }
  }

  private static Map<String, Object> row(Job j) {
    return Map.of("id", j.id(), "printer", j.printerId().value(), "name", j.name(),
        "status", j.status().name(), "autoCreated", j.autoCreated());
  }
}
