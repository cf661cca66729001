package dev.lockstep.core.effects;

import dev.lockstep.core.catalog.Catalog;
import dev.lockstep.core.catalog.Column;
import dev.lockstep.core.catalog.Constraint;
import dev.lockstep.core.catalog.Index;
import dev.lockstep.core.catalog.PgNames;
import dev.lockstep.core.catalog.Table;
import dev.lockstep.core.effects.PgClassification.Relation;
import dev.lockstep.core.ir.ColumnDef;
import dev.lockstep.core.ir.ConstraintDef;
import dev.lockstep.core.ir.ConstraintKind;
import dev.lockstep.core.ir.Expr;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.ir.TableAction;
import dev.lockstep.core.ir.Volatility;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps an operation, the catalog just before it and the server version to effect keys, and binds
 * the relations of each role (the referenced table of a foreign key, the indexes of the table,
 * the partitions of a partitioned table, ...) from the catalog. Tables the catalog does not know
 * are assumed to exist: they are still named as the target, only what the catalog would tell
 * (indexes, partitions, referenced tables) is missing.
 */
public final class PgClassifier {
  /** Object kinds whose CREATE / ALTER / DROP locks no table. */
  private static final Set<String> NO_LOCK_OBJECTS = Set.of(
      "function", "procedure", "routine", "extension", "sequence", "role", "user", "group", "type",
      "aggregate", "operator", "cast", "collation", "publication", "subscription", "server", "tablespace",
      "conversion", "language", "procedural-language", "trusted-procedural-language", "transform",
      "text-search-configuration", "text-search-dictionary", "text-search-parser", "text-search-template",
      "access-method", "operator-class", "operator-family", "foreign-data-wrapper", "user-mapping", "event-trigger",
      "default-privileges");
  /** Commands that lock no table. */
  private static final Set<String> NO_LOCK_COMMANDS = Set.of(
      "create-schema", "alter-schema", "create-domain", "create-or-replace-function", "alter-owner",
      "alter-default-privileges", "show", "listen", "unlisten", "notify", "discard", "deallocate", "checkpoint",
      "load", "close", "set-role", "reset-role", "commit-prepared", "rollback-prepared", "psql-meta");
  private static final Set<String> POLICY_COMMANDS = Set.of("create-policy", "alter-policy", "drop-policy");

  public PgClassifier() {}

  /** The keys of {@code op} on {@code version}, in the order their effects happen; never empty. */
  public List<PgClassification> classify(Operation op, Catalog before, int version) {
    ServerVersions.validate(version);
    return new Run(before, version).classify(op);
  }

  private static final class Run {
    private final Catalog cat;
    private final int version;
    private final List<PgClassification> out = new ArrayList<>();

    Run(Catalog cat, int version) {
      this.cat = cat;
      this.version = version;
    }

    List<PgClassification> classify(Operation op) {
      dispatch(op);
      if (out.isEmpty()) {
        add(PgEffectKey.OTHER).done();
      }
      return List.copyOf(out);
    }

