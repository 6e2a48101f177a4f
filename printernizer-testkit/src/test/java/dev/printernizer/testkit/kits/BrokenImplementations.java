package dev.printernizer.testkit.kits;

import dev.printernizer.api.Job;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.api.Tracking;
import dev.printernizer.simulators.SimulatedPrinter;
import dev.printernizer.spi.DriverContext;
import dev.printernizer.spi.JobStore;
import dev.printernizer.spi.PrinterDriver;
import dev.printernizer.spi.PrinterDriverProvider;
import dev.printernizer.spi.StoreResult;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.testkit.JobStoreCompatibilityKit;
import dev.printernizer.testkit.PrinterDriverCompatibilityKit;
import dev.printernizer.testkit.fake.ForwardingJobStore;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;

/** Deliberately broken implementations that the kits must reject. Excluded from normal runs. */
final class BrokenImplementations {
  private BrokenImplementations() {}

  /** A store with a check-then-act race and a reopening bug. */
  static final class RacyStore extends ForwardingJobStore {
    RacyStore() {
      super(new InMemoryJobStore());
    }

    @Override
    public StoreResult createIfAbsent(Job job) {
      Optional<Job> existing = findByRunKey(job.printerId(), job.run().orElseThrow().runKey());
      if (existing.isPresent()) {
        return StoreResult.existing(existing.get());
      }
      Thread.yield(); // widen the window between check and act
      String suffix = "#" + Thread.currentThread().getId();
      Job copy = job.toBuilder().run(new dev.printernizer.api.RunLink(
          job.run().orElseThrow().runKey() + suffix, null, job.run().orElseThrow().detection(),
          job.run().orElseThrow().discoveryTime(), null)).build();
      Optional<Job> open = findOpenJob(job.printerId());
      if (open.isPresent()) {
        delegate().updateTracking(open.get().id(),
            open.get().tracking().closed(JobStatus.INTERRUPTED, job.createdAt(), "racy"));
      }
      return delegate().createIfAbsent(copy);
    }

    @Override
    public Optional<Job> updateTracking(String jobId, Tracking tracking) {
      Optional<Job> j = get(jobId);
      if (j.isPresent() && j.get().status().isClosed() && tracking.status().isOpen()) {
        delegate().delete(jobId);
        Job reopened = j.get().toBuilder().tracking(tracking).build();
        return Optional.of(delegate().createIfAbsent(reopened).job());
      }
      return super.updateTracking(jobId, tracking);
    }
  }

  @Tag("kit-selftest")
  static class RacyStoreKitRun extends JobStoreCompatibilityKit {
    @Override
    protected JobStore createStore() {
      return new RacyStore();
    }
  }

  @Tag("kit-selftest")
  /** A store whose business update drops the notes (a column forgotten in an UPDATE). */
  static final class NotesLosingStore extends ForwardingJobStore {
    NotesLosingStore() {
      super(new dev.printernizer.store.InMemoryJobStore());
    }

    @Override
    public java.util.Optional<dev.printernizer.api.Job> updateBusiness(String jobId,
        dev.printernizer.api.BusinessFields b) {
      return super.updateBusiness(jobId, new dev.printernizer.api.BusinessFields(b.customer(),
          b.business(), b.materialCost(), null));
    }
  }

  /** The store kit over {@link NotesLosingStore}. */
  static class NotesLosingStoreKitRun extends JobStoreCompatibilityKit {
    @Override
    protected JobStore createStore() {
      return new NotesLosingStore();
    }
  }

  /**
   * A store written before backfill existed: it keeps a detection it does not know as LIVE (an
   * enum column with the old values and a fallback).
   */
  static final class OldDetectionsStore extends ForwardingJobStore {
    OldDetectionsStore() {
      super(new dev.printernizer.store.InMemoryJobStore());
    }

    @Override
    public dev.printernizer.spi.StoreResult createIfAbsent(dev.printernizer.api.Job job) {
      dev.printernizer.api.RunLink r = job.run().orElse(null);
      if (r != null && r.detection() == dev.printernizer.api.Detection.BACKFILL) {
        job = job.toBuilder().run(new dev.printernizer.api.RunLink(r.runKey(), r.printerJobId(),
            dev.printernizer.api.Detection.LIVE, r.discoveryTime(), r.printerStartTime()))
            .build();
      }
      return super.createIfAbsent(job);
    }
  }

  /** The store kit over {@link OldDetectionsStore}. */
  static class OldDetectionsStoreKitRun extends JobStoreCompatibilityKit {
    @Override
    protected JobStore createStore() {
      return new OldDetectionsStore();
    }
  }

