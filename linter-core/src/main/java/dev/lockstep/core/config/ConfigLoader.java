package dev.lockstep.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lockstep.core.project.ExecutionModel;
import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.source.Dialect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Finds and reads {@code lockstep.yaml}.
 *
 * <h2>Format</h2>
 *
 * <pre>{@code
 * pg-version: 16            # PostgreSQL major version, 12..18
 * tool: prisma              # force the migration tool (prisma, flyway, golang-migrate, ...)
 * fail-on: warning          # error | warning | never
 * dialect: postgresql       # postgresql | mysql
 * execution: autocommit     # for plain .sql files: autocommit | transaction | implicit-transaction | transaction-per-run
 * rules:
 *   adding-not-null-column: error
 *   renaming-column: off    # off | info | warning | error
 * exclude:                  # globs relative to this file's directory
 *   - prisma/migrations/2021*
 *   - "db/legacy/**"
 * }</pre>
 *
 * Every setting is optional and a key without a value counts as absent. A rule takes a level
 * directly ({@code rule-id: warning}); the nested form {@code rule-id: {level: warning}} is not
 * accepted. Validation is strict: an unknown key, rule id, level, tool, dialect, execution model,
 * {@code fail-on} value, malformed glob or a {@code pg-version} outside 12..18 is a {@link
 * ConfigException} naming the file, the line, the key and the valid choices.
 */
public final class ConfigLoader {
  /** File names looked for in each directory, in order of preference. */
  public static final List<String> FILE_NAMES = List.of("lockstep.yaml", ".lockstep.yaml");

  /** The top-level keys, in the order error messages list them. */
  public static final List<String> KEYS =
      List.of("pg-version", "tool", "fail-on", "rules", "exclude", "dialect", "execution");

  /** Made on first use: most runs find no config file to parse. */
  private static final class Yaml {
    static final YAMLFactory FACTORY = new YAMLFactory();
  }

  private ConfigLoader() {}

