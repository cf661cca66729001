package dev.lockstep.core.rule;

import dev.lockstep.core.catalog.Catalog;
import dev.lockstep.core.effects.Effects;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.source.Span;
import dev.lockstep.core.source.SqlStatement;
import java.util.List;

/** Everything a rule may look at for one operation. */
public interface RuleContext {
  /** The operation being checked. */
  Operation operation();

  /** All operations of the statement, in order (the current one included). */
  List<Operation> statementOperations();

  /** The statement as split from the file. */
  SqlStatement statement();

  /** Predicted effects of {@link #operation()}. */
  Effects effects();

  /** Predicted effects of the whole statement. */
  Effects statementEffects();

  /** The schema just before this operation. */
  Catalog catalog();

  /** The transaction the statement runs in. */
  TransactionState transaction();

  FileInfo file();

  /** PostgreSQL major version the migration targets. */
  int serverVersion();

  /**
   * Whether {@code table} was created by this migration file or earlier in the same transaction:
   * no application traffic can be waiting on it yet, so its locks do not matter. Tables unknown to
   * the catalog count as existing.
   */
  boolean isNewTable(ObjectName table);

  /**
   * Whether the rule being run has already reported a finding in this file, or, with
   * {@code sameTransaction}, in the transaction this statement runs in. Rules that speak once per
   * file or per transaction use this instead of keeping state.
   */
  boolean alreadyReported(boolean sameTransaction);

  /** The source text of a span of this file. */
  default String text(Span span) {
    return span.of(file().text());
  }

  /** Starts a finding underlining {@code span}. */
  FindingBuilder report(Span span, String message);

  /** Adds optional parts to a finding; the finding is recorded when {@link #report} is called. */
  interface FindingBuilder {
    FindingBuilder help(String help);

    FindingBuilder fix(Fix fix);

    FindingBuilder plan(Plan plan);
  }
}
