package dev.printernizer.simulators;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyStore;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.jspecify.annotations.Nullable;

/**
 * The Bambu simulator's TLS listening socket on loopback: binds, accepts on its own thread and
 * hands each connection on. While unreachable it keeps listening and closes every connection as
 * soon as it is accepted (closing and re-binding the same port failed now and then with "Address
 * already in use"). Thread-safe.
 */
final class SimTlsListener {
  private final SSLContext tls;
  private final Consumer<Socket> onConnection;
  private @Nullable ServerSocket server;
  private int port;
  private volatile boolean reachable = true;

  /**
   * @param keyStore the printer's key and certificate (password "changeit")
   * @param onConnection takes each accepted connection while reachable
   */
  SimTlsListener(KeyStore keyStore, Consumer<Socket> onConnection) {
    this.onConnection = onConnection;
    try {
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(
          KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keyStore, "changeit".toCharArray());
      tls = SSLContext.getInstance("TLSv1.2");
      tls.init(kmf.getKeyManagers(), null, null);
    } catch (Exception e) {
      throw new IllegalStateException("cannot set up the simulator's TLS: " + e, e);
    }
  }

  /** @return the TLS context of this listener (the FTPS server's data connections use it too) */
  SSLContext context() {
    return tls;
  }

  synchronized int port() {
    return port;
  }

  void setReachable(boolean reachable) {
    this.reachable = reachable;
  }

  /**
   * Listens on {@code wanted}, or on a free port below Linux's ephemeral range (32768 and up)
   * when it is 0: a port from that range can be taken, while the simulator is unreachable, by a
   * client's outgoing connection, even the driver's own reconnect to it (a TCP self-connect),
   * and then the simulator could not come back on it.
   */
  synchronized void listen(int wanted) {
    IOException last = null;
    Random random = new Random();
    for (int attempt = 0; attempt < (wanted == 0 ? 64 : 1); attempt++) {
      int candidate = wanted != 0 ? wanted : 20_000 + random.nextInt(12_000);
      try {
        SSLServerSocket s = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
        s.setReuseAddress(true);
        try {
          s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate), 50);
        } catch (IOException e) {
          s.close();
          throw e;
        }
        s.setEnabledProtocols(new String[] {"TLSv1.2"});
        server = s;
        port = s.getLocalPort();
        last = null;
        break;
      } catch (IOException e) {
        last = e;
      }
    }
    if (last != null) {
      throw new IllegalStateException("cannot listen: " + last, last);
    }
    ServerSocket s = Objects.requireNonNull(server, "listening");
    Thread acceptor = new Thread(() -> accept(s), "bambu-sim-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Stops listening; connections already accepted are the caller's to close. */
  void stop() {
    ServerSocket s;
    synchronized (this) {
      s = server;
      server = null;
    }
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  private void accept(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket sock = s.accept();
        if (!reachable) {
          sock.close();
          continue;
        }
        onConnection.accept(sock);
      } catch (IOException e) {
        return; // closed
      }
    }
  }
}
