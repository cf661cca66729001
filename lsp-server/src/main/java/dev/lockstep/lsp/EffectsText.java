package dev.lockstep.lsp;

import dev.lockstep.core.effects.Effects;
import dev.lockstep.core.effects.LockMode;
import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.effects.RelationKind;
import dev.lockstep.core.engine.StatementResult;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.rule.TransactionState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Predicted effects as short text for hovers, inlay hints and code lenses. */
final class EffectsText {
  private EffectsText() {}

  /**
   * The one-line summary shown after a statement: the strongest lock with its relation and the
   * big risks, e.g. {@code ACCESS EXCLUSIVE "User" · rewrites}. Empty for statements that lock
   * nothing and risk nothing.
   */
  static Optional<String> summary(StatementResult s) {
    Effects e = s.effects();
    if (!e.known()) {
      return s.recognized() ? Optional.of("effects unknown") : Optional.of("not understood");
    }
    List<String> parts = new ArrayList<>();
    strongest(e).ifPresent(r -> parts.add(r.lock().sql() + " " + name(r.relation())));
    if (e.rewrites()) {
      parts.add("rewrites");
    } else if (e.relations().stream().anyMatch(r -> r.rewrite())) {
      parts.add("rebuilds index");
    }
    // a rewrite reads the whole table anyway: "scans" is for reads that change nothing
    if (e.relations().stream().anyMatch(r -> r.scan() && !r.rewrite())) {
      parts.add("scans");
    }
    if (!e.transactional()) {
      parts.add("no transaction");
    }
    if (e.failsOnExistingRows().isPresent()) {
      parts.add("fails on existing rows");
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(" · ", parts));
  }

  /**
   * The table with the strongest lock (what traffic feels); other relations (the index being
   * built, a sequence) only when no table is locked.
   */
  static Optional<RelationEffect> strongest(Effects e) {
    Comparator<RelationEffect> byLock = Comparator.comparingInt((RelationEffect r) -> r.lock().ordinal());
    Optional<RelationEffect> table = e.relations().stream()
        .filter(r -> r.kind() == RelationKind.TABLE || r.kind() == RelationKind.MATERIALIZED_VIEW).max(byLock);
    return table.isPresent() ? table : e.relations().stream().max(byLock);
  }

  /** Markdown describing what a statement does on PostgreSQL {@code version}. */
  static String hover(StatementResult s, int version) {
    StringBuilder sb = new StringBuilder();
    sb.append("**lockstep** · PostgreSQL ").append(version).append(" · `")
        .append(String.join("`, `", s.operationKinds())).append("`\n\n");
    Effects e = s.effects();
    if (!e.known()) {
      sb.append(s.recognized() ? "lockstep cannot predict what this statement locks.\n"
          : "lockstep does not understand this statement, so it cannot predict its locks.\n");
    } else if (e.relations().isEmpty()) {
      sb.append("Takes no table-level locks.\n");
    } else {
      sb.append("| relation | lock | blocks | rewrite | scan |\n|---|---|---|---|---|\n");
      for (RelationEffect r : e.relations()) {
        sb.append("| ").append((name(r.relation()) + " " + kind(r.kind())).trim()).append(" | ")
            .append(r.lock().sql()).append(" | ").append(blocks(r.lock())).append(" | ")
            .append(r.rewrite() ? (r.kind() == RelationKind.INDEX ? "rebuilds" : "**rewrites**") : "no")
            .append(" | ").append(r.scan() ? "reads every row" : "no").append(" |\n");
      }
    }
    sb.append('\n');
    sb.append(e.transactional() ? "Can run inside a transaction block." : "**Cannot run inside a transaction block.**");
    sb.append(' ').append(transaction(s.transaction())).append('\n');
    e.failsOnExistingRows().ifPresent(f -> sb.append("\n**Fails on existing rows:** ").append(f).append('\n'));
    if (!e.notes().isEmpty()) {
      sb.append('\n');
      for (String n : e.notes()) {
        sb.append("- ").append(n).append('\n');
      }
    }
    return sb.toString();
  }

  static String transaction(TransactionState.Kind kind) {
    switch (kind) {
      case EXPLICIT:
        return "Here it runs inside the file's own transaction block (BEGIN ... COMMIT).";
      case TOOL:
        return "Here it runs inside the transaction the migration tool opens.";
      case IMPLICIT:
        return "Here it runs in the implicit transaction of a multi-statement query.";
      default:
        return "Here it runs in autocommit mode (no transaction).";
    }
  }

  static String blocks(LockMode mode) {
    List<String> parts = new ArrayList<>();
    for (LockMode.Blocked b : mode.blocks()) {
      parts.add(b == LockMode.Blocked.DDL ? "DDL" : b.id());
    }
    return parts.isEmpty() ? "nothing" : String.join(", ", parts);
  }

  static String name(ObjectName n) {
    return n.schema().equals("public") ? ObjectName.quote(n.name()) : n.sql();
  }

  private static String kind(RelationKind k) {
    return k == RelationKind.TABLE ? "" : "(" + k.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")";
  }
}
