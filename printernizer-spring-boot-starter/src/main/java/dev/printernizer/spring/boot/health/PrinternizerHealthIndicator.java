package dev.printernizer.spring.boot.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The engine's health for Spring Boot 4's Actuator ({@code /actuator/health/printernizer}); see
 * {@link PrinternizerHealth} for what is UP and DOWN. Thread-safe.
 *
 * @since 0.4
 */
public final class PrinternizerHealthIndicator implements HealthIndicator {
  private final PrinternizerHealth health;

  /** @param health the engine's health */
  public PrinternizerHealthIndicator(PrinternizerHealth health) {
    this.health = health;
  }

  @Override
  public Health health() {
    PrinternizerHealth.Report r = health.report();
    return (r.up() ? Health.up() : Health.down()).withDetails(r.details()).build();
  }
}
