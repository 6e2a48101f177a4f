package dev.printernizer.spring.boot.health;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The engine's health for Spring Boot 3's Actuator ({@code /actuator/health/printernizer}); see
 * {@link PrinternizerHealth} for what is UP and DOWN. Used only on Boot 3, whose health types
 * are in {@code org.springframework.boot.actuate.health}. Thread-safe.
 *
 * @since 0.4
 */
public final class Boot3PrinternizerHealthIndicator implements HealthIndicator {
  private final PrinternizerHealth health;

  /** @param health the engine's health */
  public Boot3PrinternizerHealthIndicator(PrinternizerHealth health) {
    this.health = health;
  }

  @Override
  public Health health() {
    PrinternizerHealth.Report r = health.report();
    return (r.up() ? Health.up() : Health.down()).withDetails(r.details()).build();
  }
}
