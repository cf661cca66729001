package dev.lockstep.core.plan;

import dev.lockstep.core.catalog.Catalog;
import dev.lockstep.core.catalog.Origin;
import dev.lockstep.core.effects.PgEffectsModel;
import dev.lockstep.core.engine.LintEngine;
import dev.lockstep.core.engine.PreparedFile;
import dev.lockstep.core.ir.ColumnDef;
import dev.lockstep.core.ir.Expr;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.ir.TypeRef;
import dev.lockstep.core.project.Direction;
import dev.lockstep.core.project.ExecutionModel;
import dev.lockstep.core.project.MigrationFile;
import dev.lockstep.core.project.MigrationTool;
import dev.lockstep.core.recognize.Recognizer;
import dev.lockstep.core.source.Dialect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The schema a plan is built from, as lockstep's own pipeline reads it, and recognized bits of SQL. */
record SchemaFixture(Catalog catalog, int version) {
  private static final LintEngine ENGINE = new LintEngine(new Recognizer()::recognize, new PgEffectsModel());

  static SchemaFixture of(String schemaSql, int version) {
    Catalog catalog = new Catalog();
    PreparedFile pf = ENGINE.prepare(file("schema.sql"), schemaSql);
    for (int s = 0; s < pf.operations().size(); s++) {
      for (Operation op : pf.operations().get(s)) {
        catalog.apply(op, new Origin("schema.sql", 0, s, Origin.NO_TRANSACTION));
      }
    }
    return new SchemaFixture(catalog, version);
  }

  /** The operations lockstep recognizes in {@code sql}. */
  static List<Operation> operations(String sql) {
    List<Operation> out = new ArrayList<>();
    ENGINE.prepare(file("change.sql"), sql).operations().forEach(out::addAll);
    return out;
  }

  ObjectName table(String name) {
    return ObjectName.of(name);
  }

  TypeRef type(String type) {
    return ((Operation.AlterColumnType) operations("ALTER TABLE users ALTER COLUMN x TYPE " + type + ";").get(0))
        .type();
  }

  Expr expr(String expr) {
    return ((Operation.AlterColumnType) operations("ALTER TABLE users ALTER COLUMN email TYPE text USING " + expr
        + ";").get(0)).using().orElseThrow();
  }

  ColumnDef addedColumn(String sql) {
    return ((Operation.AddColumn) operations(sql).get(0)).column();
  }

  private static MigrationFile file(String name) {
    return new MigrationFile(Path.of("/plans", name).toAbsolutePath(), name, MigrationTool.PLAIN,
        ExecutionModel.TRANSACTION_PER_FILE, "1", name, Direction.UP, Dialect.POSTGRESQL);
  }

  /** A migration history replayed file by file, as the rollback command sees it. */
  static final class History {
    private Catalog catalog = new Catalog();
    private Catalog previous = new Catalog();
    private int files;

    /** Replays one more file; returns its forward statements. */
    List<dev.lockstep.core.plan.Rollback.Statement> apply(String sql) {
      previous = catalog.copy();
      files++;
      PreparedFile pf = ENGINE.prepare(file("m" + files + ".sql"), sql);
      List<dev.lockstep.core.plan.Rollback.Statement> out = new ArrayList<>();
      for (int s = 0; s < pf.operations().size(); s++) {
        if (!pf.split().statements().get(s).section().runsForward()) {
          continue;
        }
        out.add(new dev.lockstep.core.plan.Rollback.Statement(s, pf.operations().get(s)));
        for (Operation op : pf.operations().get(s)) {
          catalog.apply(op, new Origin("m" + files + ".sql", files, s, Origin.NO_TRANSACTION));
        }
      }
      return out;
    }

    /** The schema before the last file. */
    Catalog previous() {
      return previous;
    }
  }
}
