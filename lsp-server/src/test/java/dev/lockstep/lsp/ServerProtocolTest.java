package dev.lockstep.lsp;

import static dev.lockstep.lsp.Fixtures.*;
import static dev.lockstep.lsp.JsonRpcClient.str;
import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The server end to end over piped JSON-RPC streams. */
@Timeout(120)
class ServerProtocolTest {
  static final String PUSH_CAPS = "{\"textDocument\":{\"inlayHint\":{},\"codeAction\":{}},"
      + "\"workspace\":{\"configuration\":true,\"didChangeWatchedFiles\":{\"dynamicRegistration\":true},"
      + "\"workspaceEdit\":{\"documentChanges\":true,\"resourceOperations\":[\"create\"]}}}";
  static final String PULL_CAPS = "{\"textDocument\":{\"diagnostic\":{}},\"workspace\":{}}";

  /** Malformed messages are sent on purpose; LSP4J's warnings about them are expected. */
  private static final java.util.logging.Logger LSP4J = java.util.logging.Logger.getLogger("org.eclipse.lsp4j");

  static {
    LSP4J.setLevel(java.util.logging.Level.OFF);
  }

  @TempDir
  Path dir;

  private final LockstepLsp.Running[] running = new LockstepLsp.Running[1];
  private JsonRpcClient client;
  private Path project;
  private Path init;
  private Path idx;

  private JsonRpcClient start(String caps) throws Exception {
    project = prisma(dir, "20240101000000_init", INIT, "20240102000000_idx", INDEX);
    init = migration(project, "20240101000000_init");
    idx = migration(project, "20240102000000_idx");
    client = JsonRpcClient.inProcess(running);
    JsonObject init = client.call("initialize", "{\"processId\":null,\"rootUri\":" + str(uri(dir))
        + ",\"capabilities\":" + caps + ",\"initializationOptions\":{\"lockstep\":{\"debounceMs\":5}}}");
    assertTrue(init.has("result"), init.toString());
    client.notify("initialized", "{}");
    return client;
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (running[0] != null) {
      running[0].server().workspace().shutdown();
    }
  }

