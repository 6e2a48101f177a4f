package dev.printernizer.spring.boot.autoconfigure;

import dev.printernizer.Printernizer;
import dev.printernizer.accounting.CostSettings;
import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.jdbc.JdbcJobStore;
import dev.printernizer.outbox.Destination;
import dev.printernizer.spi.JobStore;
import dev.printernizer.spi.Notifier;
import dev.printernizer.spi.PrinterDriverProvider;
import dev.printernizer.spring.boot.JobStoreDecorator;
import dev.printernizer.spring.boot.PrinternizerBuilderCustomizer;
import dev.printernizer.spring.boot.PrinternizerProperties;
import dev.printernizer.store.InMemoryJobStore;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the engine from {@code printernizer.*} properties and the application's beans. Every
 * bean here is created only when the application has none of its type, so each can be replaced:
 *
 * <ul>
 *   <li>{@link JobStore}: a {@link JdbcJobStore} on the application's only {@link DataSource}
 *       when printernizer-jdbc is present (tables created or migrated when it is created), else
 *       an in-memory store, with a warning (jobs are lost at restart);
 *   <li>{@link AutoJobSettings} and {@link CostSettings} from the properties;
 *   <li>{@link Printernizer}, with the configured printers, every {@link Destination} bean
 *       (a destination bean must not depend on the engine), every {@link PrinterDriverProvider} bean (besides those the
 *       service loader finds), the {@link JobStoreDecorator}s and then the
 *       {@link PrinternizerBuilderCustomizer}s; engine events are republished as
 *       {@code PrinternizerApplicationEvent}s unless {@code printernizer.events.publish=false};
 *   <li>{@link PrinternizerLifecycle}, which registers every {@link Notifier} bean, starts the
 *       engine after the context is refreshed and closes it first on shutdown.
 * </ul>
 *
 * <p>Off with {@code printernizer.enabled=false}.
 *
 * @since 0.4
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration", // Boot 4
    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"}) // Boot 3
@ConditionalOnProperty(prefix = "printernizer", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(PrinternizerProperties.class)
public class PrinternizerAutoConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(PrinternizerAutoConfiguration.class);

  /** Created by Spring. */
  public PrinternizerAutoConfiguration() {
  }

  /**
   * @param props the properties
   * @return the settings from the properties (engine defaults where unset)
   */
  @Bean
  @ConditionalOnMissingBean
  public AutoJobSettings printernizerSettings(PrinternizerProperties props) {
    return PrinternizerConfigs.settings(props);
  }

  /**
   * @param props the properties
   * @return the prices from the properties
   */
  @Bean
  @ConditionalOnMissingBean
  public CostSettings printernizerCostSettings(PrinternizerProperties props) {
    return PrinternizerConfigs.costs(props);
  }

  /**
   * The fallback store, when the application has neither a job store nor a DataSource that
   * printernizer-jdbc could use.
   *
   * @return an in-memory store
   */
  @Bean
  @ConditionalOnMissingBean
  public JobStore printernizerJobStore() {
    LOG.warn("Printernizer: no DataSource for the job store (add printernizer-jdbc and a"
        + " DataSource, or a JobStore bean): jobs are kept in memory and lost at restart");
    return new InMemoryJobStore();
  }

  /**
   * @param props the properties
   * @param store the job store
   * @param settings the settings
   * @param costs the prices
   * @param decorators wrappers of the store
   * @param destinations outbox destination beans
   * @param drivers driver provider beans
   * @param customizers builder customizers
   * @param publisher the context, for the republished events
   * @return the engine, built but not started (the lifecycle starts it)
   */
  @Bean(destroyMethod = "") // closed by PrinternizerLifecycle, before the store's DataSource
  @ConditionalOnMissingBean
  public Printernizer printernizer(PrinternizerProperties props, JobStore store,
      AutoJobSettings settings, CostSettings costs, ObjectProvider<JobStoreDecorator> decorators,
      ObjectProvider<Destination> destinations,
      ObjectProvider<PrinterDriverProvider> drivers,
      ObjectProvider<PrinternizerBuilderCustomizer> customizers,
      ApplicationEventPublisher publisher) {
    JobStore used = store;
    for (JobStoreDecorator d : decorators.orderedStream().toList()) {
      used = d.decorate(used);
    }
    Printernizer.Builder b = Printernizer.builder().jobStore(used).settings(settings)
        .costSettings(costs);
    List<PrinterConfig> printers = PrinternizerConfigs.printers(props);
    printers.forEach(b::printer);
    destinations.orderedStream().forEach(b::destination);
    drivers.orderedStream().forEach(b::driverProvider);
    customizers.orderedStream().forEach(c -> c.customize(b));
    Printernizer engine;
    try {
      engine = b.build();
    } catch (RuntimeException e) {
      throw PrinternizerConfigs.named(e, printers);
    }
    if (props.getEvents().isPublish()) {
      var unused = engine.addNotifier(new EventPublishingNotifier(engine, publisher));
    }
    return engine;
  }

  /**
   * @param engine the engine
   * @param notifiers the application's notifier beans
   * @param beans the bean factory (which notifiers depend on the engine)
   * @return its lifecycle in the context
   */
  @Bean
  @ConditionalOnMissingBean
  public PrinternizerLifecycle printernizerLifecycle(Printernizer engine,
      ObjectProvider<Notifier> notifiers, ConfigurableListableBeanFactory beans) {
    return new PrinternizerLifecycle(engine, () -> notifiersWithoutEngine(notifiers, beans));
  }

  /**
   * Notifier beans, in order, without those that take the engine: those register themselves
   * (PrinternizerMetrics does in bindTo), and registering them again would count twice.
   */
  private static List<Notifier> notifiersWithoutEngine(ObjectProvider<Notifier> notifiers,
      ConfigurableListableBeanFactory beans) {
    Set<String> engines = Set.of(beans.getBeanNamesForType(Printernizer.class, false, false));
    Set<Notifier> selfRegistering = java.util.Collections.newSetFromMap(
        new java.util.IdentityHashMap<>());
    for (String name : beans.getBeanNamesForType(Notifier.class, false, false)) {
      for (String dependency : beans.getDependenciesForBean(name)) {
        if (engines.contains(dependency)) {
          selfRegistering.add(beans.getBean(name, Notifier.class));
        }
      }
    }
    return notifiers.orderedStream().filter(n -> !selfRegistering.contains(n)).toList();
  }

  /** The JDBC store on the application's DataSource (before the in-memory fallback). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(JdbcJobStore.class)
  @ConditionalOnSingleCandidate(DataSource.class)
  @ConditionalOnProperty(prefix = "printernizer.jdbc", name = "enabled", matchIfMissing = true)
  static class JdbcStoreConfiguration {
    @Bean
    @ConditionalOnMissingBean
    JobStore printernizerJdbcJobStore(DataSource dataSource) {
      JdbcJobStore store = JdbcJobStore.create(dataSource);
      LOG.info("Printernizer: jobs are stored in the application's DataSource ({})",
          store.databaseKind());
      return store;
    }
  }
}
