package dev.lockstep.core.effects;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders {@link PgEffectsTable} as the markdown page {@code docs/postgres-effects.md}. A test
 * keeps the committed page equal to this output; regenerate it with
 * {@link #REGENERATE}.
 */
public final class EffectsTableDoc {
  /**
   * The line after which {@code docs/postgres-effects.md} is written by hand (the surprises the
   * verification suite found); regeneration keeps everything from this line on.
   */
  public static final String HAND_WRITTEN =
      "<!-- Hand-written below this line: kept when the table is regenerated. -->";

  public static final String REGENERATE = "./mvnw -B -q -pl linter-core test -Dtest=EffectsTableDocTest "
      + "-Dlockstep.regenerate=true -Dsurefire.failIfNoSpecifiedTests=false";

  private EffectsTableDoc() {}

  public static String render() {
    return render(PgEffectsTable.get());
  }

  /** The generated part, then the hand-written part of {@code existing} (from {@link #HAND_WRITTEN} on), if any. */
  public static String compose(String existing) {
    int at = existing.indexOf(HAND_WRITTEN);
    String generated = render();
    return at < 0 ? generated : generated + "\n" + existing.substring(at);
  }

  /** The generated part of a page written by {@link #compose}. */
  public static String generatedPart(String page) {
    int at = page.indexOf(HAND_WRITTEN);
    return at < 0 ? page : page.substring(0, at - 1);
  }

  public static String render(PgEffectsTable table) {
    StringBuilder sb = new StringBuilder();
    sb.append("# PostgreSQL effects model\n\n");
    sb.append("What lockstep predicts each operation does on a live PostgreSQL server, per major version (")
        .append(ServerVersions.MIN).append("–").append(ServerVersions.MAX).append("; default ")
        .append(ServerVersions.DEFAULT).append("). Generated from `PgEffectsTable` by `EffectsTableDoc`; do not "
            + "edit it by hand (only the Surprises section at the end is hand-written). Regenerate with:\n\n");
    sb.append("```\n").append(REGENERATE).append("\n```\n\n");
    sb.append("Roles: **target** is the table the statement names (for `REINDEX INDEX`, the index's table); "
        + "**partitions** are all partitions of a partitioned target, which the command recurses to; the other "
        + "roles name the relations they describe; *new relation* and *new index* are created by the statement, "
        + "so their locks block nobody and `Effects` does not list them. A partitioned parent has no storage of "
        + "its own, so its "
        + "rewrite and scan happen in its partitions. *rewrite* means new storage (a new `relfilenode`); *scan* "
        + "means every row is read (a rewrite reads the old table, so it scans too); a *plan-dependent* scan is one "
        + "the planner or the data decide (the note says why): lockstep narrows it to a full scan or none where "
        + "the statement and the schema tell (a query without a condition on the table, or with conditions only on "
        + "columns no index leads with, reads it all; a whole unique key looks up one row). A lock marked *only "
        + "for an "
        + "instant* is taken by a command that runs outside a transaction block just before it finishes (or per "
        + "partition): others wait for it only if they hold a conflicting lock then. **Verified** names the server "
        + "version on which lockstep observed the row itself (statement run in a transaction, `pg_locks` and "
        + "`pg_class.relfilenode` read, then rolled back), or `12–18 (differential suite)` for rows the "
        + "verification suite (`trace/src/test/resources/verify/README.md`) confirms on every major; the "
        + "other rows rest on the cited documentation.\n\n");
    sb.append("## Lock modes\n\n");
    sb.append("| Mode | Blocks | Conflicts with |\n|---|---|---|\n");
    for (LockMode m : LockMode.values()) {
      List<String> conflicts = new ArrayList<>();
      for (LockMode o : LockMode.values()) {
        if (m.conflictsWith(o)) {
          conflicts.add(o.sql());
        }
      }
      sb.append("| ").append(m.sql()).append(" | ").append(blocks(m)).append(" | ")
          .append(String.join(", ", conflicts)).append(" |\n");
    }
    sb.append("\n## Operations\n\n");
    sb.append("| Key | Versions | Locks | Rewrite | Scan | In transaction block | Fails on existing rows | Note | "
        + "Source | Verified |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (PgEffectSpec s : table.rows()) {
      sb.append("| `").append(s.key().name()).append("` | ").append(s.versions().display()).append(" | ");
      if (!s.known()) {
        sb.append("unknown | unknown | unknown | unknown | unknown | ");
      } else if (!s.supported()) {
        sb.append("not supported | – | – | – | – | ");
      } else {
        sb.append(locks(s)).append(" | ").append(rewrite(s)).append(" | ").append(scan(s)).append(" | ")
            .append(s.transactional() ? "yes" : "**no**").append(" | ")
            .append(s.failsOnExistingRows().map(EffectsTableDoc::cell).orElse("–")).append(" | ");
      }
      sb.append(cell(s.note())).append(" | ").append(source(s.source())).append(" | ")
          .append(s.verified().map(EffectsTableDoc::cell).orElse("–")).append(" |\n");
    }
    return sb.toString();
  }

  private static String locks(PgEffectSpec s) {
    List<String> parts = new ArrayList<>();
    for (PgRole r : PgRole.values()) {
      Optional<RoleEffect> e = s.role(r);
      if (e.isPresent()) {
        String blocks = r.createdByStatement() ? "blocks nobody: not visible before commit" : blocks(e.get().lock());
        String instant = !e.get().brief() ? ""
            : e.get().lasting().map(l -> ", only for an instant; " + l.sql() + " throughout").orElse(
                ", only for an instant");
        parts.add(r.label() + ": " + e.get().lock().sql() + " (" + blocks + instant + ")");
      }
    }
    return parts.isEmpty() ? "none" : String.join("<br>", parts);
  }

  private static String rewrite(PgEffectSpec s) {
    List<String> parts = new ArrayList<>();
    for (PgRole r : PgRole.values()) {
      if (s.role(r).map(RoleEffect::rewrite).orElse(false)) {
        parts.add(r.label());
      }
    }
    return parts.isEmpty() ? "no" : String.join(", ", parts);
  }

  private static String scan(PgEffectSpec s) {
    List<String> parts = new ArrayList<>();
    for (PgRole r : PgRole.values()) {
      ScanKind k = s.role(r).map(RoleEffect::scanKind).orElse(ScanKind.NONE);
      if (k == ScanKind.FULL) {
        parts.add(r.label());
      } else if (k == ScanKind.PLAN_DEPENDENT) {
        parts.add(r.label() + " (plan-dependent)");
      }
    }
    return parts.isEmpty() ? "no" : String.join(", ", parts);
  }

  private static String blocks(LockMode m) {
    List<String> b = m.blocks().stream().map(LockMode.Blocked::id).toList();
    return b.isEmpty() ? "blocks nothing" : "blocks " + String.join(", ", b);
  }

  private static String source(String url) {
    if (url.isEmpty()) {
      return "–";
    }
    String label = url.replaceFirst("^https?://www\\.postgresql\\.org/docs/", "").replaceFirst("\\.html.*$", "")
        .toLowerCase(Locale.ROOT);
    return "[" + cell(label) + "](" + url + ")";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
