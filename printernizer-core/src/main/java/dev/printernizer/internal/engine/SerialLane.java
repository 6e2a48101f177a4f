package dev.printernizer.internal.engine;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: an actor's mailbox. No
 * thread is owned; no lock is held while a task runs. Tasks submitted from inside a running task
 * are queued, never run re-entrantly. With a bounded capacity the oldest task is dropped.
 */
final class SerialLane implements Executor {
  private static final Logger LOG = LoggerFactory.getLogger(SerialLane.class);

  private final String name;
  private final Executor executor;
  private final int capacity;
  private final IntConsumer onDrop;
  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
  // plain fields behind VarHandles rather than atomic objects: one lane per printer, so the
  // per-printer heap counts
  private static final VarHandle SIZE;
  private static final VarHandle SCHEDULED;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      SIZE = l.findVarHandle(SerialLane.class, "size", int.class);
      SCHEDULED = l.findVarHandle(SerialLane.class, "scheduled", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile int size;
  @SuppressWarnings("UnusedVariable") // read and written through SCHEDULED
  private volatile boolean scheduled;
  private final AtomicLong failed;

  SerialLane(String name, Executor executor, int capacity, IntConsumer onDrop,
      AtomicLong failed) {
    this.failed = failed;
    this.name = name;
    this.executor = executor;
    this.capacity = capacity;
    this.onDrop = onDrop;
  }

  SerialLane(String name, Executor executor, AtomicLong failed) {
    this(name, executor, Integer.MAX_VALUE, n -> { }, failed);
  }

  @Override
  public void execute(Runnable task) {
    queue.add(task);
    if ((int) SIZE.getAndAdd(this, 1) + 1 > capacity && queue.poll() != null) {
      onDrop.accept((int) SIZE.getAndAdd(this, -1) - 1);
    }
    schedule();
  }

  private void schedule() {
    if (SCHEDULED.compareAndSet(this, false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RuntimeException e) {
        scheduled = false;
        LOG.error("lane {}: executor refused work; {} tasks waiting", name, size, e);
      }
    }
  }

  private void drain() {
    while (true) {
      Runnable task;
      while ((task = queue.poll()) != null) {
        SIZE.getAndAdd(this, -1);
        try {
          task.run();
        } catch (RuntimeException | Error e) {
          failed.incrementAndGet();
          LOG.error("lane {}: task failed", name, e);
        }
      }
      scheduled = false;
      if (queue.isEmpty() || !SCHEDULED.compareAndSet(this, false, true)) {
        return;
      }
    }
  }
}
