package dev.printernizer.simulators;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * The FTPS server of a simulated Bambu printer, as the printers run it: implicit TLS (TLS from
 * the first byte, TLS 1.2, the printer's certificate), user {@code bblp} with the access code,
 * passive mode, and <b>data connections that must resume the control connection's TLS
 * session</b> (else {@code 522}, as vsftpd's {@code require_ssl_reuse}). Commands: USER, PASS,
 * PBSZ, PROT, TYPE, SIZE, REST, EPSV, PASV, RETR, NOOP, QUIT.
 *
 * <p>Files are what the test puts ({@link #put}); the Bambu simulator puts a sliced 3MF for each
 * job it starts. Faults: {@link Fault}. Thread-safe; one thread per session.
 *
 * @since 0.3
 */
public final class SimFtpsServer {
  /** What goes wrong. */
  public enum Fault {
    /** Nothing. */
    NONE,
    /** Every 16 KiB of a transfer takes {@link #slowMillis} ms more. */
    SLOW,
    /** REST is refused (a transfer then always starts at the first byte). */
    NO_REST,
    /** Each transfer stops after 1 KiB with {@code 426}. */
    ABORT,
    /** The session is accepted and then never answered. */
    SILENT
  }

  private final SimTlsListener listener;
  private final String user;
  private final String password;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger logins = new AtomicInteger();
  private final AtomicInteger transfers = new AtomicInteger();
  private final AtomicInteger reuseRefusals = new AtomicInteger();
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicInteger sessionsEnded = new AtomicInteger();
  private volatile Fault fault = Fault.NONE;
  private volatile int slowMillis = 500;

  SimFtpsServer(KeyStore keyStore, String user, String password) {
    this.user = user;
    this.password = password;
    this.listener = new SimTlsListener(keyStore, this::serve);
    listener.listen(0);
  }

  /**
   * @return the port (implicit TLS; 990 on a printer)
   * @since 0.3
   */
  public int port() {
    return listener.port();
  }

  /**
   * Stores a file (replaces one at the same path).
   *
   * @param path the absolute path, e.g. {@code /Benchy.gcode.3mf} or {@code /cache/x.3mf}
   * @param content the bytes
   * @since 0.3
   */
  public void put(String path, byte[] content) {
    files.put(path, content.clone());
  }

  /**
   * @param path a path
   * @since 0.3
   */
  public void remove(String path) {
    files.remove(path);
  }

  /**
   * @return the stored paths
   * @since 0.3
   */
  public Set<String> paths() {
    return Set.copyOf(files.keySet());
  }

  /**
   * @param f the fault from now on
   * @since 0.3
   */
  public void fault(Fault f) {
    this.fault = Objects.requireNonNull(f, "fault");
  }

  /**
   * @param millis the delay per 16 KiB of {@link Fault#SLOW}
   * @since 0.3
   */
  public void slowMillis(int millis) {
    this.slowMillis = millis;
  }

  /**
   * @return successful logins so far
   * @since 0.3
   */
  public int logins() {
    return logins.get();
  }

  /**
   * @return RETR transfers started so far
   * @since 0.3
   */
  public int transfers() {
    return transfers.get();
  }

  /**
   * @return data connections refused because they did not resume the control session
   * @since 0.3
   */
  public int reuseRefusals() {
    return reuseRefusals.get();
  }

  /**
   * @return control connections that have ended so far (a client's reading is over)
   * @since 0.3
   */
  public int sessionsEnded() {
    return sessionsEnded.get();
  }

  /**
   * @return file bytes sent so far
   * @since 0.3
   */
  public long bytesSent() {
    return bytesSent.get();
  }

  /** @param reachable false: connections are closed at once */
  void setReachable(boolean reachable) {
    listener.setReachable(reachable);
  }

  void close() {
    listener.stop();
    for (Socket s : sockets) {
      quietly(s);
    }
  }

  private void serve(Socket sock) {
    sockets.add(sock);
    Thread t = new Thread(() -> {
      try {
        new Session((SSLSocket) sock).run();
      } catch (IOException | RuntimeException e) {
        // the client went away, or sent what no FTP client sends
      } finally {
        quietly(sock);
        sockets.remove(sock);
        sessionsEnded.incrementAndGet();
      }
    }, "bambu-sim-ftps");
    t.setDaemon(true);
    t.start();
  }

  /** One control connection. */
  private final class Session {
    private final SSLSocket control;
    private @Nullable InputStream in;
    private @Nullable OutputStream out;
    private boolean userOk;
    private boolean loggedIn;
    private long rest;
    private @Nullable SSLServerSocket pasv;

    Session(SSLSocket control) {
      this.control = control;
    }

    void run() throws IOException {
      control.setSoTimeout(60_000);
      control.startHandshake();
      in = control.getInputStream();
      out = control.getOutputStream();
      if (fault == Fault.SILENT) {
        while (in.read() >= 0) {
          // never answer
        }
        return;
      }
      reply("220 Simulated Bambu printer FTP server ready.");
      while (true) {
        String line = line();
        if (line == null) {
          return;
        }
        int sp = line.indexOf(' ');
        String cmd = (sp < 0 ? line : line.substring(0, sp)).toUpperCase(java.util.Locale.ROOT);
        String arg = sp < 0 ? "" : line.substring(sp + 1);
        if (!dispatch(cmd, arg)) {
          return;
        }
      }
    }

    private boolean dispatch(String cmd, String arg) throws IOException {
      switch (cmd) {
        case "USER":
          userOk = arg.equals(user);
          reply("331 Please specify the password.");
          return true;
        case "PASS":
          loggedIn = userOk && arg.equals(password);
          if (loggedIn) {
            logins.incrementAndGet();
          }
          reply(loggedIn ? "230 Login successful." : "530 Login incorrect.");
          return true;
        case "QUIT":
          reply("221 Goodbye.");
          return false;
        case "NOOP":
          reply("200 NOOP ok.");
          return true;
        default:
          break;
      }
      if (!loggedIn) {
        reply("530 Please login with USER and PASS.");
        return true;
      }
      switch (cmd) {
        case "PBSZ":
          reply("200 PBSZ set to 0.");
          break;
        case "PROT":
          reply(arg.equalsIgnoreCase("P") ? "200 PROT now Private."
              : "521 Data connections must be encrypted.");
          break;
        case "TYPE":
          reply("200 Switching to Binary mode.");
          break;
        case "SIZE": {
          byte[] f = files.get(arg);
          reply(f == null ? "550 Could not get file size." : "213 " + f.length);
          break;
        }
        case "REST":
          if (fault == Fault.NO_REST) {
            reply("502 REST not implemented.");
          } else {
            try {
              rest = Long.parseLong(arg.trim());
              reply("350 Restart position accepted (" + rest + ").");
            } catch (NumberFormatException e) {
              reply("501 REST needs a number.");
            }
          }
          break;
        case "EPSV":
          reply("229 Entering Extended Passive Mode (|||" + openPassive() + "|)");
          break;
        case "PASV": {
          int p = openPassive();
          reply("227 Entering Passive Mode (127,0,0,1," + (p >> 8) + "," + (p & 0xFF) + ").");
          break;
        }
        case "RETR":
          retrieve(arg);
          break;
        default:
          reply("502 Command not implemented.");
      }
      return true;
    }

    private int openPassive() throws IOException {
      quietly(pasv);
      SSLServerSocket s = (SSLServerSocket) listener.context().getServerSocketFactory()
          .createServerSocket();
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
      s.setEnabledProtocols(new String[] {"TLSv1.2"});
      s.setSoTimeout(10_000);
      pasv = s;
      return s.getLocalPort();
    }

    private void retrieve(String path) throws IOException {
      long from = rest;
      rest = 0;
      SSLServerSocket p = pasv;
      pasv = null;
      if (p == null) {
        reply("425 Use PORT or PASV first.");
        return;
      }
      byte[] f = files.get(path);
      if (f == null) {
        quietly(p);
        reply("550 Failed to open file.");
        return;
      }
      reply("150 Opening BINARY mode data connection for " + path + " (" + f.length
          + " bytes).");
      SSLSocket data;
      try {
        data = (SSLSocket) p.accept();
        data.setSoTimeout(10_000);
        data.startHandshake();
      } catch (IOException e) {
        reply("425 Failed to establish connection.");
        return;
      } finally {
        quietly(p);
      }
      if (!Arrays.equals(data.getSession().getId(), control.getSession().getId())) {
        reuseRefusals.incrementAndGet();
        quietly(data);
        reply("522 SSL connection failed: session reuse required");
        return;
      }
      transfers.incrementAndGet();
      boolean complete = send(data, f, (int) Math.min(from, f.length));
      quietly(data);
      reply(complete ? "226 Transfer complete." : "426 Failure writing network stream.");
    }

    /** @return whether every byte went out */
    private boolean send(SSLSocket data, byte[] f, int from) {
      try {
        OutputStream o = data.getOutputStream();
        int limit = fault == Fault.ABORT ? Math.min(f.length, from + 1024) : f.length;
        for (int i = from; i < limit; i += 16384) {
          if (fault == Fault.SLOW) {
            Thread.sleep(slowMillis);
          }
          int n = Math.min(16384, limit - i);
          o.write(f, i, n);
          bytesSent.addAndGet(n);
        }
        o.flush();
        return limit == f.length;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    private @Nullable String line() throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      InputStream i = Objects.requireNonNull(in);
      while (true) {
        int c = i.read();
        if (c < 0) {
          return null;
        }
        if (c == '\n') {
          String s = b.toString(StandardCharsets.UTF_8);
          return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }
        if (b.size() > 4096) {
          reply("500 Command too long.");
          return null;
        }
        b.write(c);
      }
    }

    private void reply(String line) throws IOException {
      OutputStream o = Objects.requireNonNull(out);
      o.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
      o.flush();
    }
  }

  private static void quietly(@Nullable AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception e) {
        // closing anyway
      }
    }
  }
}
