package dev.lockstep.core.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A configuration file that cannot be used. The message reads {@code <file>:<line>: <detail>}
 * (without the line when it is unknown), for example {@code lockstep.yaml:3: unknown key
 * 'pg_version'; valid keys: pg-version, tool, fail-on, rules, exclude, dialect, execution}.
 */
public final class ConfigException extends Exception {
  private final Path file;
  private final int line;
  private final String detail;

  /**
   * @param file the configuration file
   * @param line 1-based line of the offending key or value, 0 when unknown
   * @param detail what is wrong and what would be valid
   */
  public ConfigException(Path file, int line, String detail) {
    super(format(file, line, detail));
    this.file = Objects.requireNonNull(file, "file");
    this.line = line;
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  ConfigException(Path file, int line, String detail, Throwable cause) {
    this(file, line, detail);
    initCause(cause);
  }

  private static String format(Path file, int line, String detail) {
    return line > 0 ? file + ":" + line + ": " + detail : file + ": " + detail;
  }

  public Path file() {
    return file;
  }

  /** 1-based line, if known. */
  public OptionalInt line() {
    return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
  }

  /** The message without the file and line. */
  public String detail() {
    return detail;
  }
}
