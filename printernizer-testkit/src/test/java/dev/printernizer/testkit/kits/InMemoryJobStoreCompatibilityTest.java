package dev.printernizer.testkit.kits;

import dev.printernizer.spi.JobStore;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.testkit.JobStoreCompatibilityKit;

/** The core's reference store keeps the store contract. */
class InMemoryJobStoreCompatibilityTest extends JobStoreCompatibilityKit {
  @Override
  protected JobStore createStore() {
    return new InMemoryJobStore();
  }
}