    private void dispatch(Operation op) {
      if (op instanceof Operation.CreateTable o) {
        createTable(o);
      } else if (op instanceof Operation.DropTable o) {
        o.tables().forEach(t -> dropTable(t, o.cascade()));
      } else if (op instanceof Operation.RenameTable o) {
        renameRelation(o);
      } else if (op instanceof Operation.AddColumn o) {
        addColumn(o);
      } else if (op instanceof Operation.DropColumn o) {
        onTable(PgEffectKey.DROP_COLUMN, o.relation()).bind(PgRole.COLUMN_INDEXES, columnIndexes(o.relation(),
            o.column())).partitions(o.relation()).done();
      } else if (op instanceof Operation.RenameColumn o) {
        onTable(PgEffectKey.RENAME_COLUMN, o.relation()).done();
      } else if (op instanceof Operation.AlterColumnType o) {
        alterType(o);
      } else if (op instanceof Operation.SetNotNull o) {
        setNotNull(o.relation(), o.column(), PgEffectKey.SET_NOT_NULL_SCAN);
      } else if (op instanceof Operation.DropNotNull o) {
        onTable(PgEffectKey.DROP_NOT_NULL, o.relation()).partitions(o.relation()).done();
      } else if (op instanceof Operation.SetDefault o) {
        onTable(PgEffectKey.SET_DEFAULT, o.relation()).partitions(o.relation()).done();
      } else if (op instanceof Operation.DropDefault o) {
        onTable(PgEffectKey.DROP_DEFAULT, o.relation()).partitions(o.relation()).done();
      } else if (op instanceof Operation.AddConstraint o) {
        addConstraint(o.relation(), o.constraint(), List.of());
      } else if (op instanceof Operation.ValidateConstraint o) {
        validate(o);
      } else if (op instanceof Operation.DropConstraint o) {
        dropConstraint(o);
      } else if (op instanceof Operation.RenameConstraint o) {
        B b = onTable(PgEffectKey.RENAME_CONSTRAINT, o.relation());
        constraint(o.relation(), o.name()).flatMap(Constraint::index)
            .ifPresent(i -> b.bind(PgRole.INDEX, index(new ObjectName(res(o.relation()).schema(), i))));
        b.done();
      } else if (op instanceof Operation.AlterConstraint o) {
        onTable(PgEffectKey.ALTER_CONSTRAINT, o.relation()).done();
      } else if (op instanceof Operation.AlterTableOther o) {
        alterTableOther(o);
      } else if (op instanceof Operation.AttachPartition o) {
        onTable(PgEffectKey.ATTACH_PARTITION, o.relation()).bind(PgRole.PARTITION, table(o.partition()))
            .bind(PgRole.DEFAULT_PARTITION, defaultPartition(o.relation())).done();
      } else if (op instanceof Operation.DetachPartition o) {
        detach(o);
      } else if (op instanceof Operation.CreateIndex o) {
        createIndex(o);
      } else if (op instanceof Operation.DropIndex o) {
        o.indexes().forEach(i -> dropIndex(i, o.concurrently()));
      } else if (op instanceof Operation.RenameIndex o) {
        add(PgEffectKey.RENAME_INDEX).bind(PgRole.INDEX, index(o.index())).done();
      } else if (op instanceof Operation.AlterIndexOther o) {
        alterIndex(o);
      } else if (op instanceof Operation.Reindex o) {
        reindex(o);
      } else if (op instanceof Operation.CreateEnum) {
        add(PgEffectKey.CREATE_ENUM).done();
      } else if (op instanceof Operation.AddEnumValue) {
        add(PgEffectKey.ADD_ENUM_VALUE).done();
      } else if (op instanceof Operation.RenameEnumValue) {
        add(PgEffectKey.RENAME_ENUM_VALUE).done();
      } else if (op instanceof Operation.RenameType) {
        add(PgEffectKey.RENAME_TYPE).done();
      } else if (op instanceof Operation.DropType) {
        add(PgEffectKey.DROP_TYPE).done();
      } else if (op instanceof Operation.CreateView o) {
        ObjectName v = res(o.view());
        boolean replaces = !o.materialized() && cat.view(v).isPresent();
        add(o.materialized() ? PgEffectKey.CREATE_MATVIEW : PgEffectKey.CREATE_VIEW)
            .bind(replaces ? PgRole.TARGET : PgRole.NEW_RELATION, List.of(new Relation(v,
                o.materialized() ? RelationKind.MATERIALIZED_VIEW : RelationKind.VIEW)))
            .done();
      } else if (op instanceof Operation.DropView o) {
        for (ObjectName v : o.views()) {
          add(PgEffectKey.DROP_VIEW).bind(PgRole.TARGET, List.of(new Relation(res(v),
              o.materialized() ? RelationKind.MATERIALIZED_VIEW : RelationKind.VIEW))).done();
        }
      } else if (op instanceof Operation.RefreshMaterializedView o) {
        ObjectName v = res(o.view());
        add(o.concurrently() ? PgEffectKey.REFRESH_MATVIEW_CONCURRENTLY : PgEffectKey.REFRESH_MATVIEW)
            .bind(PgRole.TARGET, List.of(new Relation(v, RelationKind.MATERIALIZED_VIEW)))
            .bind(PgRole.TABLE_INDEXES, indexesOf(v)).done();
      } else if (op instanceof Operation.Truncate o) {
        List<ObjectName> truncated = o.tables().stream().map(this::res).toList();
        for (ObjectName t : o.tables()) {
          List<Table> referencing = cat.referencing(res(t));
          B b = onTable(PgEffectKey.TRUNCATE, t).bind(PgRole.TABLE_INDEXES, indexesOf(t)).partitions(t)
              .bind(PgRole.REFERENCING_TABLES, o.cascade() ? tables(referencing) : List.of());
          List<Table> blocking = referencing.stream().filter(r -> !truncated.contains(r.name())).toList();
          if (!o.cascade() && !blocking.isEmpty()) {
            b.note("Fails without CASCADE: " + names(blocking) + " reference it.");
          }
          b.done();
        }
      } else if (op instanceof Operation.Vacuum o) {
        vacuum(o);
      } else if (op instanceof Operation.Cluster o) {
        cluster(o);
      } else if (op instanceof Operation.Analyze o) {
        if (o.tables().isEmpty()) {
          add(PgEffectKey.ANALYZE).note("Every table of the database.").done();
        }
        for (ObjectName t : o.tables()) {
          onTable(PgEffectKey.ANALYZE, t).partitions(t).done();
        }
      } else if (op instanceof Operation.LockTable o) {
        for (ObjectName t : o.tables()) {
          B b = onTable(PgEffectKey.LOCK_TABLE, t).partitions(t);
          b.requested = Optional.of(o.mode());
          b.done();
        }
      } else if (op instanceof Operation.Query o) {
        B b = add(PgEffectKey.SELECT);
        b.bind(PgRole.TARGET, o.tables().stream().map(this::table).flatMap(List::stream).toList());
        b.done();
      } else if (op instanceof Operation.Insert o) {
        onTable(PgEffectKey.INSERT, o.relation()).bind(PgRole.REFERENCED_TABLES, referenced(o.relation(), null))
            .done();
      } else if (op instanceof Operation.Update o) {
        boolean all = o.where().isEmpty() && !o.batched();
        onTable(all ? PgEffectKey.UPDATE_ALL_ROWS : PgEffectKey.UPDATE, o.relation())
            .bind(PgRole.REFERENCED_TABLES, referenced(o.relation(), o.setColumns())).done();
      } else if (op instanceof Operation.Delete o) {
        boolean all = o.where().isEmpty() && !o.batched();
        onTable(all ? PgEffectKey.DELETE_ALL_ROWS : PgEffectKey.DELETE, o.relation())
            .bind(PgRole.REFERENCING_TABLES, tables(cat.referencing(res(o.relation())))).done();
      } else if (op instanceof Operation.Begin || op instanceof Operation.Commit || op instanceof Operation.Rollback
          || op instanceof Operation.Savepoint) {
        add(PgEffectKey.TRANSACTION_CONTROL).done();
      } else if (op instanceof Operation.SetSetting) {
        add(PgEffectKey.SET_SETTING).done();
      } else if (op instanceof Operation.DoBlock) {
        add(PgEffectKey.DO_BLOCK).done();
      } else if (op instanceof Operation.Unrecognized) {
        add(PgEffectKey.UNRECOGNIZED).done();
      } else if (op instanceof Operation.Other o) {
        other(o);
      }
    }

