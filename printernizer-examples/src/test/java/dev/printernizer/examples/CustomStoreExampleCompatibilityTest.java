package dev.printernizer.examples;

import dev.printernizer.spi.JobStore;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.testkit.JobStoreCompatibilityKit;

/** The custom store example keeps the store contract: the kit an integrator would run. */
class CustomStoreExampleCompatibilityTest extends JobStoreCompatibilityKit {
  @Override
  protected JobStore createStore() {
    return new CustomStoreExample(new InMemoryJobStore(), line -> { });
  }
}
