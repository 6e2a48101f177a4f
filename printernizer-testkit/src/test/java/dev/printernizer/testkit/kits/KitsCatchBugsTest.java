package dev.printernizer.testkit.kits;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The kits reject broken implementations: a kit that can never fail is worth nothing. */
class KitsCatchBugsTest {
  private static Set<String> failedTests(Class<?> kitRun) {
    Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(kitRun))
        .execute().testEvents();
    return tests.failed().stream()
        .map(e -> e.getTestDescriptor().getDisplayName()).collect(Collectors.toSet());
  }

  @Test
  void storeKitRejectsARacyStore() {
    Set<String> failed = failedTests(BrokenImplementations.RacyStoreKitRun.class);
    assertTrue(failed.contains("50 threads racing on one run key create exactly one job"),
        failed.toString());
    assertTrue(failed.contains(
        "a closed job stays closed; closing frees the printer for a new open job"),
        failed.toString());
    assertTrue(failed.contains("answers OPEN_CONFLICT when the printer has another open job"),
        failed.toString());
  }

  @Test
  void driverKitRejectsALeakyDriver() {
    Set<String> failed = failedTests(BrokenImplementations.LeakyDriverKitRun.class);
    assertTrue(failed.contains("no thread is left behind after close"), failed.toString());
    assertTrue(failed.contains(
        "a lost connection is reported and monitoring resumes when the printer is back"),
        failed.toString());
    assertTrue(failed.contains("start returns at once; the first snapshot follows; close is"
        + " idempotent"), failed.toString());
  }
}
