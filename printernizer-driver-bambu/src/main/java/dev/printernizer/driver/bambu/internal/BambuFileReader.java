package dev.printernizer.driver.bambu.internal;

import dev.printernizer.api.Job;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.Thumbnail;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

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
  /** The picture of the last reading, by job id, until the engine asks for it (guarded). */
  private Map.@Nullable Entry<String, Thumbnail> lastThumbnail;

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
      lastThumbnail = null;
      Optional<BambuPrintFiles.Read> r;
      try (FtpsClient ftp = FtpsClient.open(tls, host, port, "bblp", secret, READ_TIMEOUT,
          TOTAL_TIMEOUT, this::checkSerial)) {
        r = BambuPrintFiles.read(ftp, job);
      }
      if (r.isPresent() && r.get().thumbnail != null) {
        lastThumbnail = Map.entry(job.id(), r.get().thumbnail);
      }
      return r.map(x -> x.file);
    }
  }

  /**
   * The picture read with the job's description (the engine asks right after {@link #read}); a
   * second session is never opened for it.
   */
  Optional<Thumbnail> thumbnail(Job job) {
    synchronized (lock) {
      Map.Entry<String, Thumbnail> t = lastThumbnail;
      if (t == null || !t.getKey().equals(job.id())) {
        return Optional.empty();
      }
      lastThumbnail = null;
      return Optional.of(t.getValue());
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
