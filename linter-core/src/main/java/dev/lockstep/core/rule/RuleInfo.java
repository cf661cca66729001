package dev.lockstep.core.rule;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Metadata of a rule. The long explanation lives in the rule's markdown doc
 * ({@code rules/<id>.md} on the class path), never here.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {
  /** Stable kebab-case id. */
  String id();

  /** One line, no trailing period, no markdown. */
  String summary();

  Severity severity();

  /** Category tags: {@code locking}, {@code rewrite}, {@code compatibility}, {@code transactions}, ... */
  String[] tags() default {};

  boolean enabledByDefault() default true;

  /** Former ids that still select this rule in configuration and suppressions. */
  String[] altNames() default {};
}
