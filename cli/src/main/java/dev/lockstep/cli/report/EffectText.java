package dev.lockstep.cli.report;

import dev.lockstep.core.effects.LockMode;
import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.effects.RelationKind;
import dev.lockstep.core.ir.ObjectName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One-line descriptions of predicted effects for people. */
public final class EffectText {
  private EffectText() {}

  /** {@code ACCESS EXCLUSIVE on "User" — blocks reads, writes and DDL; rewrites the table}. */
  public static String describe(RelationEffect r) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.lock().sql()).append(" on ").append(name(r.relation())).append(" — ").append(blocks(r.lock()));
    if (r.rewrite()) {
      sb.append("; ").append(r.kind() == RelationKind.INDEX ? "rebuilds the index" : "rewrites the "
          + noun(r.kind()));
    }
    if (r.scan() && !r.rewrite()) {
      sb.append("; reads every row");
    } else if (r.planDependentScan() && !r.rewrite()) {
      sb.append("; may read every row (plan-dependent)");
    }
    if (r.brief()) {
      sb.append(r.lasting().map(l -> "; " + l.sql() + " throughout, " + r.lock().sql() + " only for an instant")
          .orElse("; only for an instant"));
    }
    return sb.toString();
  }

  /** {@code blocks reads, writes and DDL}, or {@code blocks neither reads nor writes}. */
  public static String blocks(LockMode mode) {
    Set<LockMode.Blocked> b = mode.blocks();
    if (b.isEmpty()) {
      return "blocks neither reads nor writes";
    }
    List<String> parts = new ArrayList<>();
    for (LockMode.Blocked x : b) {
      parts.add(x == LockMode.Blocked.DDL ? "DDL" : x.id());
    }
    if (parts.size() == 1) {
      return "blocks " + parts.get(0);
    }
    return "blocks " + String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
  }

  /** A relation name as SQL spells it, without the {@code public.} schema. */
  public static String name(ObjectName n) {
    if (n.schema().equals("public")) {
      return ObjectName.quote(n.name());
    }
    return n.sql();
  }

  private static String noun(RelationKind kind) {
    switch (kind) {
      case MATERIALIZED_VIEW:
        return "materialized view";
      case SEQUENCE:
        return "sequence";
      case VIEW:
        return "view";
      case TABLE:
        return "table";
      default:
        return "relation";
    }
  }
}
