/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The server's TLS context from PEM files: a certificate chain, an unencrypted PKCS#8 private key
 * ({@code -----BEGIN PRIVATE KEY-----}, RSA or EC) and optionally the CA that signs Grafana's
 * client certificates.
 */
final class TlsContexts {

  private TlsContexts() {}

  static SSLContext server(Path certFile, Path keyFile, Optional<Path> clientCaFile)
      throws ConfigException {
    Collection<? extends Certificate> chain = certificates(GatewayConfig.TLS_CERT, certFile);
    PrivateKey key = privateKey(keyFile);
    try {
      char[] password = new char[0];
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      keyStore.setKeyEntry("gateway", key, password, chain.toArray(new Certificate[0]));
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(keyStore, password);

      TrustManagerFactory trust = null;
      if (clientCaFile.isPresent()) {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        int i = 0;
        for (Certificate ca : certificates(GatewayConfig.CLIENT_CA, clientCaFile.get())) {
          trustStore.setCertificateEntry("client-ca-" + i++, ca);
        }
        trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new ConfigException(
          GatewayConfig.TLS_CERT
              + "="
              + certFile
              + " / "
              + GatewayConfig.TLS_KEY
              + "="
              + keyFile
              + ": cannot build the TLS context: "
              + e.getMessage());
    }
  }

  private static Collection<? extends Certificate> certificates(String variable, Path file)
      throws ConfigException {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new ConfigException(variable + "=" + file + ": no PEM certificate in the file");
      }
      return certificates;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(
          variable + "=" + file + ": not a PEM certificate file (" + e.getMessage() + ")");
    }
  }

  private static PrivateKey privateKey(Path file) throws ConfigException {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new ConfigException(
          GatewayConfig.TLS_KEY + "=" + file + " cannot be read: " + e.getMessage());
    }
    String begin = "-----BEGIN PRIVATE KEY-----";
    String end = "-----END PRIVATE KEY-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new ConfigException(
          GatewayConfig.TLS_KEY
              + "="
              + file
              + " is not an unencrypted PKCS#8 PEM key ("
              + begin
              + ");"
              + " convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pkcs8.pem");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(GatewayConfig.TLS_KEY + "=" + file + ": bad base64 in the PEM key");
    }
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException notThisOne) {
        // try the next algorithm
      }
    }
    throw new ConfigException(
        GatewayConfig.TLS_KEY + "=" + file + ": neither an RSA nor an EC private key");
  }
}
