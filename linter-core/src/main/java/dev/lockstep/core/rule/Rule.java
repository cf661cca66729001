package dev.lockstep.core.rule;

/**
 * A check. One stateless final class per rule, annotated with {@link RuleInfo} and listed in
 * {@code META-INF/services/dev.lockstep.core.rule.Rule}. The engine calls {@link #check} once
 * for every operation of every statement that runs forward; a rule reports through the context
 * and never spells its own id or severity.
 */
public interface Rule {
  void check(RuleContext ctx);
}
