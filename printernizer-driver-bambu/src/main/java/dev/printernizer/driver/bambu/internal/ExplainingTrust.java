package dev.printernizer.driver.bambu.internal;

import java.net.Socket;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Wraps a printer's trust managers so that a refused certificate is explained in words (expired
 * on a date, issued by a CA that is not trusted, another fingerprint than the pinned one). The
 * decision stays entirely with the wrapped managers: every call is delegated, and every refusal
 * is rethrown unchanged after it was explained.
 */
final class ExplainingTrust {
  private ExplainingTrust() {}

  /**
   * @param trust the factory that decides
   * @param onRefusal receives the explanation of each refusal, on the TLS thread
   * @return a factory whose managers decide exactly as {@code trust}'s do
   */
  static TrustManagerFactory wrap(TrustManagerFactory trust, Consumer<String> onRefusal) {
    TrustManager[] in = trust.getTrustManagers();
    TrustManager[] out = new TrustManager[in.length];
    for (int i = 0; i < in.length; i++) {
      if (in[i] instanceof X509ExtendedTrustManager) {
        out[i] = new Extended((X509ExtendedTrustManager) in[i], onRefusal);
      } else if (in[i] instanceof X509TrustManager) {
        out[i] = new Plain((X509TrustManager) in[i], onRefusal);
      } else {
        out[i] = in[i];
      }
    }
    return factoryOf(out);
  }

  /** A factory handing out exactly these managers. */
  static TrustManagerFactory factoryOf(TrustManager[] managers) {
    TrustManager[] tms = managers.clone();
    return new TrustManagerFactory(new TrustManagerFactorySpi() {
      @Override
      protected void engineInit(KeyStore ks) {}

      @Override
      protected void engineInit(ManagerFactoryParameters spec) {}

      @Override
      protected TrustManager[] engineGetTrustManagers() {
        return tms.clone();
      }
    }, new Provider("PrinternizerTrust", "1.0", "printer certificate checks") {
      private static final long serialVersionUID = 1L;
    }, "PrinternizerTrust") {
    };
  }

  /**
   * @param chain the certificates the printer sent
   * @param e why they were refused
   * @return a short sentence for the user
   */
  static String explain(X509Certificate[] chain, CertificateException e) {
    if (chain == null || chain.length == 0) {
      return "the printer sent no certificate";
    }
    X509Certificate leaf = chain[0];
    try {
      leaf.checkValidity();
    } catch (CertificateExpiredException x) {
      return "the printer's certificate expired on " + day(leaf.getNotAfter())
          + " (check the printer's certificate, or this computer's clock)";
    } catch (CertificateNotYetValidException x) {
      return "the printer's certificate is valid only from " + day(leaf.getNotBefore())
          + " (check this computer's clock)";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertPathBuilderException) { // PKIX found no path to a trust anchor
        String issuer = BambuTls.cn(leaf.getIssuerX500Principal());
        return "the printer's certificate is issued by '" + (issuer != null ? issuer
            : leaf.getIssuerX500Principal().getName()) + "', which is not a trusted CA (set"
            + " ca_file to that CA, or pin_sha256 to the printer's certificate)";
      }
      if (t instanceof CertPathValidatorException) {
        return "the printer's certificate chain was not accepted: " + t.getMessage();
      }
    }
    return e.getMessage() != null ? e.getMessage() : "the printer's certificate was not accepted";
  }

  private static String day(java.util.Date d) {
    return d.toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }

  private static void check(X509Certificate[] chain, Consumer<String> onRefusal,
      Check check) throws CertificateException {
    try {
      check.run();
    } catch (CertificateException e) {
      onRefusal.accept(explain(chain, e));
      throw e;
    }
  }

  /** A delegated check. */
  @FunctionalInterface
  private interface Check {
    void run() throws CertificateException;
  }

  /** For managers of the JDK (PKIX): all overloads delegated, so JSSE's checks stay. */
  private static final class Extended extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager d;
    private final Consumer<String> onRefusal;

    Extended(X509ExtendedTrustManager d, Consumer<String> onRefusal) {
      this.d = d;
      this.onRefusal = onRefusal;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String auth, SSLEngine engine)
        throws CertificateException {
      check(chain, onRefusal, () -> d.checkServerTrusted(chain, auth, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String auth, Socket socket)
        throws CertificateException {
      check(chain, onRefusal, () -> d.checkServerTrusted(chain, auth, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String auth)
        throws CertificateException {
      check(chain, onRefusal, () -> d.checkServerTrusted(chain, auth));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String auth, SSLEngine engine)
        throws CertificateException {
      d.checkClientTrusted(chain, auth, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String auth, Socket socket)
        throws CertificateException {
      d.checkClientTrusted(chain, auth, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String auth)
        throws CertificateException {
      d.checkClientTrusted(chain, auth);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return d.getAcceptedIssuers();
    }
  }

  /**
   * For plain managers (the pinned one): stays a plain X509TrustManager, so JSSE keeps wrapping
   * it with its own additional checks as before.
   */
  private static final class Plain implements X509TrustManager {
    private final X509TrustManager d;
    private final Consumer<String> onRefusal;

    Plain(X509TrustManager d, Consumer<String> onRefusal) {
      this.d = d;
      this.onRefusal = onRefusal;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String auth)
        throws CertificateException {
      check(chain, onRefusal, () -> d.checkServerTrusted(chain, auth));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String auth)
        throws CertificateException {
      d.checkClientTrusted(chain, auth);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return d.getAcceptedIssuers();
    }
  }
}
