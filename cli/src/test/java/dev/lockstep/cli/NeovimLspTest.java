package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real editor against {@code lockstep lsp}: headless Neovim (Debian's 0.7 or newer, {@code
 * apt-get install neovim}) opens a migration, starts the server with {@code vim.lsp.start_client}
 * and must receive its diagnostics. Skipped when {@code nvim} is not installed.
 */
@Timeout(180)
class NeovimLspTest {
  @TempDir
  Path dir;

  static Path nvim() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String p : path.split(File.pathSeparator)) {
      Path candidate = Path.of(p, "nvim");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  @Test
  void neovimReceivesTheDiagnosticsOfAMigration() throws Exception {
    Path nvim = nvim();
    assumeTrue(nvim != null, "nvim is not installed, skipping the Neovim test"
        + " (install it with: apt-get update && apt-get install -y neovim)");
    Projects.prisma(dir,
        "20240101000000_init", "-- CreateTable\nCREATE TABLE \"User\" (\"id\" TEXT NOT NULL, \"email\" TEXT NOT NULL);\n",
        "20240102000000_idx", "-- CreateIndex\nCREATE INDEX \"User_email_idx\" ON \"User\"(\"email\");\n");
    Path file = dir.resolve("prisma/migrations/20240102000000_idx/migration.sql");
    Path script = dir.resolve("diagnostics.lua");
    try (InputStream in = NeovimLspTest.class.getResourceAsStream("/nvim/diagnostics.lua")) {
      Files.write(script, in.readAllBytes());
    }
    Path out = dir.resolve("out.json");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ObjectMapper json = new ObjectMapper();
    ArrayNode cmd = json.createArrayNode().add(java).add("-cp").add(System.getProperty("java.class.path"))
        .add(Main.class.getName()).add("lsp");

    List<String> command = new ArrayList<>(List.of(nvim.toString(), "--headless", "--clean", "-n", "-i", "NONE",
        "-c", "luafile " + script));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("nvim.log").toFile());
    pb.environment().put("LOCKSTEP_CMD", json.writeValueAsString(cmd));
    pb.environment().put("LOCKSTEP_FILE", file.toString());
    pb.environment().put("LOCKSTEP_OUT", out.toString());
    pb.environment().put("LOCKSTEP_ROOT", dir.toString());
    pb.environment().put("LOCKSTEP_TIMEOUT_MS", "90000");
    Process p = pb.start();
    p.getOutputStream().close();
    boolean done = p.waitFor(150, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    assertTrue(done, "nvim did not finish; log:\n" + Files.readString(dir.resolve("nvim.log")));
    assertTrue(Files.exists(out), "nvim wrote no result; log:\n" + Files.readString(dir.resolve("nvim.log")));
    String received = Files.readString(out, StandardCharsets.UTF_8);
    System.out.println("Neovim received: " + received);
    JsonNode r = json.readTree(received);
    assertTrue(r.get("attached").asBoolean(), received);
    assertTrue(r.get("received").asBoolean(), received);
    List<String> got = new ArrayList<>();
    for (JsonNode d : r.get("diagnostics")) {
      got.add(d.get("lnum").asInt() + ":" + d.get("col").asInt() + " " + d.get("source").asText() + " "
          + d.get("code").asText() + " " + d.get("severity").asInt());
    }
    got.sort(null);
    assertEquals(List.of("1:0 lockstep require-concurrent-index-creation 1", "1:0 lockstep require-lock-timeout 3"),
        got, received);
    assertTrue(r.get("logs").toString().contains("language server ready"), received);
  }

  @Test
  void lspHelpNamesTheCommand() {
    Run run = Run.in(dir, "lsp", "--help");
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("Language Server Protocol"), run.toString());
  }
}