  /** A store that keeps only the first filament of a description (a one-row child insert). */
  static final class FirstFilamentStore extends ForwardingJobStore {
    FirstFilamentStore() {
      super(new dev.printernizer.store.InMemoryJobStore());
    }

    @Override
    public java.util.Optional<dev.printernizer.api.Job> updatePrintFile(String jobId,
        dev.printernizer.api.PrintFile f) {
      return super.updatePrintFile(jobId, f.toBuilder()
          .filaments(f.filaments().isEmpty() ? f.filaments() : f.filaments().subList(0, 1))
          .build());
    }
  }

  /** The store kit over {@link FirstFilamentStore}. */
  static class FirstFilamentStoreKitRun extends JobStoreCompatibilityKit {
    @Override
    protected JobStore createStore() {
      return new FirstFilamentStore();
    }
  }

  /** Keeps a job's cost but rounds its rates' prices to whole units (a DECIMAL(19,0) column). */
  static final class RoundedRatesStore extends ForwardingJobStore {
    RoundedRatesStore() {
      super(new dev.printernizer.store.InMemoryJobStore());
    }

    @Override
    public java.util.Optional<dev.printernizer.api.Job> updateCost(String jobId,
        dev.printernizer.api.JobCost c) {
      dev.printernizer.api.CostRates r = c.rates();
      java.util.Map<String, java.math.BigDecimal> byMaterial = new java.util.HashMap<>();
      r.pricePerKgByMaterial().forEach((k, v) -> byMaterial.put(k,
          v.setScale(0, java.math.RoundingMode.HALF_UP)));
      dev.printernizer.api.CostRates rounded = new dev.printernizer.api.CostRates(r.currency(),
          r.defaultPricePerKg(), byMaterial, r.pricePerKgBySlot(), r.pricePerKwh(),
          r.powerWatts(), r.wearPerHour());
      return super.updateCost(jobId, new dev.printernizer.api.JobCost(c.currency(), c.materials(),
          c.material(), c.printingTime(), c.energyKwh(), c.energy(), c.wear(), c.total(),
          rounded, c.computedAt()));
    }
  }

  /** The store kit over {@link RoundedRatesStore}. */
  static class RoundedRatesStoreKitRun extends JobStoreCompatibilityKit {
    @Override
    protected JobStore createStore() {
      return new RoundedRatesStore();
    }
  }

  /** Counts months in UTC whatever zone was asked for: the edge of a month moves. */
  static final class UtcMonthsStore extends ForwardingJobStore {
    UtcMonthsStore() {
      super(new dev.printernizer.store.InMemoryJobStore());
    }

    @Override
    public dev.printernizer.statistics.JobStatistics statistics(
        dev.printernizer.statistics.StatisticsQuery q) {
      dev.printernizer.statistics.JobStatistics s = super.statistics(
          new dev.printernizer.statistics.StatisticsQuery(q.filter(), java.time.ZoneOffset.UTC,
              q.from(), q.to()));
      return new dev.printernizer.statistics.JobStatistics(q.zone(), s.total(), s.byPrinter(),
          s.byMonth(), s.byStatus(), s.byMaterial());
    }
  }

  /** Keeps the first figures of each query: a summary table that deletes never reach. */
  static final class CachedStatisticsStore extends ForwardingJobStore {
    private final java.util.Map<dev.printernizer.statistics.StatisticsQuery,
        dev.printernizer.statistics.JobStatistics> cache = new java.util.HashMap<>();

    CachedStatisticsStore() {
      super(new dev.printernizer.store.InMemoryJobStore());
    }

    @Override
    public synchronized dev.printernizer.statistics.JobStatistics statistics(
        dev.printernizer.statistics.StatisticsQuery q) {
      return cache.computeIfAbsent(q, super::statistics);
    }
  }

  /** Overrides scan with offset paging: a job created meanwhile shifts every later page. */
  static final class OffsetScanStore extends ForwardingJobStore {
    OffsetScanStore() {
      super(new dev.printernizer.store.InMemoryJobStore());
    }

