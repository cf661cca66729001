package dev.lockstep.trace;

import dev.lockstep.core.catalog.Catalog;
import dev.lockstep.core.effects.Effects;
import dev.lockstep.core.effects.PgEffectsModel;
import dev.lockstep.core.effects.RelationEffect;
import dev.lockstep.core.engine.ActiveRules;
import dev.lockstep.core.engine.FileResult;
import dev.lockstep.core.engine.LintEngine;
import dev.lockstep.core.engine.PreparedFile;
import dev.lockstep.core.engine.StatementResult;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.project.Direction;
import dev.lockstep.core.project.ExecutionModel;
import dev.lockstep.core.project.MigrationFile;
import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.recognize.Recognizer;
import dev.lockstep.core.rule.RuleRegistry;
import dev.lockstep.core.source.Dialect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * lockstep's own prediction for a case: the fixture schema, the case's setup and the case's
 * statements go through the same pipeline as a user's migration history (split, recognize, replay
 * into the catalog, effects), with no rules, as three files in order; the effects of the case file's
 * statements are combined.
 */
final class Predictor {
  private final LintEngine engine;
  private final ActiveRules noRules = new ActiveRules(RuleRegistry.of(List.of()), Map.of());
  private final PreparedFile fixture;

  Predictor() {
    Recognizer recognizer = new Recognizer();
    this.engine = new LintEngine(recognizer::recognize, new PgEffectsModel());
    this.fixture = engine.prepare(file("fixture.sql", "0001", ExecutionModel.TRANSACTION_PER_FILE),
        Fixture.schemaSql());
  }

  /**
   * @param effects the combined effects, relation names resolved against {@code public}
   * @param operations the operation kinds lockstep recognized in the case statements
   * @param unrecognized reasons of statements lockstep did not understand
   * @param statements how many statements the case file has
   */
  record Prediction(Effects effects, Map<ObjectName, RelationEffect> relations, List<String> operations,
      List<String> unrecognized, int statements) implements Comparison.Predicted {

    @Override
    public boolean unsupported() {
      return effects.notes().stream().anyMatch(n -> n.startsWith("Not supported on PostgreSQL"));
    }
  }

  Prediction predict(VerifyCase c, int major) {
    List<PreparedFile> history = new ArrayList<>();
    List<Boolean> targets = new ArrayList<>();
    history.add(fixture);
    targets.add(false);
    if (!c.setup().isEmpty()) {
      history.add(engine.prepare(file("setup.sql", "0002", ExecutionModel.TRANSACTION_PER_FILE), c.setup()));
      targets.add(false);
    }
    ExecutionModel model = c.fileMode() ? ExecutionModel.IMPLICIT_TRANSACTION : ExecutionModel.TRANSACTION_PER_FILE;
    history.add(engine.prepare(file(c.id() + ".sql", "0003", model), c.sql()));
    targets.add(true);
    List<FileResult> results = engine.replay(history, targets, noRules, major);
    FileResult result = results.get(results.size() - 1);
    List<Effects> parts = new ArrayList<>();
    List<String> ops = new ArrayList<>();
    List<String> unrecognized = new ArrayList<>();
    for (StatementResult s : result.statements()) {
      parts.add(s.effects());
      for (Operation op : s.operations()) {
        ops.add(op.kind());
        if (op instanceof Operation.Unrecognized u) {
          unrecognized.add(u.reason());
        }
      }
    }
    Effects combined = Effects.combine(parts);
    Map<ObjectName, RelationEffect> rel = new LinkedHashMap<>();
    for (RelationEffect r : combined.relations()) {
      rel.merge(Catalog.resolve(r.relation()), r, RelationEffect::merge);
    }
    return new Prediction(combined, rel, ops, unrecognized, result.statements().size());
  }

  private static MigrationFile file(String name, String version, ExecutionModel model) {
    return new MigrationFile(Path.of("/verify", name).toAbsolutePath(), name, MigrationTool.PLAIN, model, version,
        name, Direction.UP, Dialect.POSTGRESQL);
  }
}
