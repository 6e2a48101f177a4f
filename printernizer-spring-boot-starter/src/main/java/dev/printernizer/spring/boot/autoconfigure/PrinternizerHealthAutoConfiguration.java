package dev.printernizer.spring.boot.autoconfigure;

import dev.printernizer.Printernizer;
import dev.printernizer.spring.boot.PrinternizerProperties;
import dev.printernizer.spring.boot.health.Boot3PrinternizerHealthIndicator;
import dev.printernizer.spring.boot.health.PrinternizerHealth;
import dev.printernizer.spring.boot.health.PrinternizerHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code printernizer} health indicator, for Spring Boot 4 ({@code spring-boot-health}) or
 * Spring Boot 3 ({@code spring-boot-actuator}), whichever the application has. Off with
 * {@code management.health.printernizer.enabled=false}.
 *
 * @since 0.4
 */
@AutoConfiguration(after = PrinternizerAutoConfiguration.class)
@ConditionalOnBean({Printernizer.class, PrinternizerLifecycle.class})
@ConditionalOnProperty(prefix = "management.health.printernizer", name = "enabled",
    matchIfMissing = true)
public class PrinternizerHealthAutoConfiguration {
  private static final String BOOT4 = "org.springframework.boot.health.contributor.HealthIndicator";
  private static final String BOOT3 = "org.springframework.boot.actuate.health.HealthIndicator";

  /** Created by Spring. */
  public PrinternizerHealthAutoConfiguration() {
  }

  /**
   * @param engine the engine
   * @param lifecycle its lifecycle
   * @param props the properties
   * @return the health reading shared by both adapters
   */
  @Bean
  @ConditionalOnMissingBean
  public PrinternizerHealth printernizerHealth(Printernizer engine,
      PrinternizerLifecycle lifecycle, PrinternizerProperties props) {
    return new PrinternizerHealth(engine, lifecycle::isRunning,
        props.getHealth().isDownOnPrinterProblem());
  }

  /** Spring Boot 4. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = BOOT4)
  static class Boot4Health {
    @Bean
    @ConditionalOnMissingBean(name = "printernizerHealthIndicator")
    PrinternizerHealthIndicator printernizerHealthIndicator(PrinternizerHealth health) {
      return new PrinternizerHealthIndicator(health);
    }
  }

  /** Spring Boot 3. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = BOOT3)
  @ConditionalOnMissingClass(BOOT4)
  static class Boot3Health {
    @Bean
    @ConditionalOnMissingBean(name = "printernizerHealthIndicator")
    Boot3PrinternizerHealthIndicator printernizerHealthIndicator(PrinternizerHealth health) {
      return new Boot3PrinternizerHealthIndicator(health);
    }
  }
}
