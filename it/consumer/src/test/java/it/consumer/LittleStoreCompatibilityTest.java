package it.consumer;

import dev.printernizer.spi.JobStore;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.testkit.JobStoreCompatibilityKit;
import dev.printernizer.testkit.fake.ForwardingJobStore;

/** The store kit, as an integrator runs it on their own store. */
class LittleStoreCompatibilityTest extends JobStoreCompatibilityKit {
  /** An integrator's store: here one that forwards to the in-memory reference store. */
  static final class LittleStore extends ForwardingJobStore {
    LittleStore() {
      super(new InMemoryJobStore());
    }
  }

  @Override
  protected JobStore createStore() {
    return new LittleStore();
  }
}
