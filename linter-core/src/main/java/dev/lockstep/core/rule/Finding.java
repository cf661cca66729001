package dev.lockstep.core.rule;

import dev.lockstep.core.source.Span;
import java.util.Optional;

/**
 * A problem a rule found.
 *
 * @param ruleId the rule's id (stamped by the engine)
 * @param severity effective severity after configuration
 * @param message one or two sentences: what happens, on which relation
 * @param help how to fix it, in prose
 * @param statementIndex the statement, or -1 for file-level findings
 * @param span what to underline
 * @param fix automatic text edits, if the rule has a safe one
 * @param plan staged alternative, if one exists
 */
public record Finding(String ruleId, Severity severity, String message, String help, int statementIndex, Span span,
    Optional<Fix> fix, Optional<Plan> plan) {}
