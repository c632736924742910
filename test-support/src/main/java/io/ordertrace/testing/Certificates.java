/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * PEM certificates for TLS tests, made by the real {@code openssl} (as an operator would make
 * them), and a client TLS context that trusts one of them.
 *
 * <pre>{@code
 * Path cert = Certificates.selfSignedForLoopback(dir, "server"); // server.pem, server.key
 * HttpClient client = HttpClient.newBuilder().sslContext(Certificates.trusting(cert)).build();
 * }</pre>
 */
public final class Certificates {

  /**
   * A self-signed RSA certificate for {@code 127.0.0.1} (common name and subject alternative name),
   * valid two days: {@code <name>.pem} and its unencrypted PKCS#8 key {@code <name>.key} in {@code
   * dir}.
   *
   * @return the certificate's path
   */
  public static Path selfSignedForLoopback(Path dir, String name) {
    return selfSigned(dir, name, "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1");
  }

  /**
   * A self-signed RSA certificate (a test CA, say) for {@code subject}, valid two days, with more
   * {@code openssl req} arguments: {@code <name>.pem} and its unencrypted PKCS#8 key {@code
   * <name>.key} in {@code dir}.
   *
   * @return the certificate's path
   */
  public static Path selfSigned(Path dir, String name, String subject, String... more) {
    List<String> options = new ArrayList<>(List.of("-x509", "-days", "2", "-out", name + ".pem"));
    options.addAll(List.of(more));
    newKey(dir, name, subject, options);
    return dir.resolve(name + ".pem");
  }

  /**
   * An RSA certificate for {@code subject} signed by the CA {@code ca} (its {@code <ca>.pem} and
   * {@code <ca>.key} in {@code dir}, as {@link #selfSigned} makes them), valid two days, with the
   * X.509 extensions of {@code extensionsFile} (such as {@code subjectAltName=IP:127.0.0.1}):
   * {@code <name>.pem} and its unencrypted PKCS#8 key {@code <name>.key} in {@code dir}.
   *
   * @return the certificate's path
   */
  public static Path signed(
      Path dir, String name, String subject, String ca, String extensionsFile) {
    newKey(dir, name, subject, List.of("-out", name + ".csr"));
    openssl(
        dir,
        "x509",
        "-req",
        "-in",
        name + ".csr",
        "-CA",
        ca + ".pem",
        "-CAkey",
        ca + ".key",
        "-CAcreateserial",
        "-out",
        name + ".pem",
        "-days",
        "2",
        "-extfile",
        extensionsFile);
    return dir.resolve(name + ".pem");
  }

  /** {@code openssl req} for a new RSA key {@code <name>.key} with {@code options}. */
  private static void newKey(Path dir, String name, String subject, List<String> options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                name + ".key",
                "-subj",
                subject));
    args.addAll(options);
    openssl(dir, args.toArray(String[]::new));
  }

  /** Runs {@code openssl args...} in {@code dir}; an error with all its output if it fails. */
  public static void openssl(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Command.builder(command).directory(dir).errorToOutput().run().orThrow();
  }

  /** A client TLS context that trusts only the PEM certificate {@code certificate}. */
  public static SSLContext trusting(Path certificate) throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      trust.setCertificateEntry(
          "trusted", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private Certificates() {}
}