    // ------------------------------------------------------------ tables

    private void createTable(Operation.CreateTable ct) {
      ObjectName name = res(ct.relation());
      List<Relation> created = List.of(new Relation(name, RelationKind.TABLE));
      if (ct.partitionOf().isPresent()) {
        ObjectName parent = res(ct.partitionOf().get());
        add(PgEffectKey.CREATE_TABLE_PARTITION_OF).bind(PgRole.NEW_RELATION, created).bind(PgRole.PARENT, table(parent))
            .bind(PgRole.DEFAULT_PARTITION, defaultPartition(parent)).done();
      } else if (ct.asQuery()) {
        add(PgEffectKey.CREATE_TABLE_AS).bind(PgRole.NEW_RELATION, created).done();
      } else {
        Set<ObjectName> refs = new LinkedHashSet<>();
        for (ColumnDef d : ct.columns()) {
          d.constraints().stream().filter(k -> k.kind() == ConstraintKind.FOREIGN_KEY)
              .forEach(k -> k.referencedTable().ifPresent(r -> refs.add(res(r))));
        }
        ct.constraints().stream().filter(k -> k.kind() == ConstraintKind.FOREIGN_KEY)
            .forEach(k -> k.referencedTable().ifPresent(r -> refs.add(res(r))));
        refs.remove(name);
        if (refs.isEmpty()) {
          add(PgEffectKey.CREATE_TABLE).bind(PgRole.NEW_RELATION, created).done();
        } else {
          add(PgEffectKey.CREATE_TABLE_WITH_FK).bind(PgRole.NEW_RELATION, created)
              .bind(PgRole.REFERENCED_TABLES, refs.stream().map(r -> new Relation(r, RelationKind.TABLE)).toList())
              .done();
        }
      }
      for (ColumnDef d : ct.columns()) {
        if (d.generated() == ColumnDef.Generated.VIRTUAL && version < 18) {
          add(PgEffectKey.ADD_COLUMN_VIRTUAL_GENERATED).bind(PgRole.NEW_RELATION, created).done();
        }
      }
    }

    private void dropTable(ObjectName t, boolean cascade) {
      ObjectName name = res(t);
      Optional<Table> table = cat.table(name);
      List<Table> referencing = cat.referencing(name);
      B b = onTable(PgEffectKey.DROP_TABLE, name).bind(PgRole.TABLE_INDEXES, indexesOf(name))
          .bind(PgRole.REFERENCED_TABLES, referenced(name, null))
          .bind(PgRole.PARTITIONS, tables(cat.allPartitionsOf(name)));
      if (cascade) {
        b.bind(PgRole.REFERENCING_TABLES, tables(referencing));
      } else if (!referencing.isEmpty()) {
        b.note("Fails without CASCADE: " + names(referencing) + " reference it.");
      }
      table.flatMap(Table::partitionOf).ifPresent(parent -> {
        b.bind(PgRole.PARENT, table(parent));
        b.bind(PgRole.DEFAULT_PARTITION, defaultPartition(parent).stream()
            .filter(r -> !r.name().equals(name)).toList());
      });
      if (table.isEmpty() && cat.view(name).isPresent()) {
        b.note("This is a view: use DROP VIEW.");
      }
      b.done();
    }

