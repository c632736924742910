package io.ordertrace.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Decides whether the caller is Grafana. Every configured mechanism must succeed: the shared
 * secret in {@value #SECRET_HEADER} (compared in constant time) when a secret is configured, and
 * a client certificate signed by {@code GATEWAY_CLIENT_CA} when that is configured (the TLS
 * handshake already refuses connections without one; this checks again).
 */
final class CallerAuthenticator {

  static final String SECRET_HEADER = "X-Ordertrace-Gateway-Secret";

  private final Optional<byte[]> secretDigest;
  private final boolean requireClientCertificate;

  CallerAuthenticator(Optional<String> sharedSecret, boolean requireClientCertificate) {
    this.secretDigest = sharedSecret.map(CallerAuthenticator::sha256);
    this.requireClientCertificate = requireClientCertificate;
  }

  /** How the caller proved it is Grafana ({@code secret}, {@code mtls}, {@code mtls+secret}), or empty. */
  Optional<String> authenticate(HttpExchange exchange) {
    boolean mtls = false;
    if (requireClientCertificate) {
      if (!(exchange instanceof HttpsExchange https) || !hasPeerCertificate(https.getSSLSession())) {
        return Optional.empty();
      }
      mtls = true;
    }
    if (secretDigest.isPresent()) {
      List<String> values = exchange.getRequestHeaders().get(SECRET_HEADER);
      if (values == null || values.size() != 1) {
        return Optional.empty();
      }
      // digests have equal length, so the comparison time does not depend on the secret
      if (!MessageDigest.isEqual(secretDigest.get(), sha256(values.get(0)))) {
        return Optional.empty();
      }
      return Optional.of(mtls ? "mtls+secret" : "secret");
    }
    return mtls ? Optional.of("mtls") : Optional.empty();
  }

  private static boolean hasPeerCertificate(SSLSession session) {
    try {
      Certificate[] chain = session == null ? null : session.getPeerCertificates();
      return chain != null && chain.length > 0;
    } catch (SSLPeerUnverifiedException e) {
      return false;
    }
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
