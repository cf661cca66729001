package dev.lockstep.core.engine;

import dev.lockstep.core.effects.Effects;
import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.project.ExecutionModel;
import dev.lockstep.core.rule.TransactionState;
import dev.lockstep.core.rule.TransactionState.HeldLock;
import dev.lockstep.core.rule.TransactionState.Kind;
import dev.lockstep.core.rule.TransactionState.PriorOperation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Follows the transaction state through one file, as its execution model and its own
 * {@code BEGIN}/{@code COMMIT} statements make it.
 *
 * <ul>
 *   <li>{@link ExecutionModel#IMPLICIT_TRANSACTION}: the file is one multi-statement query. With
 *       more than one statement, PostgreSQL runs them in an implicit transaction block until an
 *       explicit {@code COMMIT}; after it, the next statements start a new implicit block. A
 *       {@code BEGIN} turns the implicit block into an explicit one. A single statement runs alone.
 *   <li>{@link ExecutionModel#TRANSACTION_PER_FILE} and {@link ExecutionModel#TRANSACTION_PER_RUN}:
 *       the tool opens a transaction before the file; a {@code COMMIT} in the file ends it and the
 *       rest runs in autocommit mode. (A run-wide transaction is followed per file, as if each
 *       deploy applied one pending migration: treating the whole history as one transaction would
 *       make every table look new.)
 *   <li>{@link ExecutionModel#AUTOCOMMIT}: every statement commits on its own unless the file
 *       opens a transaction with {@code BEGIN}.
 * </ul>
 *
 * Session settings ({@code SET lock_timeout}) last until the end of the file; {@code SET LOCAL}
 * until the end of the transaction.
 */
final class TransactionTracker {
  private final String file;
  private final ExecutionModel model;
  private long nextTransactionId;

  private Kind kind;
  private long transactionId = -1;
  private final Map<String, String> sessionSettings = new LinkedHashMap<>();
  private final Map<String, String> localSettings = new LinkedHashMap<>();
  private final Map<ObjectName, HeldLock> held = new LinkedHashMap<>();
  /** {@link #held} as an immutable list, rebuilt only after it changes. */
  private List<HeldLock> heldView;
  private final AppendOnlyList<PriorOperation> earlier = new AppendOnlyList<>();

  TransactionTracker(String file, ExecutionModel model, int forwardStatements, long firstTransactionId) {
    this.file = file;
    this.model = model;
    this.nextTransactionId = firstTransactionId;
    Kind start = switch (model) {
      case IMPLICIT_TRANSACTION -> forwardStatements > 1 ? Kind.IMPLICIT : Kind.NONE;
      case TRANSACTION_PER_FILE, TRANSACTION_PER_RUN -> Kind.TOOL;
      case AUTOCOMMIT -> Kind.NONE;
    };
    open(start);
  }

  long nextTransactionId() {
    return nextTransactionId;
  }

  private void open(Kind k) {
    kind = k;
    transactionId = k == Kind.NONE ? -1 : nextTransactionId++;
    held.clear();
    heldView = null;
    earlier.clear();
    localSettings.clear();
  }

  /**
   * The state a statement runs in. Transaction-control statements move the state first: a
   * {@code BEGIN} runs inside the transaction it opens; a {@code COMMIT} inside the one it ends.
   */
  TransactionState before(List<Operation> ops) {
    // indexed loops over the statement's operations: this runs for every statement of every file
    for (int i = 0; i < ops.size(); i++) {
      if (ops.get(i) instanceof Operation.Begin) {
        if (kind == Kind.NONE) {
          open(Kind.EXPLICIT);
        } else if (kind == Kind.IMPLICIT) {
          kind = Kind.EXPLICIT;
        }
      }
    }
    long txId = kind == Kind.NONE ? nextTransactionId++ : transactionId;
    return new TransactionState(kind != Kind.NONE, kind, kind == Kind.NONE ? -1 : txId,
        setting("lock_timeout"), setting("statement_timeout"), heldSnapshot(), earlier.snapshot());
  }

  /** Records what a statement did once it ran. */
  void after(int statementIndex, List<Operation> ops, Effects effects) {
    for (int i = 0; i < ops.size(); i++) {
      if (ops.get(i) instanceof Operation.SetSetting s) {
        String name = s.name().toLowerCase(Locale.ROOT);
        Map<String, String> target = s.local() ? localSettings : sessionSettings;
        if (s.reset() || isZero(s.value())) {
          target.remove(name);
          if (!s.local()) {
            localSettings.remove(name);
          }
        } else {
          target.put(name, s.value());
        }
      }
    }
    boolean ends = false;
    for (int i = 0; i < ops.size(); i++) {
      ends |= ops.get(i) instanceof Operation.Commit || ops.get(i) instanceof Operation.Rollback;
    }
    if (ends) {
      Kind next = model == ExecutionModel.IMPLICIT_TRANSACTION && kind != Kind.NONE ? Kind.IMPLICIT : Kind.NONE;
      open(kind == Kind.NONE ? Kind.NONE : next);
      return;
    }
    if (kind == Kind.NONE) {
      return;
    }
    List<RelationEffect> relations = effects.relations();
    for (int i = 0; i < relations.size(); i++) {
      RelationEffect r = relations.get(i);
      HeldLock prev = held.get(r.relation());
      if (prev == null || r.lock().ordinal() > prev.mode().ordinal()) {
        heldView = null;
        held.put(r.relation(), new HeldLock(r.relation(), r.kind(), prev == null ? r.lock() : prev.mode().max(r.lock()),
            prev == null || r.lock().ordinal() > prev.mode().ordinal() ? statementIndex : prev.statementIndex()));
      }
    }
    for (int i = 0; i < ops.size(); i++) {
      earlier.add(new PriorOperation(ops.get(i), file, statementIndex));
    }
  }

  private List<HeldLock> heldSnapshot() {
    if (held.isEmpty()) {
      return List.of();
    }
    if (heldView == null) {
      heldView = List.copyOf(held.values());
    }
    return heldView;
  }

  private Optional<String> setting(String name) {
    String v = localSettings.containsKey(name) ? localSettings.get(name) : sessionSettings.get(name);
    return Optional.ofNullable(v);
  }

  private static boolean isZero(String value) {
    String v = value.trim().replace("'", "").toLowerCase(Locale.ROOT);
    return v.equals("0") || v.equals("0ms") || v.equals("0s") || v.equals("default");
  }
}
