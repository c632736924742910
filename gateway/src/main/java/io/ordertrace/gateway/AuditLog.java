package io.ordertrace.gateway;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One JSON line per request (S4), appended and forced to disk before the response is sent. If a
 * line cannot be written the request fails (500), so nothing is served unaudited.
 */
final class AuditLog implements AutoCloseable {

  private final FileChannel file;
  private final PrintStream stdout;

  private AuditLog(FileChannel file, PrintStream stdout) {
    this.file = file;
    this.stdout = stdout;
  }

  static AuditLog toFile(Path path) throws IOException {
    return new AuditLog(
        FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
        null);
  }

  static AuditLog toStdout(PrintStream stdout) {
    return new AuditLog(null, stdout);
  }

  /** Appends {@code entry} as one line; returns only once it is on disk (or flushed to stdout). */
  synchronized void write(AuditEntry entry) throws IOException {
    String line = entry.toJson() + "\n";
    if (file != null) {
      ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        file.write(bytes);
      }
      file.force(false);
    } else {
      stdout.print(line);
      stdout.flush();
      if (stdout.checkError()) {
        throw new IOException("stdout is closed");
      }
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (file != null) {
      file.close();
    }
  }
}