  private void open(Path file, String text) {
    client.notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":" + str(uri(file))
        + ",\"languageId\":\"sql\",\"version\":1,\"text\":" + str(text) + "}}");
  }

  private void change(Path file, int version, String changeJson) {
    client.notify("textDocument/didChange", "{\"textDocument\":{\"uri\":" + str(uri(file)) + ",\"version\":"
        + version + "},\"contentChanges\":[" + changeJson + "]}");
  }

  private static String full(String text) {
    return "{\"text\":" + str(text) + "}";
  }

  private static String insert(int line, int col, String text) {
    return "{\"range\":{\"start\":{\"line\":" + line + ",\"character\":" + col + "},\"end\":{\"line\":" + line
        + ",\"character\":" + col + "}},\"text\":" + str(text) + "}";
  }

  private static List<String> codes(JsonObject publish) {
    List<String> out = new ArrayList<>();
    for (JsonElement d : publish.getAsJsonObject("params").getAsJsonArray("diagnostics")) {
      out.add(d.getAsJsonObject().get("code").getAsString());
    }
    return out;
  }

  private String pos(Path file, int line, int col) {
    return "{\"textDocument\":{\"uri\":" + str(uri(file)) + "},\"position\":{\"line\":" + line + ",\"character\":"
        + col + "}}";
  }

  @Test
  void capabilitiesAndLogsGoToTheClient() throws Exception {
    project = prisma(dir, "20240101000000_init", INIT);
    client = JsonRpcClient.inProcess(running);
    JsonObject r = client.call("initialize", "{\"processId\":null,\"capabilities\":{}}");
    JsonObject caps = r.getAsJsonObject("result").getAsJsonObject("capabilities");
    assertEquals("lockstep", r.getAsJsonObject("result").getAsJsonObject("serverInfo").get("name").getAsString());
    assertEquals(2, caps.getAsJsonObject("textDocumentSync").get("change").getAsInt());
    assertTrue(caps.get("hoverProvider").getAsBoolean());
    assertTrue(caps.has("inlayHintProvider"));
    assertTrue(caps.has("codeLensProvider"), "no inlay hints in the client: code lenses instead");
    assertEquals("lockstep", caps.getAsJsonObject("diagnosticProvider").get("identifier").getAsString());
    assertTrue(caps.getAsJsonObject("diagnosticProvider").get("interFileDependencies").getAsBoolean());
    client.notify("initialized", "{}");
    JsonObject log = client.await(m -> m.has("method") && m.get("method").getAsString().equals("window/logMessage"),
        5000).message();
    assertTrue(log.toString().contains("language server ready"), log.toString());
    JsonObject shutdown = client.call("shutdown", "null");
    assertTrue(shutdown.has("result"), shutdown.toString());
  }

  @Test
  void diagnosticsArePushedOnOpenAndChangeAndClearedOnClose() throws Exception {
    start(PUSH_CAPS);
    open(idx, INDEX);
    JsonObject first = client.diagnostics(uri(idx), 1, 20_000).message();
    assertEquals(List.of("require-concurrent-index-creation", "require-lock-timeout"), codes(first));
    JsonObject d0 = first.getAsJsonObject("params").getAsJsonArray("diagnostics").get(0).getAsJsonObject();
    assertEquals(1, d0.get("severity").getAsInt());
    assertEquals("lockstep", d0.get("source").getAsString());
    assertEquals("https://example.test/rules/require-concurrent-index-creation",
        d0.getAsJsonObject("codeDescription").get("href").getAsString());
    assertEquals(json("{\"start\":{\"line\":1,\"character\":0},\"end\":{\"line\":1,\"character\":48}}"),
        d0.get("range"));

    change(idx, 2, insert(1, 12, " CONCURRENTLY"));
    JsonObject second = client.diagnostics(uri(idx), 2, 20_000).message();
    assertFalse(codes(second).contains("require-concurrent-index-creation"), second.toString());

    client.notify("textDocument/didClose", "{\"textDocument\":{\"uri\":" + str(uri(idx)) + "}}");
    JsonObject closed = client.diagnostics(uri(idx), -1, 20_000).message();
    assertEquals(0, closed.getAsJsonObject("params").getAsJsonArray("diagnostics").size());
  }

  private static JsonElement json(String s) {
    return JsonRpcClient.json(s);
  }

  private void openUri(String uri, String text) {
    client.notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":" + str(uri)
        + ",\"languageId\":\"sql\",\"version\":1,\"text\":" + str(text) + "}}");
  }

  @Test
  void aBufferNeverSavedIsLintedAloneWithTheWorkspaceConfiguration() throws Exception {
    start(PUSH_CAPS);
    Files.writeString(dir.resolve("lockstep.yaml"), "rules:\n  require-lock-timeout: off\n");
    client.notify("workspace/didChangeWatchedFiles", "{\"changes\":[{\"uri\":" + str(uri(dir.resolve("lockstep.yaml")))
        + ",\"type\":1}]}");
    String untitled = "untitled:Untitled-1";
    // "User" is unknown without a history: taken to exist, so the index blocks writes on it
    openUri(untitled, INDEX);
    JsonObject first = client.diagnostics(untitled, 1, 20_000).message();
    assertEquals(List.of("require-concurrent-index-creation"), codes(first));

    // created earlier in the same buffer: a new table, nothing to report
    client.notify("textDocument/didChange", "{\"textDocument\":{\"uri\":" + str(untitled) + ",\"version\":2},"
        + "\"contentChanges\":[" + full(INIT + INDEX) + "]}");
    JsonObject second = client.diagnostics(untitled, 2, 20_000).message();
    assertEquals(List.of(), codes(second), second.toString());

    JsonObject hover = client.call("textDocument/hover", "{\"textDocument\":{\"uri\":" + str(untitled)
        + "},\"position\":{\"line\":1,\"character\":3}}");
    assertTrue(hover.has("result"), hover.toString());
    JsonObject actions = client.call("textDocument/codeAction", "{\"textDocument\":{\"uri\":" + str(untitled)
        + "},\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":9,\"character\":0}},"
        + "\"context\":{\"diagnostics\":[]}}");
    assertTrue(actions.has("result"), actions.toString());
    assertFalse(Files.exists(dir.resolve("Untitled-1")), "a buffer never saved leaves nothing on disk");

    // a buffer the editor will save as a migration not created yet: linted as that file, after the history
    String retype = "ALTER TABLE \"User\" ALTER COLUMN \"email\" TYPE TEXT;\n";
    String alone = "untitled:Untitled-2";
    openUri(alone, retype);
    assertTrue(codes(client.diagnostics(alone, 1, 20_000).message()).contains("column-type-change-rewrites-table"));
    Path next = project.resolve("prisma/migrations/20990101000000_next/migration.sql");
    String named = "untitled:" + next.toAbsolutePath();
    openUri(named, retype);
    JsonObject inHistory = client.diagnostics(named, 1, 20_000).message();
    assertFalse(codes(inHistory).contains("column-type-change-rewrites-table"), inHistory.toString());
    assertFalse(Files.exists(next.getParent()));

    // other schemes (a diff's git: side, ...) are not migrations lockstep can place: not linted
    String gitSide = "git:/repo/prisma/migrations/x/migration.sql?%7B%7D";
    openUri(gitSide, INDEX);
    JsonObject none = client.diagnostics(gitSide, 1, 20_000).message();
    assertEquals(List.of(), codes(none), none.toString());
  }

  @Test
  void fiftyQuickEditsPublishTheLatestVersionLast() throws Exception {
    start(PUSH_CAPS);
    open(idx, INDEX);
    client.diagnostics(uri(idx), 1, 20_000);
    for (int v = 2; v <= 51; v++) {
      String text = v % 2 == 0 ? INDEX.replace("CREATE INDEX", "CREATE INDEX CONCURRENTLY") : INDEX;
      change(idx, v, full(text));
      Thread.sleep(20);
    }
    JsonObject last = client.diagnostics(uri(idx), 51, 20_000).message();
    assertTrue(codes(last).contains("require-concurrent-index-creation"), last.toString());
    List<Integer> before = client.skippedVersions(uri(idx));
    for (int i = 1; i < before.size(); i++) {
      assertTrue(before.get(i) > before.get(i - 1), "published out of order: " + before);
    }
    Thread.sleep(300);
    List<Integer> after = new ArrayList<>();
    for (JsonObject p : client.received("textDocument/publishDiagnostics")) {
      after.add(p.getAsJsonObject("params").get("version").getAsInt());
    }
    assertTrue(after.stream().allMatch(v -> v == 51), "published after version 51: " + after);
  }

  @Test
  void editingAnEarlierMigrationRelintsTheLaterOpenOne() throws Exception {
    start(PUSH_CAPS);
    String later = "ALTER TABLE \"User\" ALTER COLUMN \"email\" SET DATA TYPE VARCHAR(200);\n";
    Files.writeString(idx, later);
    open(idx, later);
    JsonObject before = client.diagnostics(uri(idx), 1, 20_000).message();
    open(init, INIT);
    client.diagnostics(uri(init), 1, 20_000);
    client.drain();
    // The unsaved buffer of the earlier migration now makes "email" a VARCHAR(100): widening it is cheap.
    change(init, 2, full(INIT.replace("\"email\" TEXT NOT NULL", "\"email\" VARCHAR(100) NOT NULL")));
    JsonObject after = client.diagnostics(uri(idx), 1, 20_000).message();
    assertNotEquals(codes(before), codes(after), before + "\n" + after);
  }

  @Test
  void configurationChangesRelintOpenDocuments() throws Exception {
    start(PUSH_CAPS);
    open(idx, INDEX);
    assertEquals(2, codes(client.diagnostics(uri(idx), 1, 20_000).message()).size());
    Files.writeString(dir.resolve("lockstep.yaml"), "rules:\n  require-lock-timeout: off\n");
    client.drain();
    client.notify("workspace/didChangeWatchedFiles", "{\"changes\":[{\"uri\":" + str(uri(dir.resolve("lockstep.yaml")))
        + ",\"type\":1}]}");
    assertEquals(List.of("require-concurrent-index-creation"), codes(client.diagnostics(uri(idx), 1, 20_000).message()));

    client.drain();
    client.notify("workspace/didChangeConfiguration", "{\"settings\":{\"lockstep\":{\"tool\":\"nope\"}}}");
    assertEquals(List.of(Converters.CONFIG_ERROR), codes(client.diagnostics(uri(idx), 1, 20_000).message()));
    client.drain();
    client.notify("workspace/didChangeConfiguration", "{\"settings\":{\"lockstep\":{\"tool\":\"prisma\"}}}");
    assertEquals(List.of("require-concurrent-index-creation"), codes(client.diagnostics(uri(idx), 1, 20_000).message()));
  }

  @Test
  void featuresOverTheWire() throws Exception {
    start(PUSH_CAPS);
    open(idx, INDEX);
    client.diagnostics(uri(idx), 1, 20_000);

    JsonObject hover = client.call("textDocument/hover", pos(idx, 1, 5)).getAsJsonObject("result");
    String md = hover.getAsJsonObject("contents").get("value").getAsString();
    assertTrue(md.contains("SHARE") && md.contains("#### Why"), md);

    JsonArray hints = client.call("textDocument/inlayHint", "{\"textDocument\":{\"uri\":" + str(uri(idx))
        + "},\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":3,\"character\":0}}}")
        .getAsJsonArray("result");
    assertEquals("SHARE \"User\" · scans", hints.get(0).getAsJsonObject().get("label").getAsString());

    JsonArray actions = client.call("textDocument/codeAction", "{\"textDocument\":{\"uri\":" + str(uri(idx))
        + "},\"range\":{\"start\":{\"line\":1,\"character\":3},\"end\":{\"line\":1,\"character\":3}},"
        + "\"context\":{\"diagnostics\":[]}}").getAsJsonArray("result");
    assertEquals("Add CONCURRENTLY", actions.get(0).getAsJsonObject().get("title").getAsString());
    assertTrue(actions.get(0).getAsJsonObject().get("isPreferred").getAsBoolean());

    JsonArray symbols = client.call("textDocument/documentSymbol", "{\"textDocument\":{\"uri\":" + str(uri(idx))
        + "}}").getAsJsonArray("result");
    assertEquals(1, symbols.size());

    JsonArray defs = client.call("textDocument/definition", pos(idx, 1, 35)).getAsJsonArray("result");
    assertEquals(uri(init), defs.get(0).getAsJsonObject().get("uri").getAsString());
  }

  @Test
  void codeLensesForClientsWithoutInlayHints() throws Exception {
    start("{\"textDocument\":{},\"workspace\":{}}");
    open(idx, INDEX);
    client.diagnostics(uri(idx), 1, 20_000);
    JsonArray lenses = client.call("textDocument/codeLens", "{\"textDocument\":{\"uri\":" + str(uri(idx)) + "}}")
        .getAsJsonArray("result");
    assertEquals(1, lenses.size());
    JsonObject lens = lenses.get(0).getAsJsonObject();
    assertEquals("SHARE \"User\" · scans", lens.getAsJsonObject("command").get("title").getAsString());
    assertEquals(1, lens.getAsJsonObject("range").getAsJsonObject("start").get("line").getAsInt());
    JsonObject run = client.call("workspace/executeCommand", "{\"command\":\"" + Hints.SHOW_EFFECTS
        + "\",\"arguments\":[]}");
    assertTrue(run.has("result"), run.toString());
  }

  @Test
  void pullDiagnosticsWhenTheClientPulls() throws Exception {
    start(PULL_CAPS);
    open(idx, INDEX);
    JsonObject report = client.call("textDocument/diagnostic", "{\"textDocument\":{\"uri\":" + str(uri(idx)) + "}}")
        .getAsJsonObject("result");
    assertEquals("full", report.get("kind").getAsString());
    assertEquals(2, report.getAsJsonArray("items").size());
    Thread.sleep(200);
    assertTrue(client.received("textDocument/publishDiagnostics").isEmpty(), "a pulling client gets no pushes");
  }

  @Test
  void survivesMalformedMessagesUnknownMethodsAndUnknownDocuments() throws Exception {
    start(PUSH_CAPS);
    client.raw("Content-Length: 12\r\n\r\n{not json!!}".getBytes(StandardCharsets.UTF_8));
    client.send("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"textDocument/hover\",\"params\":{\"bogus\":[}");
    client.send("[1, 2, 3]");
    JsonObject unknown = client.call("lockstep/doesNotExist", "{}");
    assertEquals(-32601, unknown.getAsJsonObject("error").get("code").getAsInt());
    client.notify("lockstep/unknownNotification", "{}");
    client.notify("$/setTrace", "{\"value\":\"off\"}");

    String nowhere = uri(dir.resolve("nowhere.sql"));
    JsonObject hover = client.call("textDocument/hover", "{\"textDocument\":{\"uri\":" + str(nowhere)
        + "},\"position\":{\"line\":0,\"character\":0}}");
    assertTrue(hover.has("result") && hover.get("result").isJsonNull(), hover.toString());
    JsonObject symbols = client.call("textDocument/documentSymbol", "{\"textDocument\":{\"uri\":\"untitled:Untitled-1\"}}");
    assertEquals(0, symbols.getAsJsonArray("result").size(), symbols.toString());
    JsonObject pull = client.call("textDocument/diagnostic", "{\"textDocument\":{\"uri\":" + str(nowhere) + "}}");
    assertEquals(0, pull.getAsJsonObject("result").getAsJsonArray("items").size());
    change(dir.resolve("never-opened.sql"), 3, full("SELECT 1;"));
    // A document on disk that is not open is linted from disk.
    JsonObject diskPull = client.call("textDocument/diagnostic", "{\"textDocument\":{\"uri\":" + str(uri(idx)) + "}}");
    assertEquals(2, diskPull.getAsJsonObject("result").getAsJsonArray("items").size());

    // Still alive and answering.
    open(idx, INDEX);
    assertEquals(2, codes(client.diagnostics(uri(idx), 1, 20_000).message()).size());
  }

  @Test
  void cancelledRequestsAreAnsweredAndTheServerGoesOn() throws Exception {
    start(PUSH_CAPS);
    open(idx, INDEX);
    client.diagnostics(uri(idx), 1, 20_000);
    int id = client.request("textDocument/hover", pos(idx, 1, 5));
    client.notify("$/cancelRequest", "{\"id\":" + id + "}");
    JsonObject r = client.response(id);
    assertTrue(r.has("result") || r.getAsJsonObject("error").get("code").getAsInt() == -32800, r.toString());
    assertTrue(client.call("textDocument/hover", pos(idx, 1, 5)).has("result"));
  }

  @Test
  void aTenMegabyteFileIsAnswered() throws Exception {
    start(PUSH_CAPS);
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (sb.length() < 10 * 1024 * 1024) {
      sb.append("INSERT INTO \"User\" (\"id\", \"email\") VALUES ('").append(i).append("', 'user").append(i++)
          .append("@example.com');\n");
    }
    Path big = migration(project, "20240103000000_big");
    Files.createDirectories(big.getParent());
    Files.writeString(big, "");
    open(big, sb.toString());
    JsonObject published = client.diagnostics(uri(big), 1, 60_000).message();
    assertEquals(List.of(Converters.TOO_LARGE), codes(published));
    assertTrue(client.call("textDocument/hover", pos(big, 0, 3)).has("result"));
    change(big, 2, insert(0, 0, "-- edited\n"));
    assertEquals(List.of(Converters.TOO_LARGE), codes(client.diagnostics(uri(big), 2, 60_000).message()));
    // Other documents are still served.
    open(idx, INDEX);
    assertEquals(2, codes(client.diagnostics(uri(idx), 1, 20_000).message()).size());
  }
}