  /**
   * The nearest configuration file at or above {@code start} (a file or directory): in each
   * directory {@code lockstep.yaml} is preferred over {@code .lockstep.yaml}. The search stops at
   * the file-system root, or after checking a directory that contains {@code .git} (the repository
   * root).
   */
  public static Optional<Path> find(Path start) {
    Path dir = start.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      dir = dir.getParent();
    }
    for (; dir != null; dir = dir.getParent()) {
      for (String name : FILE_NAMES) {
        Path candidate = dir.resolve(name);
        if (Files.isRegularFile(candidate)) {
          return Optional.of(candidate);
        }
      }
      if (Files.exists(dir.resolve(".git"))) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The configuration that applies to {@code start}: the nearest file's, or {@link LockstepConfig#empty()}. */
  public static LockstepConfig loadNearest(Path start, Set<String> knownRuleIds) throws ConfigException {
    Optional<Path> file = find(start);
    return file.isPresent() ? load(file.get(), knownRuleIds) : LockstepConfig.empty();
  }

  /**
   * Reads and validates a configuration file.
   *
   * @param knownRuleIds the rule ids {@code rules} may name
   */
  public static LockstepConfig load(Path file, Set<String> knownRuleIds) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(file, 0, "cannot read file: " + e.getMessage(), e);
    }
    return parse(text, file, knownRuleIds);
  }

  /**
   * Validates configuration text (an editor buffer, say) as if it were the content of {@code file}.
   */
  public static LockstepConfig parse(String text, Path file, Set<String> knownRuleIds) throws ConfigException {
    // Syntax first, so a broken file is reported as such rather than by its first odd value.
    try (JsonParser p = Yaml.FACTORY.createParser(text)) {
      while (p.nextToken() != null) {
        // scan only
      }
    } catch (JsonProcessingException e) {
      throw syntaxError(file, e);
    } catch (IOException e) {
      throw new ConfigException(file, 0, "cannot read file: " + e.getMessage(), e);
    }
    try (JsonParser p = Yaml.FACTORY.createParser(text)) {
      return new Reader(p, file, knownRuleIds).read();
    } catch (JsonProcessingException e) {
      throw syntaxError(file, e);
    } catch (IOException e) {
      throw new ConfigException(file, 0, "cannot read file: " + e.getMessage(), e);
    }
  }

  /** A YAML syntax error, positioned where the faulty construct starts when the scanner says so. */
  private static ConfigException syntaxError(Path file, JsonProcessingException e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof MarkedYAMLException m) {
        Mark mark = m.getContextMark() != null ? m.getContextMark() : m.getProblemMark();
        String what =
            Stream.of(m.getContext(), m.getProblem())
                .filter(x -> x != null && !x.isBlank())
                .collect(Collectors.joining(": "));
        return new ConfigException(
            file, mark == null ? 0 : mark.getLine() + 1, "invalid YAML: " + (what.isEmpty() ? "syntax error" : what), e);
      }
    }
    JsonLocation loc = e.getLocation();
    String msg = Optional.ofNullable(e.getOriginalMessage()).orElse("syntax error").lines().findFirst().orElse("");
    return new ConfigException(file, loc == null ? 0 : Math.max(0, loc.getLineNr()), "invalid YAML: " + msg, e);
  }

  /** One pass over the token stream, keeping positions for messages. */
  private static final class Reader {
    private final JsonParser p;
    private final Path file;
    private final Set<String> knownRuleIds;

    Reader(JsonParser p, Path file, Set<String> knownRuleIds) {
      this.p = p;
      this.file = file;
      this.knownRuleIds = knownRuleIds;
    }

    LockstepConfig read() throws IOException, ConfigException {
      Optional<Integer> pgVersion = Optional.empty();
      Optional<MigrationTool> tool = Optional.empty();
      Optional<String> failOn = Optional.empty();
      Map<String, RuleLevel> rules = new LinkedHashMap<>();
      List<String> exclude = new ArrayList<>();
      Optional<Dialect> dialect = Optional.empty();
      Optional<ExecutionModel> execution = Optional.empty();

      JsonToken t = p.nextToken();
      if (t == null) {
        return withSource(LockstepConfig.empty());
      }
      if (t != JsonToken.START_OBJECT) {
        throw error("expected a mapping of settings (" + String.join(", ", KEYS) + ")");
      }
      Set<String> seen = new HashSet<>();
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        int keyLine = line();
        if (!KEYS.contains(key)) {
          throw new ConfigException(
              file, keyLine, "unknown key '" + key + "'; valid keys: " + String.join(", ", KEYS));
        }
        if (!seen.add(key)) {
          throw new ConfigException(file, keyLine, "duplicate key '" + key + "'");
        }
        JsonToken value = p.nextToken();
        if (value == JsonToken.VALUE_NULL) {
          continue;
        }
        switch (key) {
          case "pg-version" -> pgVersion = Optional.of(pgVersion(value));
          case "tool" -> {
            String s = scalar(key, value, "valid tools: " + MigrationTool.validIds());
            tool =
                Optional.of(
                    MigrationTool.fromId(s)
                        .orElseThrow(() -> error("unknown tool '" + s + "'; valid tools: " + MigrationTool.validIds())));
          }
          case "fail-on" -> {
            String valid = String.join(", ", LockstepConfig.FAIL_ON_VALUES);
            String s = scalar(key, value, "valid values: " + valid);
            String lower = s.trim().toLowerCase(Locale.ROOT);
            if (!LockstepConfig.FAIL_ON_VALUES.contains(lower)) {
              throw error("invalid fail-on '" + s + "'; valid values: " + valid);
            }
            failOn = Optional.of(lower);
          }
          case "dialect" -> {
            String valid = Arrays.stream(Dialect.values()).map(Dialect::id).collect(Collectors.joining(", "));
            String s = scalar(key, value, "valid dialects: " + valid);
            String lower = s.trim().toLowerCase(Locale.ROOT);
            dialect =
                Optional.of(
                    Arrays.stream(Dialect.values())
                        .filter(d -> d.id().equals(lower))
                        .findFirst()
                        .orElseThrow(() -> error("unknown dialect '" + s + "'; valid dialects: " + valid)));
          }
          case "execution" -> {
            String s = scalar(key, value, "valid models: " + ExecutionModel.validIds());
            execution =
                Optional.of(
                    ExecutionModel.fromId(s)
                        .orElseThrow(
                            () -> error("unknown execution model '" + s + "'; valid models: " + ExecutionModel.validIds())));
          }
          case "rules" -> readRules(value, rules);
          case "exclude" -> readExclude(value, exclude);
          default -> throw new IllegalStateException(key);
        }
      }
      if (t != JsonToken.END_OBJECT) {
        throw error("expected a setting name");
      }
      if (p.nextToken() != null) {
        throw error("only one YAML document is allowed");
      }
      return new LockstepConfig(
          Optional.of(file), pgVersion, tool, failOn, rules, exclude, dialect, execution);
    }

    private LockstepConfig withSource(LockstepConfig c) {
      return new LockstepConfig(
          Optional.of(file), c.pgVersion(), c.tool(), c.failOn(), c.rules(), c.exclude(), c.dialect(), c.execution());
    }

    private int pgVersion(JsonToken value) throws IOException, ConfigException {
      String valid = "valid versions: " + LockstepConfig.MIN_PG_VERSION + ".." + LockstepConfig.MAX_PG_VERSION;
      String text = scalar("pg-version", value, valid);
      int v;
      try {
        v = Integer.parseInt(text.trim());
      } catch (NumberFormatException e) {
        throw error("pg-version must be a major version number, got '" + text + "'; " + valid);
      }
      if (v < LockstepConfig.MIN_PG_VERSION || v > LockstepConfig.MAX_PG_VERSION) {
        throw error("unsupported pg-version " + v + "; " + valid);
      }
      return v;
    }

    private void readRules(JsonToken value, Map<String, RuleLevel> rules) throws IOException, ConfigException {
      if (value != JsonToken.START_OBJECT) {
        throw error("rules must be a mapping of rule id to level (" + RuleLevel.validIds() + ")");
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String id = p.currentName();
        int idLine = line();
        if (!knownRuleIds.contains(id)) {
          String valid = new TreeSet<>(knownRuleIds).stream().collect(Collectors.joining(", "));
          throw new ConfigException(
              file, idLine, "unknown rule '" + id + "'; valid rules: " + (valid.isEmpty() ? "(none)" : valid));
        }
        if (rules.containsKey(id)) {
          throw new ConfigException(file, idLine, "duplicate rule '" + id + "'");
        }
        JsonToken v = p.nextToken();
        String valid = "valid levels: " + RuleLevel.validIds();
        if (v == JsonToken.VALUE_FALSE) {
          // YAML 1.1 reads a bare 'off' as false.
          rules.put(id, RuleLevel.OFF);
          continue;
        }
        if (!v.isScalarValue() || v == JsonToken.VALUE_NULL || v == JsonToken.VALUE_TRUE) {
          throw error("rule '" + id + "' needs a level; " + valid);
        }
        String s = p.getText();
        rules.put(
            id,
            RuleLevel.fromId(s)
                .orElseThrow(() -> error("invalid level '" + s + "' for rule '" + id + "'; " + valid)));
      }
      if (t != JsonToken.END_OBJECT) {
        throw error("expected a rule id");
      }
    }

    private void readExclude(JsonToken value, List<String> exclude) throws IOException, ConfigException {
      if (value != JsonToken.START_ARRAY) {
        throw error("exclude must be a list of glob patterns");
      }
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == null || !t.isScalarValue() || t == JsonToken.VALUE_NULL) {
          throw error("exclude must be a list of glob patterns");
        }
        String glob = p.getText();
        Optional<String> problem = Exclusion.problem(glob);
        if (problem.isPresent()) {
          throw error("invalid exclude pattern: " + problem.get());
        }
        exclude.add(glob);
      }
    }

    /** The text of a scalar value, or an error naming the key and the valid choices. */
    private String scalar(String key, JsonToken value, String valid) throws IOException, ConfigException {
      if (value == null || !value.isScalarValue()) {
        throw error(key + " must be a single value; " + valid);
      }
      return p.getText();
    }

    private int line() {
      return Math.max(0, p.currentTokenLocation().getLineNr());
    }

    private ConfigException error(String detail) {
      return new ConfigException(file, line(), detail);
    }
  }
}
