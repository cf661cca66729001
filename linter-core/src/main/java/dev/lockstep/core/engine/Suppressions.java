package dev.lockstep.core.engine;

import dev.lockstep.core.rule.Finding;
import dev.lockstep.core.rule.RuleMeta;
import dev.lockstep.core.rule.RuleRegistry;
import dev.lockstep.core.rule.Severity;
import dev.lockstep.core.source.SqlStatement;
import dev.lockstep.core.source.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Applies {@code lockstep:ignore} directives to a file's findings and reports directives that
 * suppressed nothing or name unknown rules. A statement directive applies to the statement that
 * directly follows it (it must be among that statement's leading comments).
 */
final class Suppressions {
  private Suppressions() {}

  static List<Finding> apply(List<Finding> raw, PreparedFile pf, ActiveRules rules) {
    List<Finding> findings = raw.stream().filter(Objects::nonNull).toList();
    RuleRegistry registry = rules.registry();
    List<Suppression> sups = pf.suppressions();
    int[] target = new int[sups.size()];
    for (int i = 0; i < sups.size(); i++) {
      target[i] = sups.get(i).fileWide() ? -1 : statementFor(sups.get(i), pf.split().statements(), pf.text());
    }
    Set<String> used = new HashSet<>();
    List<Finding> kept = new ArrayList<>();
    for (Finding f : findings) {
      boolean suppressed = false;
      for (int i = 0; i < sups.size(); i++) {
        Suppression s = sups.get(i);
        if (s.fileWide() || target[i] == f.statementIndex()) {
          for (String id : s.ruleIds()) {
            Optional<RuleMeta> meta = registry.find(id);
            if (meta.isPresent() && meta.get().id().equals(f.ruleId())) {
              suppressed = true;
              used.add(i + ":" + id);
            }
          }
        }
      }
      if (!suppressed) {
        kept.add(f);
      }
    }
    for (int i = 0; i < sups.size(); i++) {
      Suppression s = sups.get(i);
      for (String id : s.ruleIds()) {
        Optional<RuleMeta> meta = registry.find(id);
        if (meta.isEmpty()) {
          report(kept, rules, RuleRegistry.UNKNOWN_RULE_IN_SUPPRESSION, s, target[i],
              "Unknown rule '" + id + "' in suppression; `lockstep rules` lists the valid ids.");
        } else if (!used.contains(i + ":" + id) && rules.isEnabled(meta.get().id())) {
          String where = s.fileWide() ? "in this file"
              : target[i] < 0 ? "(no statement follows this comment)" : "on the next statement";
          report(kept, rules, RuleRegistry.UNUSED_SUPPRESSION, s, target[i],
              "Suppression of '" + id + "' is unused: the rule reports nothing " + where + ".");
        }
      }
    }
    kept.sort(LintEngine.order());
    return kept;
  }

  private static void report(List<Finding> out, ActiveRules rules, String ruleId, Suppression s, int stmt,
      String message) {
    Optional<Severity> sev = rules.severity(ruleId);
    if (sev.isEmpty()) {
      return;
    }
    out.add(new Finding(ruleId, sev.get(), message, "Remove the comment or correct the rule id.", stmt, s.span(),
        Optional.empty(), Optional.empty()));
  }

  /**
   * The statement a directive applies to: the one it precedes, except that a directive written on
   * the same line right after a statement ({@code CREATE INDEX ...; -- lockstep:ignore ...})
   * applies to that statement.
   */
  private static int statementFor(Suppression s, List<SqlStatement> statements, String text) {
    SqlStatement previous = null;
    for (SqlStatement st : statements) {
      if (st.span().end() <= s.span().start()) {
        previous = st;
      }
    }
    if (previous != null && text.indexOf('\n', previous.span().end()) >= s.span().start()
        || previous != null && text.indexOf('\n', previous.span().end()) < 0) {
      return previous.index();
    }
    for (SqlStatement st : statements) {
      for (Token c : st.leadingComments()) {
        if (c.start() == s.span().start()) {
          return st.index();
        }
      }
    }
    return -1;
  }
}
