package dev.printernizer.simulators;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v1CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made at test time, shaped like Bambu's: a self-signed test CA ("Test BBL CA") and
 * printer leaves with {@code CN=<serial>}, X.509 version 1 (no extensions, so no SAN), as X1, P1
 * and A1 printers present them. Never use these outside tests.
 *
 * @since 0.1
 */
public final class TestCertificates {
  private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() & 0xFFFFFFL);

  private final KeyPair caKeys;
  private final X509Certificate ca;

  private TestCertificates(String caName) {
    try {
      caKeys = rsa();
      X500Name name = new X500Name("CN=" + caName + ",O=Printernizer Test,C=DE");
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name,
          BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(Duration.ofDays(1))),
          Date.from(now.plus(Duration.ofDays(3650))), name, caKeys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      ca = new JcaX509CertificateConverter().getCertificate(b.build(signer(caKeys)));
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the test CA: " + e, e);
    }
  }

  /**
   * A new test CA.
   *
   * @param caName its common name, e.g. "Test BBL CA"
   * @return the CA
   * @since 0.1
   */
  public static TestCertificates newCa(String caName) {
    return new TestCertificates(caName);
  }

  /**
   * @return the CA certificate (what a client trusts)
   * @since 0.1
   */
  public X509Certificate caCertificate() {
    return ca;
  }

  /**
   * @return the CA certificate in PEM
   * @since 0.1
   */
  public String caPem() {
    return pem(ca);
  }

  /**
   * A printer leaf, version 1, {@code CN=<commonName>}, signed by this CA.
   *
   * @param commonName the printer serial
   * @param validFrom start of validity
   * @param validTo end of validity
   * @return a key store (type PKCS12, password "changeit", alias "printer") holding the leaf's
   *     key with the chain [leaf] (printers send their leaf alone)
   * @since 0.1
   */
  public KeyStore printerKeyStore(String commonName, Instant validFrom, Instant validTo) {
    try {
      KeyPair keys = rsa();
      JcaX509v1CertificateBuilder b = new JcaX509v1CertificateBuilder(
          X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
          BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(validFrom), Date.from(validTo),
          new X500Name("CN=" + commonName), keys.getPublic());
      X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(
          b.build(signer(caKeys)));
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("printer", keys.getPrivate(), "changeit".toCharArray(),
          new X509Certificate[] {leaf});
      return ks;
    } catch (Exception e) {
      throw new IllegalStateException("cannot create a printer certificate: " + e, e);
    }
  }

  /**
   * A valid printer leaf for {@code serial}, valid from yesterday for ten years.
   *
   * @param serial the printer serial
   * @return the key store
   * @since 0.1
   */
  public KeyStore printerKeyStore(String serial) {
    Instant now = Instant.now();
    return printerKeyStore(serial, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)));
  }

  /**
   * Writes a printer certificate and key as PEM files, for brokers such as Mosquitto:
   * {@code <dir>/ca.pem}, {@code <dir>/printer.pem}, {@code <dir>/printer.key}.
   *
   * @param commonName the printer serial
   * @param dir the directory
   * @since 0.1
   */
  public void writePrinterPems(String commonName, java.nio.file.Path dir) {
    try {
      KeyStore ks = printerKeyStore(commonName);
      X509Certificate leaf = (X509Certificate) ks.getCertificate("printer");
      java.security.Key key = ks.getKey("printer", "changeit".toCharArray());
      java.nio.file.Files.writeString(dir.resolve("ca.pem"), caPem());
      java.nio.file.Files.writeString(dir.resolve("printer.pem"), pem(leaf));
      java.nio.file.Files.writeString(dir.resolve("printer.key"), "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
              .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    } catch (Exception e) {
      throw new IllegalStateException("cannot write PEM files: " + e, e);
    }
  }

  /**
   * @param cert a certificate
   * @return its SHA-256 fingerprint, lower-case hex without separators
   * @since 0.1
   */
  public static String sha256(X509Certificate cert) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(cert.getEncoded()));
    } catch (NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair rsa() throws NoSuchAlgorithmException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  private static ContentSigner signer(KeyPair keys) throws Exception {
    return new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate());
  }

  static String pem(X509Certificate c) {
    try {
      StringWriter w = new StringWriter();
      w.write("-----BEGIN CERTIFICATE-----\n");
      w.write(Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
          .encodeToString(c.getEncoded()));
      w.write("\n-----END CERTIFICATE-----\n");
      return w.toString();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
