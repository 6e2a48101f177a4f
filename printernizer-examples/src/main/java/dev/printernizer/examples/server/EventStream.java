package dev.printernizer.examples.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The server-sent event stream of {@code /api/events}: at most {@value #MAX_CLIENTS} clients,
 * each with a bounded queue drained by its own request thread. Publishing never blocks: a client
 * whose queue is full (it stopped reading) is dropped. Thread-safe.
 */
final class EventStream {
  static final int MAX_CLIENTS = 32;
  private static final int QUEUE = 1000;
  private static final byte[] CLOSE = new byte[0];
  private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

  /** Answers a refused request (the server's JSON error). */
  @FunctionalInterface
  interface Refusal {
    void refuse(HttpExchange ex, int status, String message) throws IOException;
  }

  private final List<BlockingQueue<byte[]>> clients = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(
      MAX_CLIENTS);

  /** Sends one event frame to every client. */
  @SuppressWarnings("ModifyCollectionInEnhancedForLoop") // a CopyOnWriteArrayList iterates a copy
  void publish(String type, String json) {
    byte[] b = ("event: " + type + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    for (BlockingQueue<byte[]> q : clients) {
      if (!q.offer(b)) {
        clients.remove(q);
        q.clear();
        q.offer(CLOSE);
      }
    }
  }

  /** Serves one client on the calling (request) thread until it goes away or the server stops. */
  void serve(HttpExchange ex, Refusal refusal) throws IOException {
    // a permit, not a size check: a burst of requests all saw room before any was added
    if (!slots.tryAcquire()) {
      try {
        refusal.refuse(ex, 503, "too many event-stream clients (" + MAX_CLIENTS + ")");
      } finally {
        ex.close();
      }
      return;
    }
    BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>(QUEUE);
    clients.add(queue);
    try {
      ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      ex.getResponseHeaders().set("Cache-Control", "no-cache");
      ex.sendResponseHeaders(200, 0);
      stream(ex.getResponseBody(), queue);
    } catch (IOException e) {
      // the client went away
    } finally {
      clients.remove(queue);
      slots.release();
      ex.close();
    }
  }

  private static void stream(OutputStream out, BlockingQueue<byte[]> queue) throws IOException {
    try (OutputStream os = out) {
      os.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
      os.flush();
      while (true) {
        byte[] b = queue.poll(15, TimeUnit.SECONDS);
        if (b == CLOSE) {
          return;
        }
        os.write(b == null ? KEEP_ALIVE : b);
        os.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the server stops
    }
  }

  /** Ends every stream (the server stops). */
  void closeAll() {
    clients.forEach(q -> q.offer(CLOSE));
  }
}
