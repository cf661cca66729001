package dev.lockstep.rules;

import dev.lockstep.core.ir.ColumnDef;
import dev.lockstep.core.ir.ConstraintDef;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.rule.Rule;
import dev.lockstep.core.rule.RuleContext;
import dev.lockstep.core.rule.RuleInfo;
import dev.lockstep.core.rule.Severity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

@RuleInfo(
    id = "identifier-too-long",
    summary = "A name longer than 63 bytes, which PostgreSQL silently truncates",
    severity = Severity.WARNING,
    tags = {"naming"})
public final class IdentifierTooLong implements Rule {
  private static final int MAX_BYTES = 63;

  @Override
  public void check(RuleContext ctx) {
    List<String> names = new ArrayList<>();
    if (ctx.operation() instanceof Operation.CreateTable ct) {
      names.add(ct.relation().name());
      ct.columns().forEach(c -> names.add(c.name()));
      ct.columns().forEach(c -> c.constraints().forEach(k -> k.name().ifPresent(names::add)));
      ct.constraints().forEach(k -> k.name().ifPresent(names::add));
    } else if (ctx.operation() instanceof Operation.AddColumn ac) {
      ColumnDef c = ac.column();
      names.add(c.name());
      c.constraints().forEach(k -> k.name().ifPresent(names::add));
    } else if (ctx.operation() instanceof Operation.AddConstraint ac) {
      ConstraintDef k = ac.constraint();
      k.name().ifPresent(names::add);
    } else if (ctx.operation() instanceof Operation.CreateIndex ci) {
      ci.name().ifPresent(names::add);
    } else if (ctx.operation() instanceof Operation.RenameColumn rc) {
      names.add(rc.newName());
    } else if (ctx.operation() instanceof Operation.RenameTable rt) {
      names.add(rt.newName());
    } else if (ctx.operation() instanceof Operation.RenameIndex ri) {
      names.add(ri.newName());
    } else if (ctx.operation() instanceof Operation.RenameConstraint rc) {
      names.add(rc.newName());
    } else if (ctx.operation() instanceof Operation.CreateEnum ce) {
      names.add(ce.type().name());
    } else if (ctx.operation() instanceof Operation.CreateView cv) {
      names.add(cv.view().name());
    } else {
      return;
    }
    for (String n : names) {
      if (n.length() * 3 <= MAX_BYTES) {
        continue; // no character takes more than three bytes per UTF-16 unit
      }
      byte[] bytes = n.getBytes(StandardCharsets.UTF_8);
      if (bytes.length > MAX_BYTES) {
        String kept = truncate(n);
        ctx.report(ctx.operation().span(), "\"" + n + "\" is " + bytes.length + " bytes long; PostgreSQL silently"
                + " truncates names to 63 bytes and creates \"" + kept + "\", so later statements, ORMs and schema"
                + " diffs that use the full name do not find it (and two long names can collide)")
            .help("Use a name of at most 63 bytes, e.g. " + ObjectName.quote(kept) + " or a shorter abbreviation;"
                + " with Prisma, set it with map: \"...\" on the @@index/@@unique/@relation attribute.");
        return;
      }
    }
  }

  /** The name PostgreSQL keeps: at most 63 bytes, never splitting a character. */
  static String truncate(String name) {
    StringBuilder sb = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + len > MAX_BYTES) {
        break;
      }
      sb.appendCodePoint(cp);
      bytes += len;
      i += Character.charCount(cp);
    }
    return sb.toString();
  }
}
