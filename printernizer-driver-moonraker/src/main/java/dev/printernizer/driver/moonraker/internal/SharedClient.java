package dev.printernizer.driver.moonraker.internal;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK HTTP client for Moonraker's one-shot tokens (option {@code auth: oneshot}): made on
 * first use, one selector thread and a small pool for its callbacks
 * ({@code printernizer-moonraker-http-*}, 2 to 4 threads; the JDK's default pool grows a thread
 * per busy request). Idle pool threads end after 60 s.
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
          Thread t = new Thread(r, "printernizer-moonraker-http-" + k.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true); // no threads left behind while no printer is watched
    return pool;
  }
}
