package dev.lockstep.core.project;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bytes of the files of one lint, each read from disk once: discovery looks at a file's
 * contents to recognise its tool and dialect, and the engine then lints the same bytes. Files up to
 * {@link #SMALL_FILE_BYTES} are kept after the first read; of a larger file discovery reads only
 * the beginning, so it is read in full only when it is linted. Thread-safe.
 */
public final class FileContents {
  /** Files up to this size are read in full and kept. */
  public static final int SMALL_FILE_BYTES = 256 * 1024;

  private final Map<Path, byte[]> small = new ConcurrentHashMap<>();

  /** The whole file: the kept bytes if it was read before, else from disk (and kept when small). */
  public byte[] read(Path file) throws IOException {
    byte[] kept = small.get(file);
    if (kept != null) {
      return kept;
    }
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length <= SMALL_FILE_BYTES) {
      small.put(file, bytes);
    }
    return bytes;
  }

  /** Takes {@code bytes} as the contents of {@code file} (a file not written yet), instead of reading it. */
  public void preload(Path file, byte[] bytes) {
    small.put(file, bytes);
  }

  /** The bytes kept from an earlier read of the whole file (the same array every time), or null. */
  public byte[] kept(Path file) {
    return small.get(file);
  }

  /**
   * The first {@code max} bytes of the file (all of it when it is shorter); {@code max} is at most
   * {@link #SMALL_FILE_BYTES}.
   */
  public byte[] prefix(Path file, int max) throws IOException {
    byte[] kept = small.get(file);
    if (kept == null) {
      try (SeekableByteChannel ch = Files.newByteChannel(file)) {
        long size = ch.size();
        if (size > SMALL_FILE_BYTES) {
          return readUpTo(ch, max);
        }
        kept = readUpTo(ch, (int) size);
        if (kept.length < size || ch.read(ByteBuffer.allocate(1)) >= 0) {
          // changed while being read: read it again as a whole
          kept = Files.readAllBytes(file);
        }
      }
      if (kept.length <= SMALL_FILE_BYTES) {
        small.put(file, kept);
      }
    }
    return kept.length <= max ? kept : Arrays.copyOf(kept, max);
  }

  /**
   * Reads a small file ahead of its use (by another thread); does nothing for a large file, a
   * directory or a file that cannot be read (its use reports that).
   */
  public void prefetch(Path file) {
    try {
      prefix(file, SMALL_FILE_BYTES);
    } catch (IOException | RuntimeException e) {
      // read again, and reported, where it is used
    }
  }

  /** Up to {@code n} bytes from the channel's position: fewer only at the end of the file. */
  private static byte[] readUpTo(SeekableByteChannel ch, int n) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(n);
    while (buf.hasRemaining() && ch.read(buf) >= 0) {
      // keep reading
    }
    return buf.position() == n ? buf.array() : Arrays.copyOf(buf.array(), buf.position());
  }
}
