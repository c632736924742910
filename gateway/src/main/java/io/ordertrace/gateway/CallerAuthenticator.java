/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import io.ordertrace.store.GatewayHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;

/**
 * Checks that the caller is Grafana (or bin/ordertrace with the same credentials): the shared
 * secret header, compared in constant time, and/or a client certificate signed by the configured CA
 * (the TLS handshake already refuses connections without one; this checks again).
 */
final class CallerAuthenticator {

  static final String SECRET_HEADER = GatewayHeaders.SECRET;

  private final Optional<byte[]> secretDigest;
  private final boolean requireClientCertificate;

  CallerAuthenticator(Optional<String> sharedSecret, boolean requireClientCertificate) {
    this.secretDigest = sharedSecret.map(CallerAuthenticator::sha256);
    this.requireClientCertificate = requireClientCertificate;
  }

  /**
   * How the caller proved it is Grafana ({@code secret}, {@code mtls}, {@code mtls+secret}), or
   * empty.
   */
  Optional<String> authenticate(Request request) {
    boolean mtls = false;
    if (requireClientCertificate) {
      EndPoint.SslSessionData ssl =
          request.getConnectionMetaData().getConnection().getEndPoint().getSslSessionData();
      X509Certificate[] chain = ssl == null ? null : ssl.peerCertificates();
      if (chain == null || chain.length == 0) {
        return Optional.empty();
      }
      mtls = true;
    }
    if (secretDigest.isPresent()) {
      List<String> values = request.getHeaders().getValuesList(SECRET_HEADER);
      if (values.size() != 1) {
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

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
