package dev.lockstep.cli.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The daemon's protocol. A client sends {@link #MAGIC}, {@link #VERSION} and one request: a
 * request kind, then for {@link #RUN} the working directory, whether standard output is a
 * terminal, the arguments and the environment. The daemon answers with frames, each a kind byte
 * and a length-prefixed payload: standard output, standard error, status text, and last the exit
 * code. Strings are UTF-8 with an int length.
 */
final class Wire {
  static final int MAGIC = 0x4c4b5354; // "LKST"
  static final int VERSION = 2;

  static final byte RUN = 1;
  static final byte STATUS = 2;
  static final byte STOP = 3;

  static final byte OUT = 1;
  static final byte ERR = 2;
  static final byte EXIT = 3;

  /** Longest string accepted from the other side; a larger length means a broken stream. */
  static final int MAX_STRING = 16 << 20;
  /** Most bytes of standard input a command may send. */
  static final int MAX_INPUT = 256 << 20;
  static final int MAX_COUNT = 1 << 20;

  private Wire() {}

  /** A request that does not follow the protocol. */
  static final class Malformed extends IOException {
    private static final long serialVersionUID = 1L;

    Malformed(String what) {
      super("malformed request: " + what);
    }
  }

  static void writeString(DataOutputStream out, String s) throws IOException {
    writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
  }

  static String readString(DataInputStream in) throws IOException {
    return new String(readBytes(in, MAX_STRING, "a string", "a string"), StandardCharsets.UTF_8);
  }

  static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  static byte[] readBytes(DataInputStream in) throws IOException {
    return readBytes(in, MAX_INPUT, "an input", "its input");
  }

  /** A length and that many bytes, the length at most {@code max}; {@code what} names them in errors. */
  private static byte[] readBytes(DataInputStream in, int max, String what, String inside) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > max) {
      throw new Malformed(what + " of " + n + " bytes");
    }
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new java.io.EOFException("request ended inside " + inside);
    }
    return b;
  }

  static int readCount(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_COUNT) {
      throw new Malformed("a count of " + n);
    }
    return n;
  }

  /** Writes one frame; frames of several threads never interleave. */
  static void frame(DataOutputStream out, byte kind, byte[] data, int off, int len) throws IOException {
    synchronized (out) {
      out.writeByte(kind);
      out.writeInt(len);
      out.write(data, off, len);
      out.flush();
    }
  }

  static void exit(DataOutputStream out, int code) throws IOException {
    synchronized (out) {
      out.writeByte(EXIT);
      out.writeInt(4);
      out.writeInt(code);
      out.flush();
    }
  }

  /** An output stream that sends what is written as frames of one kind, in chunks of up to 64 KiB. */
  static final class FrameStream extends OutputStream {
    private final DataOutputStream out;
    private final byte kind;
    private final byte[] buf = new byte[64 * 1024];
    private int len;

    FrameStream(DataOutputStream out, byte kind) {
      this.out = out;
      this.kind = kind;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      if (len == buf.length) {
        flush();
      }
      buf[len++] = (byte) b;
    }

    @Override
    public synchronized void write(byte[] b, int off, int n) throws IOException {
      while (n > 0) {
        if (len == buf.length) {
          flush();
        }
        int k = Math.min(n, buf.length - len);
        System.arraycopy(b, off, buf, len, k);
        len += k;
        off += k;
        n -= k;
      }
    }

    @Override
    public synchronized void flush() throws IOException {
      if (len > 0) {
        frame(out, kind, buf, 0, len);
        len = 0;
      }
    }
  }
}
