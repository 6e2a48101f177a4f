package dev.printernizer.driver.bambu.internal;

import dev.printernizer.api.Job;
import dev.printernizer.api.PrintFile;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Reads a job's print file from one Bambu printer over FTPS (implicit TLS, port 990 by default,
 * user {@code bblp} and the access code), verified exactly as the MQTT connection: the chain
 * against the Bambu CAs (or the pin) and the certificate's CN against the serial. One session at
 * a time per printer (the printers allow few connections), opened for one read and closed after.
 *
 * <p>Thread-safe; blocks (called on the engine's driver executor).
 */
final class BambuFileReader {
  /** Bound of the connect and of each read. */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(15);
  /** Bound of one whole reading (log in, find the file, read its entries). */
  static final Duration TOTAL_TIMEOUT = Duration.ofSeconds(90);

  private final String host;
  private final int port;
  private final String serial;
  private final byte[] secret;
  private final SSLSocketFactory tls;
  private final Object lock = new Object();

  /**
   * @param host the printer
   * @param port its FTPS port
   * @param serial the serial the certificate must name
   * @param secret the access code (not copied: the driver's own array)
   * @param trust the verified trust of this printer
   */
  BambuFileReader(String host, int port, String serial, byte[] secret, TrustManagerFactory trust) {
    this.host = host;
    this.port = port;
    this.serial = serial;
    this.secret = secret;
    try {
      SSLContext ctx = SSLContext.getInstance("TLSv1.2"); // as MQTT: some firmware hangs on 1.3
      ctx.init(null, trust.getTrustManagers(), null);
      this.tls = ctx.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS 1.2 in this JVM: " + e, e);
    }
  }

  Optional<PrintFile> read(Job job) throws IOException {
    synchronized (lock) {
      try (FtpsClient ftp = FtpsClient.open(tls, host, port, "bblp", secret, READ_TIMEOUT,
          TOTAL_TIMEOUT, this::checkSerial)) {
        return BambuPrintFiles.read(ftp, job);
      }
    }
  }

  private void checkSerial(SSLSocket s) throws IOException {
    String cn = BambuTls.peerCn(s.getSession());
    if (cn == null || !cn.equals(serial)) {
      s.close();
      throw new IOException("the FTPS certificate names serial " + cn + ", configured " + serial);
    }
  }
}
