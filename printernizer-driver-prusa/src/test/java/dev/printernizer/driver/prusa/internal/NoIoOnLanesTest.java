package dev.printernizer.driver.prusa.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.Secret;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** A PrusaLink request made on an engine lane is refused, always (not only with assertions on). */
class NoIoOnLanesTest {
  @Test
  void aRequestOnAnEngineLaneFails() throws Exception {
    PrusaHttp http = new PrusaHttp(new OkHttpClient(), HttpUrl.get("http://127.0.0.1:9/"),
        Secret.of("pw"), "maker", true);
    AtomicReference<Throwable> seen = new AtomicReference<>();
    Thread lane = new Thread(() -> {
      try {
        http.get("/api/v1/status");
      } catch (Throwable t) {
        seen.set(t);
      }
    }, "printernizer-engine-1");
    lane.start();
    lane.join();
    assertTrue(seen.get() instanceof IllegalStateException // always, not only with -ea
        && seen.get().getMessage().contains("engine lane"), String.valueOf(seen.get()));
  }
}