    private void renameRelation(Operation.RenameTable o) {
      ObjectName name = res(o.relation());
      if (cat.table(name).isEmpty() && cat.index(name).isPresent()) {
        add(PgEffectKey.RENAME_INDEX).bind(PgRole.INDEX, index(name)).done();
      } else {
        onTable(PgEffectKey.RENAME_TABLE, name).done();
      }
    }

    // ------------------------------------------------------------ columns

    private void addColumn(Operation.AddColumn ac) {
      ColumnDef d = ac.column();
      ObjectName rel = res(ac.relation());
      if (ac.ifNotExists() && cat.table(rel).flatMap(t -> t.column(d.name())).isPresent()) {
        onTable(PgEffectKey.ADD_COLUMN_NO_DEFAULT, rel).note("The column exists already: nothing is added.").done();
        return;
      }
      PgEffectKey key;
      List<String> notes = new ArrayList<>();
      if (d.generated() == ColumnDef.Generated.VIRTUAL) {
        key = PgEffectKey.ADD_COLUMN_VIRTUAL_GENERATED;
      } else if (d.generated() == ColumnDef.Generated.STORED) {
        key = PgEffectKey.ADD_COLUMN_STORED_GENERATED;
      } else if (d.identity() != ColumnDef.Identity.NONE) {
        key = PgEffectKey.ADD_COLUMN_IDENTITY;
      } else if (d.type().isSerial()) {
        key = PgEffectKey.ADD_COLUMN_SERIAL;
      } else if (d.defaultValue().isPresent()) {
        Expr e = d.defaultValue().get();
        Volatility v = e.volatility();
        if (v == Volatility.VOLATILE) {
          key = PgEffectKey.ADD_COLUMN_VOLATILE_DEFAULT;
        } else if (v == Volatility.UNKNOWN) {
          key = PgEffectKey.ADD_COLUMN_UNKNOWN_VOLATILITY_DEFAULT;
          notes.add("Volatility of DEFAULT " + e.text() + " is unknown: assumed volatile.");
        } else {
          key = PgEffectKey.ADD_COLUMN_CONSTANT_DEFAULT;
        }
      } else if (d.notNull()) {
        key = PgEffectKey.ADD_COLUMN_NOT_NULL_NO_DEFAULT;
      } else {
        key = PgEffectKey.ADD_COLUMN_NO_DEFAULT;
      }
      B b = onTable(key, rel).partitions(rel);
      if (key == PgEffectKey.ADD_COLUMN_VOLATILE_DEFAULT || key == PgEffectKey.ADD_COLUMN_UNKNOWN_VOLATILITY_DEFAULT
          || key == PgEffectKey.ADD_COLUMN_STORED_GENERATED || key == PgEffectKey.ADD_COLUMN_IDENTITY
          || key == PgEffectKey.ADD_COLUMN_SERIAL) {
        b.bind(PgRole.TABLE_INDEXES, indexesOf(rel));
      }
      notes.forEach(b::note);
      b.done();
      for (ConstraintDef k : d.constraints()) {
        addConstraint(rel, k, List.of(d.name()));
      }
    }

    private void alterType(Operation.AlterColumnType o) {
      ObjectName rel = res(o.relation());
      Optional<Column> col = cat.table(rel).flatMap(t -> t.column(o.column()));
      TypeChange.Result r = col.isPresent()
          ? TypeChange.classify(col.get(), o.type(), o.using(), cat)
          : new TypeChange.Result(PgEffectKey.ALTER_TYPE_REWRITE_MAY_FAIL,
              List.of("The current type of " + o.column() + " is unknown: assumed to need a rewrite."));
      B b = onTable(r.key(), rel).partitions(rel);
      if (r.key() == PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE
          || r.key() == PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE_REINDEX) {
        b.bind(PgRole.COLUMN_INDEXES, columnIndexes(rel, o.column()));
      } else {
        b.bind(PgRole.TABLE_INDEXES, indexesOf(rel));
      }
      r.notes().forEach(b::note);
      b.done();
      boolean noRewrite = r.key() == PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE
          || r.key() == PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE_REINDEX;
      List<String> checks = cat.table(rel).map(t -> t.constraints().stream()
          .filter(k -> k.kind() == ConstraintKind.CHECK && k.involves(o.column())).map(Constraint::name).toList())
          .orElse(List.of());
      if (noRewrite && !checks.isEmpty()) {
        onTable(PgEffectKey.ALTER_TYPE_RECHECK_CONSTRAINTS, rel).partitions(rel)
            .note("Re-checks " + String.join(", ", checks) + ".").done();
      }
    }

    private void setNotNull(ObjectName relation, String column, PgEffectKey scanKey) {
      ObjectName rel = res(relation);
      Optional<Table> t = cat.table(rel);
      boolean already = t.flatMap(x -> x.column(column)).map(Column::notNull).orElse(false);
      boolean proven = t.map(x -> x.hasValidatedNotNullCheck(column)).orElse(false);
      PgEffectKey key;
      if (already && scanKey == PgEffectKey.SET_NOT_NULL_SCAN) {
        key = PgEffectKey.SET_NOT_NULL_NOOP;
      } else if (proven) {
        key = PgEffectKey.SET_NOT_NULL_PROVEN_BY_CHECK;
      } else {
        key = scanKey;
      }
      onTable(key, rel).partitions(rel).done();
    }

