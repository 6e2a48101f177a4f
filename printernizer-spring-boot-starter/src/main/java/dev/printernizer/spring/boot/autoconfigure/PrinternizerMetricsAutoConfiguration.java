package dev.printernizer.spring.boot.autoconfigure;

import dev.printernizer.Printernizer;
import dev.printernizer.micrometer.PrinternizerMetrics;
import dev.printernizer.micrometer.TimedJobStore;
import dev.printernizer.spring.boot.JobStoreDecorator;
import dev.printernizer.spring.boot.PrinternizerProperties;
import dev.printernizer.spi.JobStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link PrinternizerMetrics} (a {@code MeterBinder}: Spring Boot binds it to the
 * application's registry) and times the job store's calls with {@link TimedJobStore}, when
 * printernizer-micrometer and Micrometer are on the class path. Printer tags with
 * {@code printernizer.metrics.printer-tags=true}; store timing off with
 * {@code printernizer.metrics.store-timing=false}.
 *
 * @since 0.4
 */
@AutoConfiguration(after = PrinternizerAutoConfiguration.class)
@ConditionalOnClass({PrinternizerMetrics.class, MeterRegistry.class})
@ConditionalOnBean(Printernizer.class)
public class PrinternizerMetricsAutoConfiguration {
  /** Created by Spring. */
  public PrinternizerMetricsAutoConfiguration() {
  }

  /**
   * @param engine the engine
   * @param props the properties
   * @return the binder
   */
  @Bean
  @ConditionalOnMissingBean
  public PrinternizerMetrics printernizerMetrics(Printernizer engine,
      PrinternizerProperties props) {
    return new PrinternizerMetrics(engine, props.getMetrics().isPrinterTags());
  }

  /**
   * Times the job store's calls. The engine is built before Boot binds meters (the binder above
   * needs the engine), so the timing records into a registry of its own, joined to the
   * application's registry when Boot binds it.
   *
   * @return a store decorator that is also a {@code MeterBinder}
   */
  @Bean
  @ConditionalOnProperty(prefix = "printernizer.metrics", name = "store-timing",
      matchIfMissing = true)
  public StoreTiming printernizerStoreTiming() {
    return new StoreTiming();
  }

  /**
   * Times the job store through a registry of its own, which joins the application's registry
   * when Spring Boot binds this binder.
   */
  public static final class StoreTiming implements JobStoreDecorator, MeterBinder {
    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();

    StoreTiming() {
    }

    @Override
    public JobStore decorate(JobStore store) {
      return new TimedJobStore(store, registry);
    }

    @Override
    public void bindTo(MeterRegistry target) {
      registry.add(target);
    }
  }
}
