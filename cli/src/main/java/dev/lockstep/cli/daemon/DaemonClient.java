package dev.lockstep.cli.daemon;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Hands a command to the running daemon of this build, if there is one, and relays its output
 * and exit code. Used before anything else is loaded, so a run through the daemon costs little
 * more than starting the JVM.
 */
public final class DaemonClient {
  /** The commands a daemon runs; the others (the language server, tracing, the daemon's own) run here. */
  static final Set<String> FORWARDED = Set.of("lint", "plan", "rollback", "rules", "explain");

  private DaemonClient() {}

  /** Whether the command reads standard input ({@code lint --stdin}): the caller reads it and sends it along. */
  public static boolean readsStandardInput(String[] args) {
    if (args.length == 0 || !args[0].equals("lint")) {
      return false;
    }
    for (String a : args) {
      if (a.equals("--")) {
        return false;
      }
      if (a.equals("--stdin")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs {@code args} in this build's daemon and returns its exit code; empty when the command is
   * not one a daemon runs, {@code LOCKSTEP_DAEMON=0} is set, or no daemon answers (then nothing was
   * written and the caller runs the command itself).
   *
   * @param input the command's standard input, already read (empty unless {@link #readsStandardInput})
   */
  public static OptionalInt forward(String[] args, Map<String, String> env, Path workDir, boolean stdoutIsTerminal,
      OutputStream out, OutputStream err, byte[] input) {
    if (args.length == 0 || !FORWARDED.contains(args[0]) || "0".equals(env.get("LOCKSTEP_DAEMON"))) {
      return OptionalInt.empty();
    }
    DaemonAddress address = DaemonAddress.of(env);
    Path socket = address.socket();
    if (!Files.exists(socket) || address.problem().isPresent()) {
      return OptionalInt.empty();
    }
    SocketChannel channel;
    try {
      channel = connect(socket);
    } catch (IOException | UnsupportedOperationException e) {
      return OptionalInt.empty(); // a socket left behind by a daemon that is gone
    }
    Relay relay = new Relay(out, err);
    try (channel) {
      DataOutputStream req = request(channel, Wire.RUN);
      Wire.writeString(req, workDir.toAbsolutePath().normalize().toString());
      req.writeBoolean(stdoutIsTerminal);
      req.writeInt(args.length);
      for (String a : args) {
        Wire.writeString(req, a);
      }
      req.writeInt(env.size());
      for (Map.Entry<String, String> e : env.entrySet()) {
        Wire.writeString(req, e.getKey());
        Wire.writeString(req, e.getValue());
      }
      Wire.writeBytes(req, input);
      req.flush();
      return OptionalInt.of(relay.answer(channel));
    } catch (IOException e) {
      if (!relay.wrote) {
        return OptionalInt.empty();
      }
      try {
        out.flush();
        err.write(("lockstep: the daemon stopped before the command finished (" + e
            + "); run it again, or set LOCKSTEP_DAEMON=0 to run without the daemon\n")
            .getBytes(StandardCharsets.UTF_8));
        err.flush();
      } catch (IOException ignored) {
        // nothing more can be reported
      }
      return OptionalInt.of(70);
    }
  }

  private static SocketChannel connect(Path socket) throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.connect(UnixDomainSocketAddress.of(socket));
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** A request's stream, its header (protocol and request kind) written. */
  private static DataOutputStream request(SocketChannel channel, byte kind) throws IOException {
    DataOutputStream req = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
    req.writeInt(Wire.MAGIC);
    req.writeInt(Wire.VERSION);
    req.writeByte(kind);
    return req;
  }

  /** Copies the daemon's answer, frame by frame, to the caller's output and error streams. */
  private static final class Relay {
    final OutputStream out;
    final OutputStream err;
    /** Whether any output reached the caller's streams. */
    boolean wrote;

    Relay(OutputStream out, OutputStream err) {
      this.out = out;
      this.err = err;
    }

    /** Relays frames up to the exit frame and returns its code. */
    int answer(SocketChannel channel) throws IOException {
      DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
      byte[] buf = new byte[1 << 16];
      while (true) {
        byte kind = in.readByte();
        int len = in.readInt();
        if (kind == Wire.EXIT) {
          out.flush();
          err.flush();
          return in.readInt();
        }
        OutputStream target = kind == Wire.ERR ? err : out;
        while (len > 0) {
          int n = in.read(buf, 0, Math.min(len, buf.length));
          if (n < 0) {
            throw new EOFException();
          }
          target.write(buf, 0, n);
          wrote = true;
          len -= n;
        }
        if (kind == Wire.ERR) {
          err.flush();
        }
      }
    }
  }

  /** The running daemon's description of itself; empty when no daemon answers at {@code address}. */
  public static Optional<String> status(DaemonAddress address) {
    return control(address.socket(), Wire.STATUS);
  }

  /** Asks the daemon to stop once the command it runs (if any) ends; empty when no daemon answers. */
  public static Optional<String> stop(DaemonAddress address) {
    return control(address.socket(), Wire.STOP);
  }

  /** Sends a status or stop request; the daemon's answer text, empty when no daemon answers. */
  static Optional<String> control(Path socket, byte request) {
    if (!Files.exists(socket)) {
      return Optional.empty();
    }
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    try (SocketChannel channel = connect(socket)) {
      request(channel, request).flush();
      new Relay(text, text).answer(channel);
      return Optional.of(text.toString(StandardCharsets.UTF_8));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }
}