    // ------------------------------------------------------------ constraints

    private void addConstraint(ObjectName relation, ConstraintDef def, List<String> columnOf) {
      ObjectName rel = res(relation);
      List<String> cols = def.columns().isEmpty() ? columnOf : def.columns();
      switch (def.kind()) {
        case CHECK -> onTable(def.notValid() ? PgEffectKey.ADD_CHECK_NOT_VALID : PgEffectKey.ADD_CHECK, rel)
            .partitions(rel).done();
        case FOREIGN_KEY -> {
          B b = onTable(def.notValid() ? PgEffectKey.ADD_FK_NOT_VALID : PgEffectKey.ADD_FK, rel).partitions(rel);
          def.referencedTable().map(this::res).filter(r -> !r.equals(rel))
              .ifPresent(r -> b.bind(PgRole.REFERENCED_TABLES, table(r)));
          b.done();
        }
        case UNIQUE, PRIMARY_KEY -> {
          boolean pk = def.kind() == ConstraintKind.PRIMARY_KEY;
          if (def.usingIndex().isPresent()) {
            ObjectName idx = new ObjectName(rel.schema(), def.usingIndex().get());
            onTable(pk ? PgEffectKey.ADD_PK_USING_INDEX : PgEffectKey.ADD_UNIQUE_USING_INDEX, rel)
                .bind(PgRole.INDEX, index(idx)).done();
            if (pk) {
              List<String> idxCols = cat.index(idx).map(Index::columns).orElse(cols);
              Optional<Table> t = cat.table(rel);
              List<String> nullable = idxCols.stream()
                  .filter(c -> t.flatMap(x -> x.column(c)).map(x -> !x.notNull()).orElse(false)).toList();
              if (!nullable.isEmpty()) {
                onTable(PgEffectKey.SET_NOT_NULL_SCAN, rel)
                    .note("PRIMARY KEY USING INDEX sets " + String.join(", ", nullable) + " NOT NULL: full scan.")
                    .done();
              }
            }
          } else {
            String name = def.name().orElseGet(() -> pk
                ? PgNames.makeObjectName(rel.name(), "", "pkey")
                : PgNames.makeObjectName(rel.name(), PgNames.columnsPart(cols), "key"));
            onTable(pk ? PgEffectKey.ADD_PK : PgEffectKey.ADD_UNIQUE, rel)
                .bind(PgRole.NEW_INDEX, List.of(new Relation(new ObjectName(rel.schema(), name), RelationKind.INDEX)))
                .partitions(rel).done();
          }
        }
        case EXCLUDE -> {
          String name = def.name().orElseGet(() -> PgNames.makeObjectName(rel.name(), PgNames.columnsPart(cols),
              "excl"));
          onTable(PgEffectKey.ADD_EXCLUDE, rel)
              .bind(PgRole.NEW_INDEX, List.of(new Relation(new ObjectName(rel.schema(), name), RelationKind.INDEX)))
              .done();
        }
        case NOT_NULL -> {
          if (def.notValid()) {
            onTable(PgEffectKey.ADD_NOT_NULL_NOT_VALID, rel).partitions(rel).done();
          } else if (version >= 18 && !cols.isEmpty()) {
            setNotNull(rel, cols.get(0), PgEffectKey.ADD_NOT_NULL);
          } else {
            onTable(PgEffectKey.ADD_NOT_NULL, rel).partitions(rel).done();
          }
        }
        default -> add(PgEffectKey.OTHER).done();
      }
    }

    private void validate(Operation.ValidateConstraint o) {
      ObjectName rel = res(o.relation());
      Optional<Constraint> k = constraint(rel, o.name());
      if (k.isEmpty()) {
        onTable(PgEffectKey.VALIDATE_CHECK, rel).partitions(rel)
            .note("Constraint " + o.name() + " is unknown: if it is a foreign key, its referenced table is also "
                + "locked ROW SHARE.")
            .done();
        return;
      }
      Constraint c = k.get();
      if (c.validated()) {
        onTable(PgEffectKey.VALIDATE_NOOP, rel).done();
        return;
      }
      switch (c.kind()) {
        case FOREIGN_KEY -> onTable(PgEffectKey.VALIDATE_FK, rel).partitions(rel)
            .bind(PgRole.REFERENCED_TABLES, c.referencedTable().map(this::res).filter(r -> !r.equals(rel))
                .map(this::table).orElse(List.of()))
            .done();
        case NOT_NULL -> onTable(PgEffectKey.VALIDATE_NOT_NULL, rel).partitions(rel).done();
        default -> onTable(PgEffectKey.VALIDATE_CHECK, rel).partitions(rel).done();
      }
    }

