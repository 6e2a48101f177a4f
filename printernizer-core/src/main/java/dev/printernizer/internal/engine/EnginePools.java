package dev.printernizer.internal.engine;

import dev.printernizer.PrinternizerException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The engine's three executors: printer lanes (max(2, cores) threads), notifier lanes (a cached
 * pool, one busy thread per notifier at most) and the driver pool (bounded, idle threads end after
 * 60 s), each the host's when given, else made here and owned (stopped on close). Driver I/O never
 * runs on the lanes: a driver executor that is the lane executor is refused.
 *
 * @param lanes runs printer lanes
 * @param notifications runs notifier lanes
 * @param drivers given to drivers for blocking work
 * @param owned the pools made here, to stop on close
 */
public record EnginePools(Executor lanes, Executor notifications, Executor drivers,
    List<ExecutorService> owned) {

  /**
   * @param lanes the host's lane executor, or null
   * @param notifications the host's notification executor, or null
   * @param drivers the host's driver executor, or null
   * @param driverThreads size of the driver pool made here
   * @param driverQueue bound of its queue
   * @return the pools
   * @throws PrinternizerException if the driver executor is the lane executor
   */
  public static EnginePools of(@Nullable Executor lanes, @Nullable Executor notifications,
      @Nullable Executor drivers,
      int driverThreads, int driverQueue) {
    if (drivers != null && drivers == lanes) {
      throw new PrinternizerException("driverExecutor(...) must not be the executor of the"
          + " printer lanes: a printer that never answers would hold up every other printer's"
          + " reports. Give drivers an executor of their own, or leave it unset for the"
          + " engine's driver pool");
    }
    List<ExecutorService> owned = new ArrayList<>();
    Executor ex = lanes;
    if (ex == null) {
      ExecutorService pool = Executors.newFixedThreadPool(
          Math.max(2, Runtime.getRuntime().availableProcessors()), daemon("printernizer-engine"));
      owned.add(pool);
      ex = pool;
    }
    Executor nex = notifications;
    if (nex == null) {
      ExecutorService pool = Executors.newCachedThreadPool(daemon("printernizer-notify"));
      owned.add(pool);
      nex = pool;
    }
    Executor dex = drivers;
    if (dex == null) {
      ThreadPoolExecutor pool = new ThreadPoolExecutor(driverThreads, driverThreads, 60,
          TimeUnit.SECONDS, new LinkedBlockingQueue<>(driverQueue), daemon("printernizer-driver"));
      pool.allowCoreThreadTimeOut(true);
      owned.add(pool);
      dex = pool;
    }
    return new EnginePools(ex, nex, dex, List.copyOf(owned));
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
