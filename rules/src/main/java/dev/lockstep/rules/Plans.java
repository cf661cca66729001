package dev.lockstep.rules;

import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.rule.FileInfo;
import dev.lockstep.core.rule.Plan;
import dev.lockstep.core.rule.PlanStep;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds expand/contract plans whose migration steps are new files in the user's layout, ordered
 * right after the file being linted. Paths are given where the tool's naming leaves room for a
 * migration between this one and the next (timestamps, Flyway sub-versions); otherwise the step
 * has no path and only describes the file to create.
 */
final class Plans {
  private static final Pattern PRISMA = Pattern.compile("^(.*/)?(\\d+)_([^/]+)/migration\\.sql$");
  private static final Pattern FLYWAY = Pattern.compile("^(.*/)?V([0-9][0-9._]*)__([^/]+)\\.sql$");
  private static final Pattern VERSIONED = Pattern.compile("^(.*/)?(\\d{12,})_([^/]+?)((?:\\.up)?\\.sql)$");

  private Plans() {}

  /** A plan under construction. */
  static final class Builder {
    private final FileInfo file;
    private final String title;
    private final List<PlanStep> steps = new ArrayList<>();
    private int migrations;

    private Builder(FileInfo file, String title) {
      this.file = file;
      this.title = title;
    }

    /** A new migration after the current one; {@code transactional=false} marks it to run without a transaction. */
    Builder migration(String stepTitle, String name, String sql, boolean transactional, String why) {
      migrations++;
      Optional<String> path = laterMigration(file, migrations, name);
      String content = header(file.tool(), transactional) + sql + (sql.endsWith("\n") ? "" : "\n");
      steps.add(new PlanStep(PlanStep.Kind.MIGRATION, stepTitle, path, Optional.of(content), why));
      return this;
    }

    Builder deploy(String stepTitle, String why) {
      steps.add(new PlanStep(PlanStep.Kind.DEPLOY, stepTitle, Optional.empty(), Optional.empty(), why));
      return this;
    }

    Builder waitFor(String stepTitle, String why) {
      steps.add(new PlanStep(PlanStep.Kind.WAIT, stepTitle, Optional.empty(), Optional.empty(), why));
      return this;
    }

    Plan build() {
      return new Plan(title, steps);
    }
  }

  static Builder plan(FileInfo file, String title) {
    return new Builder(file, title);
  }

  /**
   * The display path of the {@code k}-th new migration after {@code file}, named {@code name}, when
   * the tool's naming allows one there.
   */
  static Optional<String> laterMigration(FileInfo file, int k, String name) {
    String path = file.path();
    String slug = slug(name);
    switch (file.tool()) {
      case PRISMA -> {
        Matcher m = PRISMA.matcher(path);
        if (m.matches()) {
          return Optional.of(prefix(m.group(1)) + plus(m.group(2), k) + "_" + slug + "/migration.sql");
        }
      }
      case FLYWAY -> {
        Matcher m = FLYWAY.matcher(path);
        if (m.matches()) {
          return Optional.of(prefix(m.group(1)) + "V" + m.group(2) + "_" + k + "__" + slug + ".sql");
        }
      }
      case GOLANG_MIGRATE, GOOSE, DBMATE, SQLX, SUPABASE, PLAIN -> {
        Matcher m = VERSIONED.matcher(path);
        if (m.matches()) {
          return Optional.of(prefix(m.group(1)) + plus(m.group(2), k) + "_" + slug + m.group(4));
        }
      }
      default -> {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** What a new migration file of the tool starts with. */
  static String header(MigrationTool tool, boolean transactional) {
    return switch (tool) {
      case GOOSE -> transactional ? "-- +goose Up\n" : "-- +goose NO TRANSACTION\n-- +goose Up\n";
      case DBMATE -> transactional ? "-- migrate:up\n" : "-- migrate:up transaction:false\n";
      case SQLX -> transactional ? "" : "-- no-transaction\n";
      default -> "";
    };
  }

  private static String prefix(String dir) {
    return dir == null ? "" : dir;
  }

  private static String plus(String digits, int k) {
    String n = new BigInteger(digits).add(BigInteger.valueOf(k)).toString();
    return "0".repeat(Math.max(0, digits.length() - n.length())) + n;
  }

  static String slug(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    return s.length() > 60 ? s.substring(0, 60) : s;
  }
}