    private void dropConstraint(Operation.DropConstraint o) {
      ObjectName rel = res(o.relation());
      Optional<Constraint> k = constraint(rel, o.name());
      if (k.isPresent() && k.get().kind() == ConstraintKind.FOREIGN_KEY) {
        onTable(PgEffectKey.DROP_FK, rel).bind(PgRole.REFERENCED_TABLES, k.get().referencedTable().map(this::res)
            .filter(r -> !r.equals(rel)).map(this::table).orElse(List.of())).done();
        return;
      }
      B b = onTable(PgEffectKey.DROP_CONSTRAINT, rel);
      k.flatMap(Constraint::index).ifPresent(i -> b.bind(PgRole.INDEX, index(new ObjectName(rel.schema(), i))));
      if (k.isEmpty()) {
        b.note("Constraint " + o.name() + " is unknown: if it is a foreign key, its referenced table is also locked "
            + "ACCESS EXCLUSIVE.");
      }
      b.done();
    }

    // ------------------------------------------------------------ ALTER TABLE actions, partitions

    private void alterTableOther(Operation.AlterTableOther o) {
      ObjectName rel = res(o.relation());
      PgEffectKey key = PgEffectKey.forAction(o.action());
      Optional<Table> table = cat.table(rel);
      if ((o.action() == TableAction.SET_LOGGED && table.map(t -> !t.unlogged()).orElse(false))
          || (o.action() == TableAction.SET_UNLOGGED && table.map(Table::unlogged).orElse(false))) {
        key = PgEffectKey.SET_PERSISTENCE_UNCHANGED;
      }
      B b = onTable(key, rel);
      PgEffectSpec spec = PgEffectsTable.get().spec(key, version);
      if (spec.role(PgRole.TABLE_INDEXES).isPresent()) {
        b.bind(PgRole.TABLE_INDEXES, indexesOf(rel));
      }
      b.done();
    }

    private void detach(Operation.DetachPartition o) {
      ObjectName rel = res(o.relation());
      PgEffectKey key = o.finalizing() ? PgEffectKey.DETACH_PARTITION_FINALIZE
          : o.concurrently() ? PgEffectKey.DETACH_PARTITION_CONCURRENTLY : PgEffectKey.DETACH_PARTITION;
      List<Relation> def = defaultPartition(rel).stream().filter(r -> !r.name().equals(res(o.partition()))).toList();
      if (key == PgEffectKey.DETACH_PARTITION_CONCURRENTLY && !def.isEmpty()) {
        key = PgEffectKey.DETACH_PARTITION_CONCURRENTLY_WITH_DEFAULT;
      }
      B b = onTable(key, rel).bind(PgRole.PARTITION, table(o.partition()));
      if (key == PgEffectKey.DETACH_PARTITION) {
        b.bind(PgRole.DEFAULT_PARTITION, def);
      } else if (key == PgEffectKey.DETACH_PARTITION_CONCURRENTLY_WITH_DEFAULT) {
        b.note(rel.display() + " has a default partition (" + def.get(0).name().display() + ").");
      }
      b.done();
    }

    // ------------------------------------------------------------ indexes

    private void createIndex(Operation.CreateIndex o) {
      ObjectName rel = res(o.relation());
      boolean partitioned = cat.table(rel).map(Table::partitioned).orElse(false);
      PgEffectKey key;
      if (partitioned && o.concurrently()) {
        key = PgEffectKey.CREATE_INDEX_CONCURRENTLY_PARTITIONED;
      } else if (partitioned && o.only()) {
        key = PgEffectKey.CREATE_INDEX_ONLY_PARTITIONED;
      } else if (o.concurrently()) {
        key = o.unique() ? PgEffectKey.CREATE_UNIQUE_INDEX_CONCURRENTLY : PgEffectKey.CREATE_INDEX_CONCURRENTLY;
      } else {
        key = o.unique() ? PgEffectKey.CREATE_UNIQUE_INDEX : PgEffectKey.CREATE_INDEX;
      }
      List<String> elements = o.elements().isEmpty() ? o.columns() : o.elements();
      String name = o.name().orElseGet(() -> PgNames.choose(rel.name(), PgNames.columnsPart(elements), "idx",
          n -> cat.relationExists(new ObjectName(rel.schema(), n))));
      B b = onTable(key, rel)
          .bind(PgRole.NEW_INDEX, List.of(new Relation(new ObjectName(rel.schema(), name), RelationKind.INDEX)));
      if (!o.only()) {
        b.partitions(rel);
      }
      if (o.ifNotExists() && cat.relationExists(new ObjectName(rel.schema(), name))) {
        b.note("An index named " + name + " exists already: nothing is built.");
      }
      b.done();
    }

    private void dropIndex(ObjectName name, boolean concurrently) {
      ObjectName n = res(name);
      Optional<Index> idx = cat.index(n);
      boolean partitioned = idx.flatMap(i -> cat.table(i.table())).map(Table::partitioned).orElse(false);
      PgEffectKey key = !concurrently ? PgEffectKey.DROP_INDEX
          : partitioned ? PgEffectKey.DROP_INDEX_CONCURRENTLY_PARTITIONED : PgEffectKey.DROP_INDEX_CONCURRENTLY;
      B b = add(key).bind(PgRole.INDEX, index(n));
      idx.ifPresent(i -> b.bind(PgRole.TARGET, table(i.table())));
      idx.filter(i -> !i.constraint().isEmpty()).ifPresent(i -> b.note("Fails: the index backs constraint "
          + i.constraint() + "; drop the constraint instead."));
      b.done();
    }