    @Override
    public java.util.Iterator<dev.printernizer.api.Job> scan(
        dev.printernizer.api.JobQuery filter) {
      JobStore self = this;
      return new java.util.Iterator<>() {
        private java.util.List<dev.printernizer.api.Job> page = java.util.List.of();
        private int index;
        private int offset;

        @Override
        public boolean hasNext() {
          if (index < page.size()) {
            return true;
          }
          page = self.query(filter.withPage(offset, 1000));
          offset += page.size();
          index = 0;
          return !page.isEmpty();
        }

        @Override
        public dev.printernizer.api.Job next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          return page.get(index++);
        }
      };
    }
  }

  /** Keeps pictures in a map of its own that deleting a job forgets to clear. */
  /** An outbox whose lease is taken by whoever asks, held or not. */
  static final class LeaseForAllStore extends ForwardingJobStore {
    private final dev.printernizer.outbox.Outbox outbox;

    LeaseForAllStore() {
      super(new dev.printernizer.store.InMemoryJobStore());
      dev.printernizer.outbox.Outbox real = super.outbox().orElseThrow();
      this.outbox = new dev.printernizer.testkit.outbox.ForwardingOutbox(real) {
        @Override
        public boolean lease(String destination, String owner, java.time.Instant now,
            java.time.Duration length) {
          super.lease(destination, owner, now, length);
          return true;
        }
      };
    }

    @Override
    public java.util.Optional<dev.printernizer.outbox.Outbox> outbox() {
      return java.util.Optional.of(outbox);
    }
  }

  static class LeaseForAllStoreKitRun extends JobStoreCompatibilityKit {
    @Override
    protected JobStore createStore() {
      return new LeaseForAllStore();
    }
  }

  static final class ThumbnailOutlivesJobStore extends ForwardingJobStore {
    private final java.util.Map<String, dev.printernizer.api.Thumbnail> pictures =
        new java.util.concurrent.ConcurrentHashMap<>();

    ThumbnailOutlivesJobStore() {
      super(new dev.printernizer.store.InMemoryJobStore());
    }

    @Override
    public boolean updateThumbnail(String jobId, dev.printernizer.api.Thumbnail thumbnail) {
      if (get(jobId).isEmpty()) {
        return false;
      }
      pictures.put(jobId, thumbnail);
      return true;
    }

    @Override
    public java.util.Optional<dev.printernizer.api.Thumbnail> thumbnail(String jobId) {
      return java.util.Optional.ofNullable(pictures.get(jobId));
    }
  }

  static class ThumbnailOutlivesJobStoreKitRun extends JobStoreCompatibilityKit {
    @Override
    protected JobStore createStore() {
      return new ThumbnailOutlivesJobStore();
    }
  }

  static class OffsetScanStoreKitRun extends JobStoreCompatibilityKit {
    @Override
    protected JobStore createStore() {
      return new OffsetScanStore();
    }
  }

  static class UtcMonthsStoreKitRun extends JobStoreCompatibilityKit {
    @Override
    protected JobStore createStore() {
      return new UtcMonthsStore();
    }
  }

  static class CachedStatisticsStoreKitRun extends JobStoreCompatibilityKit {
    @Override
    protected JobStore createStore() {
      return new CachedStatisticsStore();
    }
  }

  static class CheckThenPutStoreKitRun extends JobStoreCompatibilityKit {
    @Override
    protected JobStore createStore() {
      return new CheckThenPutStore();
    }
  }

  /** A driver that keeps reporting after close and never reports connection loss. */
  static final class LeakyDriver implements PrinterDriver {
    private final PrinterConfig config;
    private final AtomicReference<Thread> thread = new AtomicReference<>();

    LeakyDriver(PrinterConfig config) {
      this.config = config;
    }

    @Override
    public void start(DriverContext ctx) {
      Thread t = new Thread(() -> {
        while (true) {
          ctx.publish(StatusSnapshot.builder(config.id(), PrinterState.PRINTING,
              ctx.clock().instant()).fileName("x.gcode").progress(1.0).build());
          java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
          if (Thread.currentThread().isInterrupted()) {
            return;
          }
        }
      }, "leaky-driver");
      t.setDaemon(true);
      thread.set(t);
      t.start();
    }

    @Override
    public void close() {
      // forgets to stop its thread
    }
  }

  @Tag("kit-selftest")
  static class LeakyDriverKitRun extends PrinterDriverCompatibilityKit {
    @Override
    protected SimulatedPrinter startPrinter() {
      return new dev.printernizer.testkit.example.TextPrinter();
    }

    @Override
    protected PrinterDriverProvider provider() {
      return new PrinterDriverProvider() {
        @Override
        public String type() {
          return "leaky";
        }

        @Override
        public PrinterDriver create(PrinterConfig config) {
          return new LeakyDriver(config);
        }
      };
    }

    @Override
    protected PrinterConfig config(SimulatedPrinter p) {
      return PrinterConfig.builder(PrinterId.of("leaky-1"), "leaky").build();
    }

    @Override
    protected java.time.Duration timeout() {
      return java.time.Duration.ofSeconds(2);
    }
  }
}
