package dev.printernizer.examples.server;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reference server's request threads and request time limit. Bounded: the event streams hold
 * a thread each (at most {@link EventStream#MAX_CLIENTS}), the rest serve requests; more
 * connections wait in the queue instead of growing threads, and one that does not send its
 * whole request within {@link #MAX_REQUEST_SECONDS} is closed by the JDK server.
 */
final class ServerThreads {
  /** Request threads: the event streams' share plus 32 for everything else. */
  static final int THREADS = EventStream.MAX_CLIENTS + 32;
  /** Seconds a client may take to send a whole request (the JDK server closes it then). */
  static final int MAX_REQUEST_SECONDS = 10;

  private ServerThreads() {}

  static ExecutorService pool() {
    limitRequestTime();
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "server-http-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /**
   * Sets the JDK HTTP server's request time limit ({@code sun.net.httpserver.maxReqTime}) unless
   * the host set one. The JDK reads it once, when the JVM's first HTTP server is made: call this
   * before anything else makes one (the demo's simulators do).
   */
  static void limitRequestTime() {
    if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
      System.setProperty("sun.net.httpserver.maxReqTime", String.valueOf(MAX_REQUEST_SECONDS));
    }
  }
}