    private void alterIndex(Operation.AlterIndexOther o) {
      if (o.action().toUpperCase(java.util.Locale.ROOT).contains("TABLESPACE")) {
        add(PgEffectKey.ALTER_INDEX_SET_TABLESPACE).bind(PgRole.INDEX, index(o.index())).done();
      } else {
        add(PgEffectKey.OTHER).note("ALTER INDEX " + o.action() + " is not modelled.").done();
      }
    }

    private void reindex(Operation.Reindex o) {
      switch (o.target()) {
        case INDEX -> {
          ObjectName n = res(o.name());
          Optional<Index> idx = cat.index(n);
          boolean partitioned = idx.flatMap(i -> cat.table(i.table())).map(Table::partitioned).orElse(false);
          PgEffectKey key = partitioned ? PgEffectKey.REINDEX_PARTITIONED
              : o.concurrently() ? PgEffectKey.REINDEX_CONCURRENTLY : PgEffectKey.REINDEX_INDEX;
          B b = add(key).bind(PgRole.INDEX, index(n));
          idx.ifPresent(i -> b.bind(PgRole.TARGET, table(i.table())));
          if (partitioned) {
            idx.ifPresent(i -> b.bind(PgRole.PARTITIONS, tables(cat.allPartitionsOf(i.table()))));
          }
          b.done();
        }
        case TABLE -> {
          ObjectName t = res(o.name());
          boolean partitioned = cat.table(t).map(Table::partitioned).orElse(false);
          PgEffectKey key = partitioned ? PgEffectKey.REINDEX_PARTITIONED
              : o.concurrently() ? PgEffectKey.REINDEX_CONCURRENTLY : PgEffectKey.REINDEX_TABLE;
          B b = onTable(key, t);
          if (partitioned) {
            b.partitions(t);
          } else {
            b.bind(PgRole.TABLE_INDEXES, indexesOf(t));
          }
          b.done();
        }
        default -> add(PgEffectKey.REINDEX_SCHEMA_OR_DATABASE).done();
      }
    }

    // ------------------------------------------------------------ maintenance, other commands

    private void vacuum(Operation.Vacuum o) {
      PgEffectKey key = o.full() ? PgEffectKey.VACUUM_FULL : PgEffectKey.VACUUM;
      if (o.tables().isEmpty()) {
        add(key).note("Every table of the database.").done();
      }
      for (ObjectName t : o.tables()) {
        B b = onTable(key, t).partitions(t);
        if (o.full()) {
          b.bind(PgRole.TABLE_INDEXES, indexesOf(t));
        }
        b.done();
      }
    }

    private void cluster(Operation.Cluster o) {
      if (o.relation().isEmpty()) {
        add(PgEffectKey.CLUSTER_DATABASE).done();
        return;
      }
      ObjectName t = res(o.relation().get());
      if (cat.table(t).map(Table::partitioned).orElse(false)) {
        onTable(PgEffectKey.CLUSTER_PARTITIONED, t).partitions(t).done();
      } else {
        onTable(PgEffectKey.CLUSTER, t).bind(PgRole.TABLE_INDEXES, indexesOf(t)).done();
      }
    }

    private void other(Operation.Other o) {
      String cmd = o.command();
      List<Relation> rels = o.relations().stream().map(this::table).flatMap(List::stream).toList();
      if (cmd.equals("comment") || cmd.startsWith("comment-")) {
        add(PgEffectKey.COMMENT).bind(PgRole.TARGET, rels).done();
      } else if (cmd.equals("create-trigger") || cmd.equals("create-or-replace-trigger")
          || cmd.equals("create-constraint-trigger")) {
        add(PgEffectKey.CREATE_TRIGGER).bind(PgRole.TARGET, rels).done();
      } else if (cmd.equals("drop-trigger")) {
        add(PgEffectKey.DROP_TRIGGER).bind(PgRole.TARGET, rels).done();
      } else if (POLICY_COMMANDS.contains(cmd)) {
        add(PgEffectKey.POLICY).bind(PgRole.TARGET, rels).done();
      } else if ((cmd.equals("create-rule") || cmd.equals("drop-rule")) && !rels.isEmpty()) {
        add(PgEffectKey.RULE).bind(PgRole.TARGET, rels).done();
      } else if (cmd.equals("merge") && !rels.isEmpty()) {
        add(PgEffectKey.MERGE).bind(PgRole.TARGET, rels)
            .bind(PgRole.REFERENCED_TABLES, referenced(o.relations().get(0), null)).done();
      } else if (cmd.equals("grant") || cmd.equals("revoke")) {
        add(PgEffectKey.GRANT).done();
      } else if (cmd.equals("set-constraints") || cmd.equals("set-transaction")) {
        add(PgEffectKey.SET_SETTING).done();
      } else if (NO_LOCK_COMMANDS.contains(cmd) || noLockObject(cmd)) {
        add(PgEffectKey.NO_RELATION_LOCK).done();
      } else {
        add(PgEffectKey.OTHER).note("Command " + cmd + " is not modelled.").done();
      }
    }

