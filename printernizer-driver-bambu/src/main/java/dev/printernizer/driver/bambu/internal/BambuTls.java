package dev.printernizer.driver.bambu.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/**
 * How the driver verifies a printer: the certificate chain against Bambu's CAs (bundled, or a
 * PEM file the user names), or against a pinned SHA-256 fingerprint of the printer's own
 * certificate; and, in every case, the certificate's CN against the configured serial (the
 * printers' certificates carry no host names). There is no mode that trusts anything.
 */
public final class BambuTls {
  private static final String[] BUNDLED = {"bbl-ca.pem", "bbl-device-ca-n6-v2.pem",
      "bbl-device-ca-n7-v2.pem", "bbl-device-ca-o1c2-v2.pem"};
  private static final Pattern CN = Pattern.compile("(?:^|,)\\s*CN=((?:\\\\.|[^,])+)");

  private BambuTls() {}

  /** @return Bambu's public CA certificates shipped with the driver */
  public static List<X509Certificate> bundledCas() {
    List<X509Certificate> out = new ArrayList<>();
    for (String f : BUNDLED) {
      try (InputStream in = BambuTls.class.getResourceAsStream("/dev/printernizer/driver/bambu/ca/"
          + f)) {
        if (in == null) {
          throw new IllegalStateException("bundled CA missing: " + f);
        }
        out.addAll(parse(in.readAllBytes(), f));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read bundled CA " + f, e);
      }
    }
    return out;
  }

  /**
   * @param file a PEM file with one or more CA certificates
   * @return the certificates
   * @throws IllegalArgumentException naming the file when it cannot be read or holds none
   */
  public static List<X509Certificate> casFrom(Path file) {
    try {
      List<X509Certificate> l = parse(Files.readAllBytes(file), file.toString());
      if (l.isEmpty()) {
        throw new IllegalArgumentException("CA file " + file + " holds no certificate");
      }
      return l;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read CA file " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<X509Certificate> parse(byte[] pem, String what) {
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c : cf.generateCertificates(new ByteArrayInputStream(pem))) {
        out.add((X509Certificate) c);
      }
      return out;
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not a PEM certificate file: " + what, e);
    }
  }

  /**
   * PKIX trust in the given anchors (any certificate may be an anchor, so leaf-only chains of
   * intermediates validate).
   *
   * @param anchors CA certificates
   * @return the factory
   */
  public static TrustManagerFactory caTrust(List<X509Certificate> anchors) {
    try {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (X509Certificate c : anchors) {
        ks.setCertificateEntry("ca-" + (i++), c);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(ks);
      return tmf;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the trust store", e);
    }
  }

  /**
   * Trust in exactly one printer certificate, identified by its SHA-256 fingerprint (which must
   * also be within its validity period).
   *
   * @param sha256 the fingerprint, hex, colons allowed
   * @return the factory
   */
  public static TrustManagerFactory pinnedTrust(String sha256) {
    String pin = normalizePin(sha256);
    return ExplainingTrust.factoryOf(new TrustManager[] {new PinnedTrustManager(pin)});
  }

  /**
   * @param pin a fingerprint as users write it
   * @return 64 lower-case hex digits
   * @throws IllegalArgumentException if it is not a SHA-256 fingerprint
   */
  public static String normalizePin(String pin) {
    String p = pin.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
    if (!p.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("pin_sha256 must be a SHA-256 fingerprint (64 hex"
          + " digits, colons allowed)");
    }
    return p;
  }

  /** Checks the leaf's fingerprint instead of a chain. */
  private static final class PinnedTrustManager implements X509TrustManager {
    private final String pin;

    PinnedTrustManager(String pin) {
      this.pin = pin;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      if (chain == null || chain.length == 0) {
        throw new CertificateException("the printer sent no certificate");
      }
      chain[0].checkValidity();
      String got = sha256(chain[0]);
      if (!got.equals(pin)) {
        throw new CertificateException("the printer's certificate has fingerprint " + got
            + ", not the pinned " + pin);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("not a server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /**
   * @param cert a certificate
   * @return its SHA-256 fingerprint, lower-case hex
   */
  public static String sha256(X509Certificate cert) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(cert.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The check that replaces host-name verification: the printer's certificate must name the
   * configured serial as its CN, exactly (the serial, case included, is also the MQTT topic).
   *
   * @param serial the configured serial
   * @return the verifier
   */
  public static HostnameVerifier serialVerifier(String serial) {
    return (host, session) -> {
      String cn = peerCn(session);
      return cn != null && cn.equals(serial);
    };
  }

  /**
   * @param session a TLS session
   * @return the CN of the peer's certificate, or null
   */
  public static @Nullable String peerCn(SSLSession session) {
    try {
      Certificate[] peer = session.getPeerCertificates();
      if (peer.length == 0 || !(peer[0] instanceof X509Certificate)) {
        return null;
      }
      return cn((X509Certificate) peer[0]);
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }

  /**
   * @param c a certificate
   * @return its subject CN, or null
   */
  public static @Nullable String cn(X509Certificate c) {
    return cn(c.getSubjectX500Principal());
  }

  /**
   * @param name a distinguished name
   * @return its CN, or null
   */
  public static @Nullable String cn(X500Principal name) {
    Matcher m = CN.matcher(name.getName());
    return m.find() ? m.group(1).replace("\\", "").trim() : null;
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
