package dev.printernizer.internal.engine;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicBoolean scheduled = new AtomicBoolean();
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
    if (size.incrementAndGet() > capacity && queue.poll() != null) {
      onDrop.accept(size.decrementAndGet());
    }
    schedule();
  }

  private void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RuntimeException e) {
        scheduled.set(false);
        LOG.error("lane {}: executor refused work; {} tasks waiting", name, size.get(), e);
      }
    }
  }

  private void drain() {
    while (true) {
      Runnable task;
      while ((task = queue.poll()) != null) {
        size.decrementAndGet();
        try {
          task.run();
        } catch (RuntimeException | Error e) {
          failed.incrementAndGet();
          LOG.error("lane {}: task failed", name, e);
        }
      }
      scheduled.set(false);
      if (queue.isEmpty() || !scheduled.compareAndSet(false, true)) {
        return;
      }
    }
  }
}
