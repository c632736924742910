/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * One JSON line per request (S4), appended and forced to disk before the response is sent. If a
 * line cannot be written the request fails (500), so nothing is served unaudited. The file is
 * created {@code 0600}. Every control character (C0, DEL, C1) and U+2028/U+2029 is written as a
 * {@code \\uXXXX} escape, so one request is always exactly one line for any reader.
 */
final class AuditLog implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Object lock = new Object();
  private final Object syncLock = new Object();

  /** Lines written to the file (under lock), and lines known to be on disk (under syncLock). */
  private long written;

  private long synced;
  private final FileChannel file;
  private final PrintStream stdout;

  private AuditLog(FileChannel file, PrintStream stdout) {
    this.file = file;
    this.stdout = stdout;
  }

  /**
   * Opens (creating {@code 0600}) the audit file for appending. Returns a warning to print once if
   * an existing file is readable by group or others, else null (via {@code warnings}).
   */
  static AuditLog toFile(Path path) throws IOException {
    Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
    try {
      Files.createFile(path, PosixFilePermissions.asFileAttribute(owner));
    } catch (FileAlreadyExistsException exists) {
      // appended to, permissions left as the operator set them (see widePermissionsWarning)
    } catch (UnsupportedOperationException notPosix) {
      // not a POSIX file system: created by open() below with the platform's defaults
    }
    return new AuditLog(
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
        null);
  }

  /** A one-line warning if {@code path} is readable by group or others, else null. */
  static String widePermissionsWarning(Path path) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
      if (permissions.contains(PosixFilePermission.GROUP_READ)
          || permissions.contains(PosixFilePermission.OTHERS_READ)) {
        return "WARNING: the audit log " + path + " is readable by group or others (chmod 600 it)";
      }
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
    return null;
  }

  static AuditLog toStdout(PrintStream stdout) {
    return new AuditLog(null, stdout);
  }

  /**
   * Appends {@code entry} as one line; returns only once it is on disk (or flushed to stdout).
   * Concurrent writers share one {@code fsync} (group commit): each waits until a sync that started
   * after its own write has finished, so the guarantee holds per line at a fraction of the syncs.
   */
  void write(AuditEntry entry) throws IOException {
    byte[] line = (toJson(entry) + "\n").getBytes(StandardCharsets.UTF_8);
    if (file == null) {
      synchronized (lock) {
        stdout.write(line, 0, line.length);
        stdout.flush();
        if (stdout.checkError()) {
          throw new IOException("stdout is closed");
        }
      }
      return;
    }
    long mine;
    synchronized (lock) {
      ByteBuffer bytes = ByteBuffer.wrap(line);
      while (bytes.hasRemaining()) {
        file.write(bytes);
      }
      mine = ++written;
    }
    synchronized (syncLock) {
      if (synced >= mine) {
        return; // another writer's sync covered this line
      }
      long upTo;
      synchronized (lock) {
        upTo = written;
      }
      file.force(false);
      synced = upTo;
    }
  }

  static String toJson(AuditEntry entry) {
    ObjectNode line = JSON.createObjectNode();
    line.put("ts", entry.time.truncatedTo(ChronoUnit.MILLIS).toString());
    line.put("user", cap(entry.user));
    line.put("role", cap(entry.role));
    line.put("caller", entry.caller);
    line.put("client", entry.client);
    line.put("method", cap(entry.method));
    line.put("path", cap(entry.path));
    if (entry.query == null) {
      line.putNull("query");
    } else {
      ObjectNode query = line.putObject("query");
      entry.query.forEach((name, value) -> query.put(cap(name), cap(value)));
    }
    line.put("decision", entry.decision);
    line.put("reason", cap(entry.reason));
    line.put("status", entry.status);
    line.put("upstream_status", entry.upstreamStatus);
    line.put("upstream_calls", entry.upstreamCalls);
    line.put("result_count", entry.resultCount);
    line.put("duration_ms", entry.durationMs());
    return escaped(line);
  }

  /** {@code node} as compact JSON with every control character and line separator escaped. */
  static String escaped(ObjectNode node) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = JSON.getFactory().createGenerator(out)) {
      generator.setCharacterEscapes(ControlCharacterEscapes.INSTANCE);
      JSON.writeTree(generator, node);
    } catch (IOException e) {
      throw new IllegalStateException("writing JSON to a string cannot fail", e);
    }
    return out.toString();
  }

  private static String cap(String value) {
    return AuditEntry.prefix(value, AuditEntry.MAX_FIELD);
  }

  @Override
  public void close() throws IOException {
    synchronized (lock) {
      if (file != null) {
        file.close();
      }
    }
  }

  /**
   * JSON's own escapes plus DEL, C1 (U+0080-U+009F) and U+2028/U+2029, which readers split lines
   * on.
   */
  private static final class ControlCharacterEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;

    static final ControlCharacterEscapes INSTANCE = new ControlCharacterEscapes();
    private final int[] ascii;

    private ControlCharacterEscapes() {
      ascii = CharacterEscapes.standardAsciiEscapesForJSON();
      ascii[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if ((ch >= 0x80 && ch <= 0x9F) || ch == 0x2028 || ch == 0x2029) {
        return new SerializedString(String.format("\\u%04x", ch));
      }
      return null;
    }
  }
}
