package dev.printernizer.driver.moonraker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.printernizer.api.Job;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.RunLink;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * A live job's print file description from Moonraker: the history job's copy of the file's slicer
 * metadata ({@code server.history.get_job} with the job's printer job id), else the file's
 * metadata ({@code server.files.metadata}) for a job that has no id yet. Moonraker's "not found"
 * answers no description; a lost connection or no answer within 10 s is an
 * {@link IOException}, which the engine retries. Blocks the calling thread (the engine's driver
 * executor).
 */
final class FileDescriptions {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** JSON-RPC's "method not found", which Moonraker also answers for an unknown job or file. */
  private static final int NOT_FOUND = -32601;

  private FileDescriptions() {}

  /** A JSON-RPC error answer, kept apart from I/O failures. */
  static final class RpcError extends IOException {
    private static final long serialVersionUID = 1L;
    final int code;

    RpcError(int code, String message) {
      super(message);
      this.code = code;
    }
  }

  static Optional<PrintFile> read(Job job,
      BiFunction<String, JsonNode, CompletableFuture<JsonNode>> rpc) throws IOException {
    String id = job.run().map(RunLink::printerJobId).orElse(null);
    String file = job.fileName().orElse(null);
    try {
      if (id != null) {
        JsonNode r = await(rpc.apply("server.history.get_job",
            JSON.createObjectNode().put("uid", id)));
        return Optional.ofNullable(HistoryMetadata.printFile(r.path("job")));
      }
      if (file != null) {
        JsonNode r = await(rpc.apply("server.files.metadata",
            JSON.createObjectNode().put("filename", file)));
        ObjectNode holder = JSON.createObjectNode();
        holder.set("metadata", r);
        return Optional.ofNullable(HistoryMetadata.printFile(holder));
      }
      return Optional.empty();
    } catch (RpcError e) {
      if (e.code == NOT_FOUND || e.code == 404) {
        return Optional.empty(); // the job or file is gone: there is nothing to read
      }
      throw e;
    }
  }

  private static JsonNode await(CompletableFuture<JsonNode> f) throws IOException {
    try {
      return f.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException ? (IOException) e.getCause()
          : new IOException("Moonraker did not answer: " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw new IOException("Moonraker did not answer within 10 s", e);
    }
  }
}
