package dev.lockstep.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A JSON-RPC client that speaks raw LSP framing to a server's streams: it writes exactly the bytes
 * given (so tests can send malformed messages) and records everything the server sends, with the
 * time it arrived. Requests from the server ({@code workspace/configuration}, {@code
 * client/registerCapability}) are answered with {@code null}.
 */
final class JsonRpcClient implements AutoCloseable {
  /** A message from the server and when it was read ({@link System#nanoTime()}). */
  record Received(JsonObject message, long nanos) {}

  private final OutputStream toServer;
  private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
  private final List<Received> seen = new ArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final Thread reader;

  JsonRpcClient(InputStream fromServer, OutputStream toServer) {
    this.toServer = toServer;
    this.reader = new Thread(() -> read(fromServer), "test-jsonrpc-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** A server running in this JVM over pipes. */
  static JsonRpcClient inProcess(LockstepLsp.Running[] running) throws IOException {
    PipedOutputStream clientOut = new PipedOutputStream();
    PipedInputStream serverIn = new PipedInputStream(clientOut, 1 << 20);
    PipedOutputStream serverOut = new PipedOutputStream();
    PipedInputStream clientIn = new PipedInputStream(serverOut, 1 << 20);
    running[0] = LockstepLsp.start(serverIn, serverOut, Fixtures.SERVICE, Fixtures.REGISTRY,
        m -> "https://example.test/rules/" + m.id(), "test", () -> { });
    return new JsonRpcClient(clientIn, clientOut);
  }

  private void read(InputStream in) {
    try {
      while (true) {
        int length = -1;
        StringBuilder line = new StringBuilder();
        while (true) {
          int c = in.read();
          if (c < 0) {
            return;
          }
          if (c == '\n') {
            String l = line.toString().trim();
            line.setLength(0);
            if (l.isEmpty()) {
              break;
            }
            if (l.toLowerCase().startsWith("content-length:")) {
              length = Integer.parseInt(l.substring(15).trim());
            }
          } else {
            line.append((char) c);
          }
        }
        byte[] body = in.readNBytes(length);
        JsonObject msg = JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
        long now = System.nanoTime();
        if (msg.has("method") && msg.has("id")) {
          JsonObject reply = new JsonObject();
          reply.addProperty("jsonrpc", "2.0");
          reply.add("id", msg.get("id"));
          if (msg.get("method").getAsString().equals("workspace/configuration")) {
            reply.add("result", JsonParser.parseString("[null]"));
          } else {
            reply.add("result", com.google.gson.JsonNull.INSTANCE);
          }
          send(reply.toString());
        }
        inbox.add(new Received(msg, now));
      }
    } catch (IOException | RuntimeException e) {
      // the server closed its output
    }
  }

  /** Writes one framed message with exactly this body. */
  void send(String body) {
    raw(("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
        .getBytes(StandardCharsets.UTF_8));
  }

  void raw(byte[] bytes) {
    synchronized (toServer) {
      try {
        toServer.write(bytes);
        toServer.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Sends a request; returns its id. */
  int request(String method, String paramsJson) {
    int id = ids.incrementAndGet();
    send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}");
    return id;
  }

  void notify(String method, String paramsJson) {
    send("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}");
  }

  /** Sends a request and waits for its response (result or error). */
  JsonObject call(String method, String paramsJson) {
    int id = request(method, paramsJson);
    return response(id);
  }

  JsonObject response(int id) {
    return await(m -> !m.has("method") && m.has("id") && !m.get("id").isJsonNull() && m.get("id").getAsString().equals(Integer.toString(id)),
        20_000).message();
  }

  /** The next (or an already received) message matching {@code p}; consumed. */
  synchronized Received await(Predicate<JsonObject> p, long timeoutMs) {
    for (int i = 0; i < seen.size(); i++) {
      if (p.test(seen.get(i).message())) {
        return seen.remove(i);
      }
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (true) {
      long left = deadline - System.nanoTime();
      Received r;
      try {
        r = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted");
      }
      if (r == null) {
        throw new AssertionError("no matching message within " + timeoutMs + " ms; unmatched: " + seen);
      }
      if (p.test(r.message())) {
        return r;
      }
      seen.add(r);
    }
  }

  /** Diagnostics published for {@code uri} (at {@code version} or later when version >= 0). */
  Received diagnostics(String uri, int version, long timeoutMs) {
    return await(m -> m.has("method") && m.get("method").getAsString().equals("textDocument/publishDiagnostics")
        && m.getAsJsonObject("params").get("uri").getAsString().equals(uri)
        && (version < 0 || (m.getAsJsonObject("params").has("version")
            && m.getAsJsonObject("params").get("version").getAsInt() >= version)), timeoutMs);
  }

  /** Versions of the diagnostics published for {@code uri} that were passed over while waiting; forgets them. */
  synchronized List<Integer> skippedVersions(String uri) {
    List<Integer> out = new ArrayList<>();
    for (Received r : seen) {
      JsonObject m = r.message();
      if (m.has("method") && m.get("method").getAsString().equals("textDocument/publishDiagnostics")
          && m.getAsJsonObject("params").get("uri").getAsString().equals(uri)) {
        out.add(m.getAsJsonObject("params").get("version").getAsInt());
      }
    }
    seen.clear();
    return out;
  }

  /** Drops every message received so far. */
  synchronized void drain() {
    seen.clear();
    List<Received> rest = new ArrayList<>();
    inbox.drainTo(rest);
  }

  synchronized List<JsonObject> received(String method) {
    List<Received> rest = new ArrayList<>();
    inbox.drainTo(rest);
    seen.addAll(rest);
    List<JsonObject> out = new ArrayList<>();
    for (Received r : seen) {
      if (r.message().has("method") && r.message().get("method").getAsString().equals(method)) {
        out.add(r.message());
      }
    }
    return out;
  }

  static String str(String s) {
    return new com.google.gson.JsonPrimitive(s).toString();
  }

  static JsonElement json(String s) {
    return JsonParser.parseString(s);
  }

  @Override
  public void close() {
    try {
      toServer.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
