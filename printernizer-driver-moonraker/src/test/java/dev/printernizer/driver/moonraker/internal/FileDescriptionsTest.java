package dev.printernizer.driver.moonraker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.printernizer.api.Detection;
import dev.printernizer.api.Job;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.RunLink;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FileDescriptionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
  private final List<String> asked = new ArrayList<>();

  private static Job job(String printerJobId) {
    return Job.builder("j1", PrinterId.of("voron"), "Cube", T).fileName("Cube.gcode")
        .run(new RunLink("k", printerJobId, Detection.LIVE, T, T)).build();
  }

  private CompletableFuture<JsonNode> answer(String method, JsonNode params, String json) {
    asked.add(method + " " + params);
    try {
      return CompletableFuture.completedFuture(JSON.readTree(json));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theHistoryJobByIdElseTheFilesMetadata() throws IOException {
    var byId = FileDescriptions.read(job("0000E0"), (m, p) -> answer(m, p,
        "{\"job\":{\"metadata\":{\"filament_weight_total\":7.5}}}"));
    assertEquals(7.5, byId.orElseThrow().totalGrams().orElseThrow());
    var byFile = FileDescriptions.read(job(null), (m, p) -> answer(m, p,
        "{\"filament_weight_total\":3.0,\"estimated_time\":600}"));
    assertEquals(3.0, byFile.orElseThrow().totalGrams().orElseThrow());
    assertEquals(List.of("server.history.get_job {\"uid\":\"0000E0\"}",
        "server.files.metadata {\"filename\":\"Cube.gcode\"}"), asked);
  }

  @Test
  void notFoundIsNoDescriptionButALostConnectionIsRetried() throws IOException {
    assertTrue(FileDescriptions.read(job("0000E0"), (m, p) -> CompletableFuture.failedFuture(
        new FileDescriptions.RpcError(-32601, "No job"))).isEmpty());
    assertThrows(IOException.class, () -> FileDescriptions.read(job("0000E0"), (m, p) ->
        CompletableFuture.failedFuture(new IOException("not connected to Moonraker"))));
    assertThrows(IOException.class, () -> FileDescriptions.read(job("0000E0"), (m, p) ->
        CompletableFuture.failedFuture(new FileDescriptions.RpcError(-32603, "Internal"))));
  }
}
