package dev.printernizer.driver.moonraker.internal;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one JDK HTTP client every Moonraker printer's WebSocket uses: one selector thread, not one
 * per printer, and a small fixed pool for its callbacks ({@code printernizer-moonraker-*}, 2 to 4
 * threads; the JDK's default pool grows a thread per busy connection: about 30 for 100 printers
 * in the scale run). The pool's queue needs no bound: each socket asks for one message at a time,
 * so it holds at most a few tasks per printer. Idle threads end after 60 s.
 */
final class SharedClient {
  static final HttpClient CLIENT = HttpClient.newBuilder()
      .executor(callbackPool()).connectTimeout(Duration.ofSeconds(10)).build();

  private SharedClient() {}

  private static ExecutorService callbackPool() {
    int threads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    AtomicInteger k = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "printernizer-moonraker-" + k.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true); // no threads left behind while no printer is watched
    return pool;
  }
}
