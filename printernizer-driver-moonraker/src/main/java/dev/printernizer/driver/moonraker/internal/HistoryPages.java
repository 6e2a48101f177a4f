package dev.printernizer.driver.moonraker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.printernizer.spi.PastPrint;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Reads Moonraker's job history for backfill: {@code server.history.list} since an instant,
 * oldest first, 100 jobs a page, at most 1,000, each page answered within 10 s; only ended jobs
 * become past prints. Blocks the calling thread (the engine's driver executor).
 */
final class HistoryPages {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int PAGE = 100;
  static final int MAX = 1000;

  private HistoryPages() {}

  static List<PastPrint> read(Instant since, Function<JsonNode, CompletableFuture<JsonNode>> page)
      throws IOException {
    List<PastPrint> out = new ArrayList<>();
    int start = 0;
    while (out.size() < MAX) {
      ObjectNode params = JSON.createObjectNode().put("limit", PAGE).put("start", start)
          .put("since", since.getEpochSecond()).put("order", "asc");
      JsonNode answer = await(page.apply(params));
      JsonNode jobs = answer.path("jobs");
      if (!jobs.isArray() || jobs.isEmpty()) {
        break;
      }
      for (JsonNode j : jobs) {
        PastPrint p = StatusMapper.pastPrint(j);
        if (p != null) {
          out.add(p);
        }
      }
      start += jobs.size();
      if (start >= answer.path("count").asInt(0)) {
        break;
      }
    }
    return out;
  }

  private static JsonNode await(CompletableFuture<JsonNode> f) throws IOException {
    try {
      return f.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException ? (IOException) e.getCause()
          : new IOException("the history did not answer: " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw new IOException("the history did not answer within 10 s", e);
    }
  }
}
