package dev.lockstep.cli;

import dev.lockstep.cli.daemon.DaemonAddress;
import dev.lockstep.cli.daemon.DaemonClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The workload the launcher records a class-data-sharing archive (JDK 17 to 24) or an AOT cache
 * (JDK 25 and newer) from: {@code lockstep lint} of the given paths in every output format, and
 * {@code lockstep rules}, with all output discarded, and the client side of a command handed to a
 * daemon. The archive then holds the classes a lint loads, so a run loads them from the archive
 * instead of the jar. Not part of the command line.
 *
 * <pre>
 * java -XX:ArchiveClassesAtExit=lockstep.jsa -cp lockstep.jar dev.lockstep.cli.StartupTraining PATH...
 * </pre>
 */
public final class StartupTraining {
  private StartupTraining() {}

  public static void main(String[] args) {
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    Environment env = new Environment(discard, discard, Path.of("").toAbsolutePath(), Map.of(), false);
    for (String format : LintCommand.FORMATS) {
      List<String> lint = new ArrayList<>(List.of("lint", "--format", format, "--fail-on", "never"));
      lint.addAll(List.of(args));
      new Cli(env).run(lint.toArray(String[]::new));
    }
    new Cli(env).run("rules");
    daemonClient(discard);
  }

  /**
   * The classes a command handed to a daemon loads: a connection attempt to a socket nobody listens
   * on (as a daemon that died leaves behind), which the client gives up on.
   */
  private static void daemonClient(PrintStream discard) {
    try {
      Path dir = Files.createTempDirectory("lockstep-training");
      try {
        Map<String, String> vars = Map.of("LOCKSTEP_DAEMON_DIR", dir.toString());
        Path socket = DaemonAddress.of(vars).socket();
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
          s.bind(UnixDomainSocketAddress.of(socket));
        }
        DaemonClient.forward(new String[] {"lint"}, vars, dir, false, discard, discard, new byte[0]);
        Files.deleteIfExists(socket);
      } finally {
        Files.deleteIfExists(dir);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // no Unix sockets here: nothing to learn
    }
  }
}
