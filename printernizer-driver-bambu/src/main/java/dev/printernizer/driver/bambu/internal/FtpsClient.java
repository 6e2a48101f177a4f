package dev.printernizer.driver.bambu.internal;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * The few FTPS commands the driver needs of a Bambu printer: implicit TLS (TLS from the first
 * byte), log in, {@code SIZE}, and a byte range of a file ({@code REST} + {@code RETR}), over
 * passive data connections that resume the control connection's TLS session, as the printer's
 * vsftpd-style server requires.
 *
 * <p>Why not Apache Commons Net: on the JDK's TLS provider it cannot resume the session on the
 * data connection (the JDK caches client sessions by host and port, and the data port differs;
 * the known Java fix swaps in the BouncyCastle TLS provider). Here the data connection's plain
 * socket reports the control connection's port, so the JDK finds the control session and resumes
 * it, with no reflection and no second TLS provider; and every read is bounded in size and time
 * by this class, which a general client leaves to its caller.
 *
 * <p>Bounds: connecting and each read wait at most {@code timeout}; a reply line is at most
 * {@value #MAX_LINE} bytes and a reply at most {@value #MAX_LINES} lines; a whole session must end
 * by its deadline. Paths with line breaks or NUL are refused (they would inject commands).
 *
 * <p>Not thread-safe: one session, one caller. The access code never appears in messages.
 */
final class FtpsClient implements AutoCloseable {
  static final int MAX_LINE = 4096;
  static final int MAX_LINES = 200;
  private static final Pattern PASV = Pattern.compile(
      "\\((\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3})\\)");
  private static final Pattern EPSV = Pattern.compile("\\(\\|\\|\\|(\\d{1,5})\\|\\)");

  /** What the server answered to a command it refused. */
  static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;
    final int code;

    Refused(String command, Reply r) {
      super(command + " refused: " + r);
      this.code = r.code;
    }
  }

  /** A reply: its code and its last line (clipped). */
  static final class Reply {
    final int code;
    final String text;

    Reply(int code, String text) {
      this.code = code;
      this.text = text;
    }

    @Override
    public String toString() {
      String t = text.length() > 200 ? text.substring(0, 200) + "..." : text;
      return t.replaceAll("[\\p{Cntrl}]", "?");
    }
  }

  /** Checks the printer's certificate after each handshake (the CN against the serial). */
  interface PeerCheck {
    void check(SSLSocket socket) throws IOException;
  }

  private final SSLSocketFactory tls;
  private final String host;
  private final int port;
  private final int timeoutMillis;
  private final long deadlineNanos;
  private final PeerCheck peerCheck;
  private final SSLSocket control;
  private final InputStream in;
  private final OutputStream out;
  private boolean binary;
  private boolean noRest;

  private FtpsClient(SSLSocketFactory tls, String host, int port, Duration timeout,
      Duration total, PeerCheck peerCheck) throws IOException {
    this.tls = tls;
    this.host = host;
    this.port = port;
    this.timeoutMillis = (int) Math.max(1, timeout.toMillis());
    this.deadlineNanos = System.nanoTime() + total.toNanos();
    this.peerCheck = peerCheck;
    Socket plain = new Socket();
    SSLSocket s = null;
    try {
      plain.connect(new InetSocketAddress(host, port), timeoutMillis);
      plain.setSoTimeout(timeoutMillis);
      s = (SSLSocket) tls.createSocket(plain, host, port, true);
      s.startHandshake();
      peerCheck.check(s);
    } catch (IOException | RuntimeException e) {
      close(s != null ? s : plain);
      throw e;
    }
    this.control = s;
    this.in = s.getInputStream();
    this.out = s.getOutputStream();
  }

  /**
   * Connects (implicit TLS) and logs in.
   *
   * @param tls the verified TLS of this printer (one factory per printer: its session cache)
   * @param host the printer
   * @param port the FTPS port (990)
   * @param user the user ({@code bblp})
   * @param password the access code
   * @param timeout the bound of the connect and of each read
   * @param total the bound of the whole session
   * @param peerCheck checks the certificate after each handshake
   * @return the logged-in session
   * @throws IOException when the printer cannot be reached, refuses the login or the TLS
   */
  static FtpsClient open(SSLSocketFactory tls, String host, int port, String user,
      byte[] password, Duration timeout, Duration total, PeerCheck peerCheck) throws IOException {
    FtpsClient c = new FtpsClient(tls, host, port, timeout, total, peerCheck);
    try {
      expect("greeting", c.reply(), 2);
      Reply u = c.command("USER " + user);
      if (u.code == 331) {
        c.sendLine(("PASS " + new String(password, StandardCharsets.UTF_8)));
        expect("PASS", c.reply(), 2);
      } else {
        expect("USER", u, 2);
      }
      expect("PBSZ", c.command("PBSZ 0"), 2);
      expect("PROT", c.command("PROT P"), 2);
      return c;
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /**
   * @param path the file
   * @return its size in bytes, or -1 when there is no such file
   * @throws IOException when the server cannot be asked
   */
  long size(String path) throws IOException {
    binary();
    Reply r = command("SIZE " + safe(path));
    if (r.code == 213) {
      try {
        long n = Long.parseLong(r.text.substring(Math.min(4, r.text.length())).trim());
        if (n < 0) {
          throw new NumberFormatException();
        }
        return n;
      } catch (NumberFormatException e) {
        throw new IOException("SIZE answered without a size: " + r);
      }
    }
    if (r.code == 550) {
      return -1;
    }
    throw new Refused("SIZE", r);
  }

  /**
   * Reads {@code length} bytes of a file from {@code offset} (fewer at its end). Starts the
   * transfer at the offset ({@code REST}); a server that refuses {@code REST} sends from the
   * start and the bytes before the offset are skipped (counted against the deadline).
   *
   * @param path the file
   * @param offset the first byte
   * @param length at most this many bytes
   * @return the bytes
   * @throws IOException when the transfer failed
   */
  byte[] read(String path, long offset, int length) throws IOException {
    binary();
    String p = safe(path);
    long skip = 0;
    if (offset > 0) {
      if (!noRest) {
        Reply r = command("REST " + offset);
        if (r.code != 350) {
          noRest = true;
        }
      }
      skip = noRest ? offset : 0;
    }
    int dataPort = passive();
    Socket plain = new ReportedPortSocket(port);
    SSLSocket data = null;
    ByteArrayOutputStream got = new ByteArrayOutputStream(Math.min(length, 1 << 16));
    boolean early = false;
    try {
      plain.connect(new InetSocketAddress(host, dataPort), timeoutMillis);
      plain.setSoTimeout(timeoutMillis);
      sendLine("RETR " + p);
      Reply start = reply();
      if (start.code / 100 != 1) {
        throw new Refused("RETR", start);
      }
      // the control port as the peer port: the JDK then offers the control session to resume
      data = (SSLSocket) tls.createSocket(plain, host, port, true);
      data.startHandshake();
      peerCheck.check(data);
      InputStream d = data.getInputStream();
      byte[] buf = new byte[16384];
      while (got.size() < length) {
        checkDeadline();
        int want = skip > 0 ? (int) Math.min(buf.length, skip)
            : Math.min(buf.length, length - got.size());
        int n = d.read(buf, 0, want);
        if (n < 0) {
          break;
        }
        if (skip > 0) {
          skip -= n;
        } else {
          got.write(buf, 0, n);
        }
      }
      early = got.size() >= length;
    } catch (IOException | RuntimeException e) {
      close(data != null ? data : plain);
      throw e;
    }
    close(data);
    Reply end = reply();
    // a transfer cut short by us ends in 426 (or 451); a whole one in 226
    if (end.code / 100 != 2 && !(early && (end.code == 426 || end.code == 451
        || end.code == 450))) {
      throw new Refused("RETR", end);
    }
    return got.toByteArray();
  }

  private void binary() throws IOException {
    if (!binary) {
      expect("TYPE", command("TYPE I"), 2);
      binary = true;
    }
  }

  /** Opens passive mode; the data connection goes to the control host, whatever PASV names. */
  private int passive() throws IOException {
    Reply r = command("EPSV");
    if (r.code == 229) {
      Matcher m = EPSV.matcher(r.text);
      if (m.find()) {
        return port(Integer.parseInt(m.group(1)));
      }
    }
    r = command("PASV");
    Matcher m = PASV.matcher(r.text);
    if (r.code != 227 || !m.find()) {
      throw new Refused("PASV", r);
    }
    return port(Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6)));
  }

  private static int port(int p) throws IOException {
    if (p < 1 || p > 65535) {
      throw new IOException("the printer named data port " + p);
    }
    return p;
  }

  private static String safe(String path) throws IOException {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        throw new IOException("a file name with a line break or NUL is not sent over FTP");
      }
    }
    return path;
  }

  private Reply command(String line) throws IOException {
    sendLine(line);
    return reply();
  }

  private void sendLine(String line) throws IOException {
    checkDeadline();
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void expect(String what, Reply r, int klass) throws IOException {
    if (r.code / 100 != klass) {
      throw new Refused(what, r);
    }
  }

  /** Reads one reply (multi-line replies end with the code and a space). */
  private Reply reply() throws IOException {
    String first = line();
    if (first.length() < 3 || !first.substring(0, 3).chars().allMatch(Character::isDigit)) {
      throw new IOException("not an FTP reply: " + new Reply(0, first));
    }
    int code = Integer.parseInt(first.substring(0, 3));
    String last = first;
    if (first.length() > 3 && first.charAt(3) == '-') {
      String end = first.substring(0, 3) + " ";
      int lines = 1;
      do {
        if (++lines > MAX_LINES) {
          throw new IOException("an FTP reply of more than " + MAX_LINES + " lines");
        }
        last = line();
      } while (!last.startsWith(end));
    }
    return new Reply(code, last);
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(128);
    while (true) {
      checkDeadline();
      int c;
      try {
        c = in.read();
      } catch (SocketTimeoutException e) {
        throw new SocketTimeoutException("the printer's FTP server did not answer within "
            + timeoutMillis + " ms");
      }
      if (c < 0) {
        throw new EOFException("the printer closed the FTP connection");
      }
      if (c == '\n') {
        String s = b.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      if (b.size() >= MAX_LINE) {
        throw new IOException("an FTP reply line longer than " + MAX_LINE + " bytes");
      }
      b.write(c);
    }
  }

  private void checkDeadline() throws IOException {
    if (System.nanoTime() - deadlineNanos > 0) {
      throw new SocketTimeoutException("reading the print file took longer than allowed");
    }
  }

  @Override
  public void close() {
    try {
      control.setSoTimeout(Math.min(timeoutMillis, 2000));
      out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException e) {
      // closing anyway
    }
    close(control);
  }

  private static void close(@Nullable Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // nothing more to do
      }
    }
  }

  /**
   * A plain socket that reports another port as its peer's: layered under TLS, it makes the JDK
   * look up (and resume) the session cached for the control connection, which the server checks.
   */
  private static final class ReportedPortSocket extends Socket {
    private final int reported;

    ReportedPortSocket(int reported) {
      this.reported = reported;
    }

    @Override
    public int getPort() {
      return isConnected() ? reported : 0;
    }
  }
}
