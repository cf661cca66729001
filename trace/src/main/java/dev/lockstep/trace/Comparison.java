package dev.lockstep.trace;

import dev.lockstep.core.effects.Effects;
import dev.lockstep.core.effects.LockMode;
import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.ir.ObjectName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares lockstep's prediction for one case with what one server did. Strict both ways: a lock
 * the server took that lockstep did not predict, a predicted lock the server did not take, a
 * different strongest mode, and any difference in rewrite or scan per relation are all mismatches;
 * so are a different answer to "can it run in a transaction block" and to "does it fail on the
 * existing rows". The one exception is a relation whose predicted lock is partly held only for an
 * instant by a command outside a transaction block ({@link RelationEffect#brief()}): its observed
 * lock is sampled, so it must lie between the lasting lock and the predicted one (a subset of the
 * prediction); rewrite and scan stay strict, except a scan the model marks plan-dependent
 * ({@link dev.lockstep.core.effects.ScanKind#PLAN_DEPENDENT}), which either observation satisfies.
 */
final class Comparison {
  private Comparison() {}

  /**
   * One difference.
   *
   * @param relation {@code schema.name}, or {@code -} for statement-level aspects
   * @param aspect lock, rewrite, scan, transactional, fails-on-existing-rows, recognized, server-error
   */
  record Mismatch(String caseId, int version, String relation, String aspect, String predicted, String observed) {
    String message() {
      return "case " + caseId + " on PostgreSQL " + version + ": " + (relation.equals("-") ? "" : relation + " ")
          + aspect + " predicted " + predicted + ", observed " + observed;
    }
  }

  record Result(List<Mismatch> mismatches, List<String> notes) {}

  /** lockstep's prediction for a case: what {@link #compare} needs of it. */
  interface Predicted {
    Effects effects();

    /** The combined relation effects, names resolved against {@code public}. */
    Map<ObjectName, RelationEffect> relations();

    List<String> unrecognized();

    int statements();

    boolean unsupported();
  }

  static Result compare(VerifyCase c, int version, Predicted p, Observation o) {
    List<Mismatch> out = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    if (!p.unrecognized().isEmpty() || !p.effects().known()) {
      out.add(new Mismatch(c.id(), version, "-", "recognized", "unknown effects"
          + (p.unrecognized().isEmpty() ? "" : " (unrecognized: " + String.join("; ", p.unrecognized()) + ")"),
          "the server ran it"));
    }
    // A file sent as one simple query is one implicit transaction block only when it has more than
    // one statement; alone, a statement that refuses transaction blocks runs fine.
    boolean predictedTx = p.effects().transactional();
    boolean expectRefusal = !predictedTx && (!c.fileMode() || p.statements() > 1);
    if (expectRefusal != o.nonTransactional()) {
      String where = c.fileMode() ? "in a multi-statement simple query" : "inside BEGIN";
      out.add(new Mismatch(c.id(), version, "-", "transactional",
          predictedTx ? "true" : "false" + (c.fileMode() ? " (file of " + p.statements() + " statements)" : ""),
          o.nonTransactional() ? "false (SQLSTATE 25001 " + where + ")" : "true (ran " + where + ")"));
    }
    Optional<String> fails = p.effects().failsOnExistingRows();
    // a Prisma-style file refused with 25001 never ran its statements: nothing to say about rows
    boolean ran = !(o.nonTransactional() && !o.observed() && o.error().isEmpty());
    if (o.error().isPresent()) {
      Observation.SqlError e = o.error().get();
      if (e.dataError()) {
        if (fails.isEmpty()) {
          out.add(new Mismatch(c.id(), version, "-", "fails-on-existing-rows", "no", "error " + e));
        }
      } else if (!p.unsupported()) {
        out.add(new Mismatch(c.id(), version, "-", "server-error", "runs", "error " + e));
      }
    } else if (fails.isPresent() && ran) {
      if (c.cleanData()) {
        notes.add("predicted failure on existing rows (" + fails.get() + ") not confirmable: the fixture rows comply");
      } else {
        out.add(new Mismatch(c.id(), version, "-", "fails-on-existing-rows", "yes (" + fails.get() + ")",
            "no error"));
      }
    }
    if (p.unsupported() && o.error().isEmpty() && ran) {
      out.add(new Mismatch(c.id(), version, "-", "server-error", "not supported on this version",
          "the server ran it"));
    }
    if (!o.observed()) {
      return new Result(out, notes);
    }
    out.addAll(compareRelations(c.id(), version, p.relations(), o.relations(), Map.of(), new TreeMap<>(), notes));
    return new Result(out, notes);
  }

  /**
   * Per relation: the strongest lock, rewrite and scan of a prediction against an observation
   * (also what {@code lockstep trace} reports). A predicted lock that the transaction already held
   * in the same or a stronger mode before the statement ({@code heldBefore}, empty for statements
   * observed on their own) is satisfied; such relations are put in {@code heldEarlier}.
   */
  static List<Mismatch> compareRelations(String caseId, int version, Map<ObjectName, RelationEffect> predicted,
      Map<ObjectName, Observation.Rel> observed, Map<ObjectName, LockMode> heldBefore,
      Map<ObjectName, LockMode> heldEarlier) {
    return compareRelations(caseId, version, predicted, observed, heldBefore, heldEarlier, new ArrayList<>());
  }

  /**
   * As above; a scan the model calls plan-dependent agrees with either observation, and what the
   * server did is added to {@code notes}.
   */
  static List<Mismatch> compareRelations(String caseId, int version, Map<ObjectName, RelationEffect> predicted,
      Map<ObjectName, Observation.Rel> observed, Map<ObjectName, LockMode> heldBefore,
      Map<ObjectName, LockMode> heldEarlier, List<String> notes) {
    List<Mismatch> out = new ArrayList<>();
    TreeSet<ObjectName> names = new TreeSet<>(predicted.keySet());
    names.addAll(observed.keySet());
    for (ObjectName n : names) {
      RelationEffect pr = predicted.get(n);
      Observation.Rel ob = observed.get(n);
      Optional<LockMode> pl = pr == null ? Optional.empty() : Optional.of(pr.lock());
      Optional<LockMode> ol = ob == null ? Optional.empty() : ob.lock();
      if (pr != null && pr.brief()) {
        // sampled: part of the predicted lock is held only for an instant outside a transaction block, so
        // the observation may miss it; what is seen must lie between the lasting lock and the prediction
        boolean withinPrediction = ol.map(m -> m.max(pr.lock()) == pr.lock()).orElse(true);
        boolean atLeastLasting = pr.lasting().map(l -> ol.map(m -> m.max(l) == m).orElse(false)).orElse(true);
        if (!withinPrediction || !atLeastLasting) {
          out.add(new Mismatch(caseId, version, n.display(), "lock", "sampled: "
              + pr.lasting().map(LockMode::sql).orElse("none") + " up to " + pr.lock().sql(),
              ol.map(LockMode::sql).orElse("none")));
        }
      } else if (!pl.equals(ol)) {
        LockMode held = heldBefore.get(n);
        boolean coveredEarlier = pl.isPresent() && held != null && held.max(pl.get()) == held
            && ol.map(m -> m.max(pl.get()) == pl.get()).orElse(true);
        if (coveredEarlier) {
          heldEarlier.put(n, held);
        } else {
          out.add(new Mismatch(caseId, version, n.display(), "lock", pl.map(LockMode::sql).orElse("none"),
              ol.map(LockMode::sql).orElse("none")));
        }
      }
      boolean prw = pr != null && pr.rewrite();
      boolean orw = ob != null && ob.rewrite();
      if (prw != orw) {
        out.add(new Mismatch(caseId, version, n.display(), "rewrite", String.valueOf(prw), String.valueOf(orw)));
      }
      boolean psc = pr != null && pr.scan();
      boolean osc = ob != null && ob.scan();
      if (pr != null && pr.planDependentScan()) {
        // the model says the read depends on the plan or the data: either observation agrees with it
        notes.add("plan-dependent scan of " + n.display() + ": " + (osc ? "read in full" : "not read in full"));
      } else if (psc != osc) {
        out.add(new Mismatch(caseId, version, n.display(), "scan", String.valueOf(psc),
            osc ? "true (seq_tup_read " + ob.seqTupRead() + ")" : "false"));
      }
    }
    return out;
  }
}
