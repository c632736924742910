/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.files;

import static io.ordertrace.demo.support.LiteHttpServer.sendJson;

import com.sun.net.httpserver.HttpExchange;
import io.ordertrace.demo.support.Env;
import io.ordertrace.demo.support.LiteHttpServer;
import io.ordertrace.demo.support.LiteHttpServer.HttpError;
import io.ordertrace.demo.support.Log;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The 3D-model file storage: a tiny HTTP object store, {@code PUT/GET /files/{key}}, files on disk.
 */
public final class FileStore {
  private static final Log LOG = Log.get(FileStore.class);
  static final Pattern KEY =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}(/[A-Za-z0-9][A-Za-z0-9._-]{0,99}){0,4}");
  static final long MAX_BYTES = 50L * 1024 * 1024;

  private final Path root;

  FileStore(Path root) {
    this.root = root;
  }

  public static void main(String[] args) throws Exception {
    Env env = Env.system();
    Path dir = Path.of(env.get("FILE_STORE_DIR", "file-store-data")).toAbsolutePath().normalize();
    Files.createDirectories(dir);
    LOG.info("storing files under " + dir);
    new FileStore(dir)
        .server()
        .start(env.get("BIND_HOST", "127.0.0.1"), env.getInt("FILE_STORE_PORT", 8084), 8);
  }

  LiteHttpServer server() {
    return new LiteHttpServer("file-store")
        .route(
            "GET",
            "/health",
            (ex, m) ->
                sendJson(
                    ex,
                    Files.isWritable(root) ? 200 : 503,
                    Map.of("status", Files.isWritable(root) ? "UP" : "DOWN")))
        .route("PUT", "/files/(.+)", (ex, m) -> put(ex, m.group(1)))
        .route("GET", "/files/(.+)", (ex, m) -> get(ex, m.group(1)));
  }

  /** Maps a key to a file below the root; rejects anything that could escape it. */
  Path resolve(String key) {
    if (!KEY.matcher(key).matches() || key.contains("..")) {
      throw new HttpError(
          400,
          "invalid file key '" + key + "': use letters, digits, '.', '_', '-' and up to 4 '/'");
    }
    Path p = root.resolve(key).normalize();
    if (!p.startsWith(root)) {
      throw new HttpError(400, "invalid file key '" + key + "'");
    }
    return p;
  }

  private void put(HttpExchange ex, String key) throws Exception {
    Path target = resolve(key);
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    long size = 0;
    try (InputStream in = ex.getRequestBody();
        var out = Files.newOutputStream(tmp)) {
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) > 0) {
        size += n;
        if (size > MAX_BYTES) {
          throw new HttpError(413, "file larger than " + MAX_BYTES + " bytes");
        }
        sha.update(buf, 0, n);
        out.write(buf, 0, n);
      }
    } catch (RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Map<String, Object> resp = new LinkedHashMap<>();
    resp.put("key", key);
    resp.put("size", size);
    resp.put("sha256", HexFormat.of().formatHex(sha.digest()));
    LOG.info("stored " + key + " (" + size + " bytes)");
    ex.getResponseHeaders().set("Location", "/files/" + key);
    sendJson(ex, 201, resp);
  }

  private void get(HttpExchange ex, String key) throws Exception {
    Path p = resolve(key);
    if (!Files.isRegularFile(p)) {
      throw new HttpError(404, "no file with key '" + key + "'");
    }
    LiteHttpServer.send(ex, 200, "application/octet-stream", Files.readAllBytes(p));
  }
}
