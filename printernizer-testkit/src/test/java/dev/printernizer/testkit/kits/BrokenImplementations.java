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
