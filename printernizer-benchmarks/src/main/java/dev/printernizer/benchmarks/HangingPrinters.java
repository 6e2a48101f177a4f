package dev.printernizer.benchmarks;

import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Secret;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * PrusaLink "printers" that accept TCP connections and never answer: {@code n} listening
 * sockets, each on its own loopback address ({@code 127.101.x.y}) and port, served by one
 * selector thread ({@code scale-sim-hang}) that accepts every connection and reads (and drops)
 * whatever arrives, but never writes a byte. A driver polling one of them waits for its read
 * timeout on every request.
 */
final class HangingPrinters implements AutoCloseable {
  private final Selector selector;
  private final List<ServerSocketChannel> listeners = new ArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final Thread loop;
  private volatile boolean closed;

  HangingPrinters(int n) throws IOException {
    selector = Selector.open();
    try {
      for (int i = 0; i < n; i++) {
        ServerSocketChannel ch = ServerSocketChannel.open();
        listeners.add(ch);
        ch.bind(new InetSocketAddress(host(i), 0), 64);
        ch.configureBlocking(false);
        ch.register(selector, SelectionKey.OP_ACCEPT);
      }
    } catch (IOException e) {
      close();
      throw e;
    }
    loop = ScaleHarness.named("scale-sim-hang").newThread(this::serve);
    loop.start();
  }

  static String host(int i) {
    return "127.101." + (i / 250) + "." + (i % 250 + 1);
  }

  /** @return the configuration of hanging printer {@code i} (API-key mode, any key) */
  PrinterConfig config(int i) {
    return PrinterConfig.builder(PrinterId.of("hang-" + i), "prusa").host(host(i))
        .port(listeners.get(i).socket().getLocalPort()).credential(Secret.of("hang-key"))
        .option("auth", "apikey").build();
  }

  /** @return connections accepted so far */
  int accepted() {
    return accepted.get();
  }

  /** @return connections open now (accepted and not yet closed by the client) */
  int open() {
    return open.get();
  }

  private void serve() {
    ByteBuffer sink = ByteBuffer.allocate(16 * 1024);
    try {
      while (!closed) {
        selector.select();
        for (SelectionKey key : selector.selectedKeys()) {
          if (!key.isValid()) {
            continue;
          }
          if (key.isAcceptable()) {
            SocketChannel c = ((ServerSocketChannel) key.channel()).accept();
            if (c != null) {
              c.configureBlocking(false);
              c.register(selector, SelectionKey.OP_READ);
              accepted.incrementAndGet();
              open.incrementAndGet();
            }
          } else if (key.isReadable()) {
            SocketChannel c = (SocketChannel) key.channel();
            sink.clear();
            int read;
            try {
              read = c.read(sink);
            } catch (IOException e) {
              read = -1;
            }
            if (read < 0) { // the client gave up (its read timeout) and closed
              key.cancel();
              c.close();
              open.decrementAndGet();
            }
          }
        }
        selector.selectedKeys().clear();
      }
    } catch (IOException | ClosedSelectorException e) {
      // closed
    } finally {
      for (SelectionKey k : selector.keys()) {
        try {
          k.channel().close();
        } catch (IOException e) {
          // closing anyway
        }
      }
      try {
        selector.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    selector.wakeup();
    if (loop != null) {
      try {
        loop.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      try {
        selector.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    for (ServerSocketChannel ch : listeners) {
      try {
        ch.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
