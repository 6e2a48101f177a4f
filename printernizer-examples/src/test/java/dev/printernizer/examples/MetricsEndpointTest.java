package dev.printernizer.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.simulators.PrusaLinkSimulator;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}: the engine's meters in Prometheus' text format, behind the token. */
class MetricsEndpointTest extends ServerTest {
  @Test
  void metricsNeedTheTokenAndShowJobsPrintersAndStoreCalls() throws Exception {
    PrusaLinkSimulator mk3 = h.printers.prusa.get(1);
    mk3.startPrint("Benchy_0.4n_PLA.gcode");
    ServerHarness.await("the job", () -> h.jobCount() == 1);
    assertEquals(401, h.send("GET", "/metrics", null, false).statusCode(),
        "a token is configured: metrics are a read like the others");
    HttpResponse<String> r = h.get("/metrics");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    String m = r.body();
    assertTrue(m.contains("printernizer_jobs_started_total{origin=\"auto\"} 1.0"), m);
    assertTrue(m.contains("printernizer_jobs_open 1.0"), m);
    assertTrue(m.contains("printernizer_printers{state=\"connected\"} 5.0"), m);
    assertTrue(m.contains("printernizer_store_calls_seconds_count{method=\"createIfAbsent\","
        + "outcome=\"success\"}"), m);
    assertTrue(m.contains("printernizer_detection_latency_seconds{origin=\"auto\","
        + "quantile=\"0.99\"}"), m);
    assertTrue(!m.contains("Benchy"), "no file names in metrics");
  }
}