    private static boolean noLockObject(String cmd) {
      for (String verb : List.of("create-", "alter-", "drop-")) {
        if (cmd.startsWith(verb) && NO_LOCK_OBJECTS.contains(cmd.substring(verb.length()))) {
          return true;
        }
      }
      return false;
    }

    // ------------------------------------------------------------ binding helpers

    private ObjectName res(ObjectName n) {
      return Catalog.resolve(n);
    }

    private RelationKind kindOf(ObjectName n) {
      if (cat.table(n).isPresent()) {
        return RelationKind.TABLE;
      }
      if (cat.view(n).isPresent()) {
        return cat.view(n).get().materialized() ? RelationKind.MATERIALIZED_VIEW : RelationKind.VIEW;
      }
      if (cat.index(n).isPresent()) {
        return RelationKind.INDEX;
      }
      return RelationKind.TABLE;
    }

    private List<Relation> table(ObjectName n) {
      ObjectName r = res(n);
      return List.of(new Relation(r, kindOf(r)));
    }

    private List<Relation> index(ObjectName n) {
      return List.of(new Relation(res(n), RelationKind.INDEX));
    }

    private static List<Relation> tables(List<Table> ts) {
      return ts.stream().map(t -> new Relation(t.name(), RelationKind.TABLE)).toList();
    }

    /** The indexes of {@code table} and, for a partitioned table, of all its partitions. */
    private List<Index> allIndexes(ObjectName table) {
      ObjectName t = res(table);
      List<Index> out = new ArrayList<>(cat.indexesOn(t));
      for (Table p : cat.allPartitionsOf(t)) {
        out.addAll(cat.indexesOn(p.name()));
      }
      return out;
    }

    private List<Relation> indexesOf(ObjectName table) {
      return allIndexes(table).stream().map(i -> new Relation(i.name(), RelationKind.INDEX)).toList();
    }

    private List<Relation> columnIndexes(ObjectName table, String column) {
      return allIndexes(table).stream().filter(i -> i.columns().contains(column))
          .map(i -> new Relation(i.name(), RelationKind.INDEX)).toList();
    }

    private List<Relation> defaultPartition(ObjectName parent) {
      return cat.defaultPartitionOf(res(parent)).map(t -> List.of(new Relation(t.name(), RelationKind.TABLE)))
          .orElse(List.of());
    }

    /** Tables referenced by the foreign keys of {@code table} (only those over {@code columns} when given). */
    private List<Relation> referenced(ObjectName table, List<String> columns) {
      ObjectName rel = res(table);
      Set<ObjectName> out = new LinkedHashSet<>();
      cat.table(rel).ifPresent(t -> t.constraints().stream()
          .filter(k -> k.kind() == ConstraintKind.FOREIGN_KEY)
          .filter(k -> columns == null || k.columns().stream().anyMatch(columns::contains))
          .forEach(k -> k.referencedTable().map(Catalog::resolve).filter(r -> !r.equals(rel)).ifPresent(out::add)));
      return out.stream().map(r -> new Relation(r, RelationKind.TABLE)).toList();
    }

    private Optional<Constraint> constraint(ObjectName table, String name) {
      return cat.table(res(table)).flatMap(t -> t.constraint(name));
    }

    private static String names(List<Table> ts) {
      return String.join(", ", ts.stream().map(t -> t.name().display()).toList());
    }

    private B add(PgEffectKey key) {
      return new B(key);
    }

    private B onTable(PgEffectKey key, ObjectName table) {
      return new B(key).bind(PgRole.TARGET, table(table));
    }

    /** Collects one classification. */
    private final class B {
      final PgEffectKey key;
      final Map<PgRole, List<Relation>> relations = new EnumMap<>(PgRole.class);
      final List<String> notes = new ArrayList<>();
      Optional<LockMode> requested = Optional.empty();

      B(PgEffectKey key) {
        this.key = key;
      }

      B bind(PgRole role, List<Relation> rels) {
        if (!rels.isEmpty()) {
          List<Relation> all = new ArrayList<>(relations.getOrDefault(role, List.of()));
          for (Relation r : rels) {
            if (!all.contains(r)) {
              all.add(r);
            }
          }
          relations.put(role, all);
        }
        return this;
      }

      B partitions(ObjectName table) {
        return bind(PgRole.PARTITIONS, tables(cat.allPartitionsOf(res(table))));
      }

      B note(String n) {
        notes.add(n);
        return this;
      }

      void done() {
        out.add(new PgClassification(key, relations, requested, notes));
      }
    }
  }
}
