/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The one-jar agent is the upstream agent, entry for entry, plus the extension. */
class OneJarAgentIT {

  private final String oneJar = System.getProperty("ordertrace.javaagent");
  private final String upstream = System.getProperty("ordertrace.upstream.javaagent");
  private final String extension = System.getProperty("ordertrace.extension.jar");

  @Test
  void everyUpstreamEntryIsCopiedByteForByteInItsOriginalOrder() throws IOException {
    try (ZipFile original = new ZipFile(upstream);
        ZipFile repacked = new ZipFile(oneJar)) {
      List<String> originalNames = names(original);
      List<String> repackedNames = names(repacked);
      assertThat(repackedNames.subList(0, originalNames.size())).isEqualTo(originalNames);
      assertThat(repackedNames.subList(originalNames.size(), repackedNames.size()))
          .containsExactly("extensions/ordertrace-extension.jar");
      for (String name : originalNames) {
        assertThat(bytes(repacked, name)).as(name).isEqualTo(bytes(original, name));
      }
      try (ZipFile ext = new ZipFile(extension)) {
        // the embedded copy is the published extension jar
        assertThat(bytes(repacked, "extensions/ordertrace-extension.jar"))
            .isEqualTo(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(extension)));
        assertThat(
                ext.getEntry(
                    "META-INF/services/io.opentelemetry.instrumentation.api.incubator.instrumenter.InstrumenterCustomizerProvider"))
            .isNotNull();
      }
    }
  }

  @Test
  void keepsTheAgentManifest() throws IOException {
    try (JarFile original = new JarFile(upstream);
        JarFile repacked = new JarFile(oneJar)) {
      assertThat(repacked.getManifest()).isEqualTo(original.getManifest());
      assertThat(repacked.getManifest().getMainAttributes().getValue("Premain-Class"))
          .isEqualTo("io.opentelemetry.javaagent.OpenTelemetryAgent");
      assertThat(repacked.getManifest().getMainAttributes().getValue("Implementation-Version"))
          .isNotBlank();
    }
  }

  @Test
  void extensionIsCompiledForJava8() throws IOException {
    try (ZipFile ext = new ZipFile(extension)) {
      ZipEntry entry = ext.getEntry("io/ordertrace/extension/OrderTraceAutoConfiguration.class");
      byte[] header = new byte[8];
      try (InputStream in = ext.getInputStream(entry)) {
        assertThat(in.readNBytes(header, 0, 8)).isEqualTo(8);
      }
      int major = ((header[6] & 0xff) << 8) | (header[7] & 0xff);
      assertThat(major).as("class file major version of Java 8").isEqualTo(52);
    }
  }

  private static List<String> names(ZipFile zip) {
    List<String> names = new ArrayList<>();
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      names.add(entries.nextElement().getName());
    }
    return names;
  }

  private static byte[] bytes(ZipFile zip, String name) throws IOException {
    try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
      return in.readAllBytes();
    }
  }
}
