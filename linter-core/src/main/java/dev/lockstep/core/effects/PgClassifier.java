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
import dev.lockstep.core.ir.TableRead;
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
        o.tables().stream().filter(t -> !(o.ifExists() && !cat.relationExists(res(t))))
            .forEach(t -> dropTable(t, o.cascade()));
        missing(o.ifExists(), o.tables());
      } else if (op instanceof Operation.RenameTable o) {
        renameRelation(o);
      } else if (op instanceof Operation.AddColumn o) {
        addColumn(o);
      } else if (op instanceof Operation.DropColumn o) {
        dropColumn(o);
      } else if (op instanceof Operation.RenameColumn o) {
        onTable(PgEffectKey.RENAME_COLUMN, o.relation()).partitions(o.relation()).done();
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
        addConstraint(o.relation(), o.constraint(), List.of(), false);
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
            .bind(PgRole.TABLE_INDEXES, ownIndexes(o.relation()))
            .bind(PgRole.DEFAULT_PARTITION, o.isDefault() ? List.of() : defaultPartition(o.relation())).done();
      } else if (op instanceof Operation.DetachPartition o) {
        detach(o);
      } else if (op instanceof Operation.CreateIndex o) {
        createIndex(o);
      } else if (op instanceof Operation.DropIndex o) {
        o.indexes().stream().filter(i -> !(o.ifExists() && !cat.relationExists(res(i))))
            .forEach(i -> dropIndex(i, o.concurrently()));
        missing(o.ifExists(), o.indexes());
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
      } else if (op instanceof Operation.DropSequence o) {
        dropSequence(o);
      } else if (op instanceof Operation.CreateView o) {
        ObjectName v = res(o.view());
        boolean replaces = !o.materialized() && cat.view(v).isPresent();
        B b = add(o.materialized() ? PgEffectKey.CREATE_MATVIEW : PgEffectKey.CREATE_VIEW)
            .bind(replaces ? PgRole.TARGET : PgRole.NEW_RELATION, List.of(new Relation(v,
                o.materialized() ? RelationKind.MATERIALIZED_VIEW : RelationKind.VIEW)));
        if (o.materialized()) {
          runQuery(b, o.reads(), o.withData());
        } else {
          // the query is analysed, not run: only the relations it names are locked
          b.bind(PgRole.SOURCE_TABLES, o.reads().stream().map(r -> res(r.table())).distinct()
              .filter(n -> !n.equals(v)).flatMap(n -> table(n).stream()).toList());
        }
        b.done();
      } else if (op instanceof Operation.DropView o) {
        for (ObjectName v : o.views()) {
          if (o.ifExists() && !cat.relationExists(res(v))) {
            continue;
          }
          B b = add(PgEffectKey.DROP_VIEW).bind(PgRole.TARGET, List.of(new Relation(res(v),
              o.materialized() ? RelationKind.MATERIALIZED_VIEW : RelationKind.VIEW)))
              .bind(PgRole.TABLE_INDEXES, ownIndexes(v));
          dependentViews(b, cat.dependentViews(res(v)), o.cascade());
          b.done();
        }
        missing(o.ifExists(), o.views());
      } else if (op instanceof Operation.RefreshMaterializedView o) {
        ObjectName v = res(o.view());
        B b = add(o.concurrently() ? PgEffectKey.REFRESH_MATVIEW_CONCURRENTLY : PgEffectKey.REFRESH_MATVIEW)
            .bind(PgRole.TARGET, List.of(new Relation(v, RelationKind.MATERIALIZED_VIEW)))
            .bind(PgRole.TABLE_INDEXES, indexesOf(v));
        if (!o.withNoData()) {
          Optional<dev.lockstep.core.catalog.View> view = cat.view(v);
          if (view.isPresent() && !view.get().reads().isEmpty()) {
            runQuery(b, view.get().reads(), true);
          } else {
            b.note("The query of " + v.display() + " is unknown: the tables it reads are not named.");
          }
        }
        b.done();
      } else if (op instanceof Operation.Truncate o) {
        List<ObjectName> truncated = o.tables().stream().map(this::res).toList();
        for (ObjectName t : o.tables()) {
          List<Table> referencing = o.cascade() ? referencingClosure(res(t)) : cat.referencing(res(t));
          B b = onTable(PgEffectKey.TRUNCATE, t).bind(PgRole.TABLE_INDEXES, indexesOf(t)).partitions(t)
              .bind(PgRole.REFERENCING_TABLES, o.cascade() ? tables(referencing) : List.of())
              .bind(PgRole.REFERENCING_INDEXES, o.cascade() ? indexesOfTables(tables(referencing)) : List.of());
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
          onTable(PgEffectKey.ANALYZE, t).partitions(t).bind(PgRole.TABLE_INDEXES, storedIndexesOf(t)).done();
        }
      } else if (op instanceof Operation.LockTable o) {
        for (ObjectName t : o.tables()) {
          B b = onTable(PgEffectKey.LOCK_TABLE, t).partitions(t);
          b.requested = Optional.of(o.mode());
          b.done();
        }
      } else if (op instanceof Operation.Query o) {
        B b = add(PgEffectKey.SELECT);
        List<Relation> read = o.tables().stream().map(this::table).flatMap(List::stream).toList();
        b.bind(PgRole.TARGET, read).bind(PgRole.TABLE_INDEXES, indexesOfTables(read));
        for (Relation r : read) {
          b.partitions(r.name());
        }
        List<TableRead> reads = o.reads().isEmpty() ? o.tables().stream().map(TableRead::unknown).toList()
            : o.reads();
        scans(b, reads);
        b.done();
      } else if (op instanceof Operation.Insert o) {
        List<Relation> refs = referenced(o.relation(), null);
        boolean partitioned = cat.table(res(o.relation())).map(Table::partitioned).orElse(false);
        B b = onTable(PgEffectKey.INSERT, o.relation()).bind(PgRole.REFERENCED_TABLES, refs)
            .bind(PgRole.TABLE_INDEXES, partitioned ? List.of() : arbiterIndexes(o.relation(), o.onConflict()))
            .bind(PgRole.REFERENCED_INDEXES, indexesOfTables(refs))
            .bind(PgRole.SEQUENCES, sequencesUsed(o.relation()));
        if (partitioned) {
          Optional<List<Table>> routed = o.fromQuery() ? Optional.empty()
              : PartitionRouting.route(cat, res(o.relation()), o.columns(), o.rows());
          if (routed.isPresent()) {
            b.bind(PgRole.ROUTED_PARTITIONS, tables(routed.get()));
          } else {
            b.note("Each row is routed to its partition, which is locked ROW EXCLUSIVE; lockstep cannot tell which "
                + "partitions these rows go to (not constant values, or no bounds known), so none is named.");
          }
        }
        if (o.fromQuery()) {
          sources(b, o.reads(), Set.of());
        }
        b.done();
      } else if (op instanceof Operation.Update o) {
        boolean all = o.where().isEmpty() && !o.batched();
        List<Relation> refs = referenced(o.relation(), o.setColumns());
        B b = onTable(all ? PgEffectKey.UPDATE_ALL_ROWS : PgEffectKey.UPDATE, o.relation())
            .bind(PgRole.REFERENCED_TABLES, refs).bind(PgRole.REFERENCED_INDEXES, indexesOfTables(refs))
            .bind(PgRole.TABLE_INDEXES, writtenIndexes(o.relation())).partitions(o.relation());
        targetReads(b, res(o.relation()), o.reads());
        b.done();
        referencedKeyUpdate(res(o.relation()), o.setColumns());
      } else if (op instanceof Operation.Delete o) {
        boolean all = o.where().isEmpty() && !o.batched();
        delete(o, all);
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

    /** IF EXISTS on relations that do not exist: a notice, no lock. */
    private void missing(boolean ifExists, List<ObjectName> names) {
      List<ObjectName> gone = names.stream().filter(n -> ifExists && !cat.relationExists(res(n))).toList();
      if (!gone.isEmpty()) {
        add(PgEffectKey.NO_RELATION_LOCK).note(String.join(", ", gone.stream().map(n -> res(n).display()).toList())
            + " does not exist: IF EXISTS skips it without a lock.").done();
      }
    }

    private void createTable(Operation.CreateTable ct) {
      ObjectName name = res(ct.relation());
      List<Relation> created = List.of(new Relation(name, RelationKind.TABLE));
      if (ct.partitionOf().isPresent()) {
        ObjectName parent = res(ct.partitionOf().get());
        add(PgEffectKey.CREATE_TABLE_PARTITION_OF).bind(PgRole.NEW_RELATION, created).bind(PgRole.PARENT, table(parent))
            .bind(PgRole.TABLE_INDEXES, ownIndexes(parent))
            .bind(PgRole.SEQUENCES, version >= 14 ? sequencesUsed(parent) : List.of())
            .bind(PgRole.DEFAULT_PARTITION, ct.defaultPartition() ? List.of() : defaultPartition(parent)).done();
      } else if (ct.asQuery()) {
        B b = add(PgEffectKey.CREATE_TABLE_AS).bind(PgRole.NEW_RELATION, created);
        runQuery(b, ct.reads(), ct.withData());
        b.done();
      } else {
        Set<ObjectName> refs = new LinkedHashSet<>();
        for (ColumnDef d : ct.columns()) {
          addReferencedTables(d.constraints(), refs);
        }
        addReferencedTables(ct.constraints(), refs);
        refs.remove(name);
        if (refs.isEmpty()) {
          add(PgEffectKey.CREATE_TABLE).bind(PgRole.NEW_RELATION, created).done();
        } else {
          B b = add(PgEffectKey.CREATE_TABLE_WITH_FK).bind(PgRole.NEW_RELATION, created)
              .bind(PgRole.REFERENCED_TABLES, refs.stream().map(r -> new Relation(r, RelationKind.TABLE)).toList());
          if (version >= 14) {
            for (ColumnDef d : ct.columns()) {
              d.constraints().stream().filter(k -> k.kind() == ConstraintKind.FOREIGN_KEY)
                  .forEach(k -> b.bind(PgRole.REFERENCED_INDEXES, keyIndex(k, name)));
            }
            ct.constraints().stream().filter(k -> k.kind() == ConstraintKind.FOREIGN_KEY)
                .forEach(k -> b.bind(PgRole.REFERENCED_INDEXES, keyIndex(k, name)));
          }
          b.done();
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
          .bind(PgRole.PARTITIONS, tables(cat.allPartitionsOf(name)))
          .bind(PgRole.SEQUENCES, ownedSequences(name));
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
      List<dev.lockstep.core.catalog.View> views = new ArrayList<>(cat.dependentViews(name));
      for (Table p : cat.allPartitionsOf(name)) {
        views.addAll(cat.dependentViews(p.name()));
      }
      dependentViews(b, views, cascade);
      b.done();
    }

    /**
     * One effect per sequence. The catalog does not track CREATE SEQUENCE, so a sequence is assumed to
     * exist, also under IF EXISTS; the tables whose column defaults call it are known.
     */
    private void dropSequence(Operation.DropSequence o) {
      for (ObjectName s : o.sequences()) {
        ObjectName name = res(s);
        List<Table> users = tablesUsingSequence(name);
        B b = add(PgEffectKey.DROP_SEQUENCE).bind(PgRole.TARGET, List.of(new Relation(name, RelationKind.SEQUENCE)));
        if (o.cascade()) {
          b.bind(PgRole.REFERENCING_TABLES, tables(users));
        } else if (!users.isEmpty()) {
          b.note("Fails without CASCADE: column defaults of " + names(users) + " use it.");
        }
        if (o.ifExists()) {
          b.note("lockstep does not know whether " + name.display() + " exists; if it does not, IF EXISTS skips it "
              + "without a lock.");
        }
        b.done();
      }
    }

    /**
     * Tables whose column defaults call nextval() on {@code sequence} (serial and identity columns
     * included), with the partitions of a partitioned one: they carry the parent's defaults.
     */
    private List<Table> tablesUsingSequence(ObjectName sequence) {
      Map<ObjectName, Table> out = new java.util.LinkedHashMap<>();
      for (Table t : cat.tables()) {
        if (sequencesUsed(t.name()).stream().anyMatch(r -> r.name().equals(sequence))) {
          out.putIfAbsent(t.name(), t);
          cat.allPartitionsOf(t.name()).forEach(p -> out.putIfAbsent(p.name(), p));
        }
      }
      return List.copyOf(out.values());
    }

    private void renameRelation(Operation.RenameTable o) {
      ObjectName name = res(o.relation());
      if (cat.table(name).isEmpty() && cat.index(name).isPresent()) {
        add(PgEffectKey.RENAME_INDEX_VIA_ALTER_TABLE).bind(PgRole.INDEX, index(name)).done();
      } else {
        onTable(PgEffectKey.RENAME_TABLE, name).done();
      }
    }

    // ------------------------------------------------------------ columns

    private void dropColumn(Operation.DropColumn o) {
      ObjectName rel = res(o.relation());
      Optional<Table> t = cat.table(rel);
      // the column's own foreign keys go: their referenced tables lose the FK triggers
      List<Relation> refs = t.map(x -> x.constraints().stream()
          .filter(k -> k.kind() == ConstraintKind.FOREIGN_KEY && k.columns().contains(o.column()))
          .flatMap(k -> k.referencedTable().map(this::res).filter(r -> !r.equals(rel)).stream())
          .distinct().flatMap(r -> table(r).stream()).toList()).orElse(List.of());
      B b = onTable(PgEffectKey.DROP_COLUMN, rel).bind(PgRole.COLUMN_INDEXES, columnIndexes(rel, o.column()))
          .partitions(rel).bind(PgRole.REFERENCED_TABLES, refs);
      if (o.cascade() && keyColumn(rel, o.column())) {
        b.bind(PgRole.REFERENCING_TABLES, tables(cat.referencing(rel)));
      }
      dependentViews(b, cat.dependentViews(rel, o.column()), o.cascade());
      b.done();
    }

    /** Whether {@code column} belongs to the primary key of the table (what foreign keys usually reference). */
    private boolean primaryKeyColumn(ObjectName rel, String column) {
      return cat.table(rel).map(t -> t.constraints().stream().anyMatch(k -> k.kind() == ConstraintKind.PRIMARY_KEY
          && k.columns().contains(column))).orElse(false);
    }

    /** Whether {@code column} belongs to a unique index of the table (what a foreign key can reference). */
    private boolean keyColumn(ObjectName rel, String column) {
      return cat.indexesOn(rel).stream().anyMatch(i -> i.unique() && i.columns().contains(column));
    }

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
      d.defaultValue().flatMap(e -> Catalog.nextvalSequence(e.text(), rel.schema()))
          .ifPresent(q -> b.bind(PgRole.SEQUENCES, List.of(new Relation(q, RelationKind.SEQUENCE))));
      if (key == PgEffectKey.ADD_COLUMN_VOLATILE_DEFAULT || key == PgEffectKey.ADD_COLUMN_UNKNOWN_VOLATILITY_DEFAULT
          || key == PgEffectKey.ADD_COLUMN_STORED_GENERATED || key == PgEffectKey.ADD_COLUMN_IDENTITY
          || key == PgEffectKey.ADD_COLUMN_SERIAL) {
        b.bind(PgRole.TABLE_INDEXES, indexesOf(rel));
      }
      notes.forEach(b::note);
      b.done();
      boolean allNull = !d.hasAnyDefault();
      for (ConstraintDef k : d.constraints()) {
        addConstraint(rel, k, List.of(d.name()), allNull);
      }
    }

    private void alterType(Operation.AlterColumnType o) {
      ObjectName rel = res(o.relation());
      Optional<Column> col = cat.table(rel).flatMap(t -> t.column(o.column()));
      TypeChange.Result r = col.isPresent()
          ? TypeChange.classify(col.get(), o.type(), o.using(), o.collation(), cat)
          : new TypeChange.Result(PgEffectKey.ALTER_TYPE_REWRITE_MAY_FAIL,
              List.of("The current type of " + o.column() + " is unknown: assumed to need a rewrite."));
      if (r.key() == PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE_REINDEX && columnIndexes(rel, o.column()).isEmpty()) {
        // no index on the column to rebuild
        r = new TypeChange.Result(PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE, r.notes());
      }
      B b = onTable(r.key(), rel).partitions(rel);
      if (r.key() == PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE
          || r.key() == PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE_REINDEX) {
        b.bind(PgRole.COLUMN_INDEXES, columnIndexes(rel, o.column()));
      } else {
        b.bind(PgRole.TABLE_INDEXES, indexesOf(rel));
        if (cat.table(rel).map(Table::partitioned).orElse(false)) {
          b.bind(PgRole.COLUMN_INDEXES, cat.indexesOn(rel).stream().filter(i -> i.columns().contains(o.column()))
              .map(i -> new Relation(i.name(), RelationKind.INDEX)).toList());
        }
      }
      r.notes().forEach(b::note);
      b.done();
      if (!noRewriteKey(r.key())) {
        foreignKeySides(rel, o.column());
      }
      if (version >= 14) {
        List<Relation> seqs = col.filter(c -> c.identity() || c.type().isSerial()).map(c -> sequencesUsed(rel))
            .orElse(List.of());
        if (!seqs.isEmpty()) {
          onTable(PgEffectKey.ALTER_TYPE_OWNED_SEQUENCE, rel).bind(PgRole.SEQUENCES, seqs).done();
        }
      }
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

    /**
     * A type change of a foreign key column, or of a key column other tables reference, rebuilds the
     * foreign keys: the other table is locked ACCESS EXCLUSIVE and, for a validated key, checked again.
     */
    private void foreignKeySides(ObjectName rel, String column) {
      Optional<Table> t = cat.table(rel);
      if (t.isEmpty()) {
        return;
      }
      List<Relation> checked = new ArrayList<>();
      List<Relation> rebuilt = new ArrayList<>();
      for (Constraint k : t.get().constraints()) {
        if (k.kind() == ConstraintKind.FOREIGN_KEY && k.columns().contains(column)) {
          k.referencedTable().map(this::res).filter(r -> !r.equals(rel))
              .ifPresent(r -> (k.validated() ? checked : rebuilt).addAll(table(r)));
        }
      }
      if (primaryKeyColumn(rel, column)) {
        for (Table other : cat.referencing(rel)) {
          boolean validated = other.constraints().stream().anyMatch(k -> k.kind() == ConstraintKind.FOREIGN_KEY
              && k.validated() && k.referencedTable().map(r -> res(r).equals(rel)).orElse(false));
          (validated ? checked : rebuilt).add(new Relation(other.name(), RelationKind.TABLE));
        }
      }
      rebuilt.removeAll(checked);
      if (!checked.isEmpty()) {
        add(PgEffectKey.ALTER_TYPE_FK_RECHECK).bind(PgRole.REFERENCING_TABLES, checked)
            .bind(PgRole.REFERENCING_INDEXES, indexesOfTables(checked)).done();
      }
      if (!rebuilt.isEmpty()) {
        add(PgEffectKey.ALTER_TYPE_FK_REBUILD).bind(PgRole.REFERENCING_TABLES, rebuilt).done();
      }
    }

    private static boolean noRewriteKey(PgEffectKey k) {
      return k == PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE || k == PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE_REINDEX;
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

    private void addConstraint(ObjectName relation, ConstraintDef def, List<String> columnOf, boolean newNullColumn) {
      ObjectName rel = res(relation);
      List<String> cols = def.columns().isEmpty() ? columnOf : def.columns();
      switch (def.kind()) {
        case CHECK -> onTable(def.notValid() ? PgEffectKey.ADD_CHECK_NOT_VALID : PgEffectKey.ADD_CHECK, rel)
            .partitions(rel).done();
        case FOREIGN_KEY -> {
          // a foreign key on a column just added without a default has nothing to check: every value is NULL
          boolean validate = !def.notValid() && !newNullColumn;
          B b = onTable(validate ? PgEffectKey.ADD_FK : PgEffectKey.ADD_FK_NOT_VALID, rel).partitions(rel);
          Optional<ObjectName> ref = def.referencedTable().map(this::res);
          ref.filter(r -> !r.equals(rel)).ifPresent(r -> b.bind(PgRole.REFERENCED_TABLES, table(r)));
          if (validate) {
            b.bind(PgRole.TABLE_INDEXES, storedIndexesOf(rel));
            ref.ifPresent(r -> b.bind(PgRole.REFERENCED_INDEXES, storedIndexesOf(r)));
            ref.filter(r -> !r.equals(rel)).ifPresent(r -> unfilledKeys(b, rel, r, cols));
          } else if (version >= 14 && (version >= 18 || !cat.table(rel).map(Table::partitioned).orElse(false))) {
            b.bind(PgRole.REFERENCED_INDEXES, keyIndex(def, rel));
          }
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

    private void delete(Operation.Delete o, boolean all) {
      ObjectName rel = res(o.relation());
      List<Relation> cascaded = new ArrayList<>();
      List<Relation> restricting = new ArrayList<>();
      for (Table other : cat.referencing(rel)) {
        for (Constraint k : other.constraints()) {
          if (k.kind() == ConstraintKind.FOREIGN_KEY && k.referencedTable().map(r -> res(r).equals(rel)).orElse(false)) {
            Relation r = new Relation(other.name(), RelationKind.TABLE);
            List<Relation> into = k.deleteRestricted() ? restricting : cascaded;
            if (!into.contains(r)) {
              into.add(r);
            }
          }
        }
      }
      restricting.removeAll(cascaded);
      B b = onTable(all ? PgEffectKey.DELETE_ALL_ROWS : PgEffectKey.DELETE, rel)
          .bind(PgRole.TABLE_INDEXES, writtenIndexes(rel)).partitions(rel)
          .bind(PgRole.REFERENCING_TABLES, cascaded).bind(PgRole.REFERENCING_INDEXES, indexesOfTables(cascaded));
      targetReads(b, rel, o.reads());
      lookups(b, rel, cascaded, null);
      b.done();
      if (!restricting.isEmpty()) {
        B rb = add(PgEffectKey.DELETE_RESTRICTED);
        lookups(rb, rel, restricting, null);
        rb.bind(PgRole.REFERENCING_TABLES, restricting)
            .note("Referenced by " + String.join(", ", restricting.stream().map(r -> r.name().display()).toList())
                + " (ON DELETE RESTRICT / NO ACTION).")
            .done();
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
        case FOREIGN_KEY -> {
          B b = onTable(PgEffectKey.VALIDATE_FK, rel).partitions(rel)
              .bind(PgRole.REFERENCED_TABLES, c.referencedTable().map(this::res).filter(r -> !r.equals(rel))
                  .map(this::table).orElse(List.of()))
              .bind(PgRole.TABLE_INDEXES, storedIndexesOf(rel))
              .bind(PgRole.REFERENCED_INDEXES, c.referencedTable().map(this::storedIndexesOf).orElse(List.of()));
          c.referencedTable().map(this::res).filter(r -> !r.equals(rel))
              .ifPresent(r -> unfilledKeys(b, rel, r, c.columns()));
          b.done();
        }
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
      if (o.cascade() && k.filter(x -> x.kind() == ConstraintKind.PRIMARY_KEY || x.kind() == ConstraintKind.UNIQUE)
          .isPresent()) {
        b.bind(PgRole.REFERENCING_TABLES, tables(cat.referencing(rel)));
      }
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
      if (o.action() == TableAction.CLUSTER_ON && !o.detail().isBlank()) {
        b.bind(PgRole.INDEX, index(new ObjectName(rel.schema(), o.detail())));
      }
      if (o.action() == TableAction.COLUMN_DROP_IDENTITY && o.column().isPresent()) {
        b.bind(PgRole.SEQUENCES, List.of(new Relation(new ObjectName(rel.schema(),
            PgNames.makeObjectName(rel.name(), o.column().get(), "seq")), RelationKind.SEQUENCE)));
      }
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
      B b = onTable(key, rel).bind(PgRole.PARTITION, table(o.partition()))
          .bind(PgRole.PARTITION_INDEXES, storedIndexesOf(o.partition()));
      if (key == PgEffectKey.DETACH_PARTITION) {
        // detaching the default partition itself locks it as the default partition too
        b.bind(PgRole.DEFAULT_PARTITION, defaultPartition(rel));
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
        onTable(o.concurrently() ? PgEffectKey.CREATE_INDEX_SKIPPED_CONCURRENTLY : PgEffectKey.CREATE_INDEX_SKIPPED,
            rel).note("An index named " + name + " exists already: nothing is built.").done();
        return;
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
      if (partitioned && !concurrently) {
        idx.ifPresent(i -> b.bind(PgRole.PARTITIONS, tables(cat.allPartitionsOf(i.table()))));
        b.bind(PgRole.PARTITION_INDEXES, childIndexes(n));
      }
      idx.filter(i -> !i.constraint().isEmpty()).ifPresent(i -> b.note("Fails: the index backs constraint "
          + i.constraint() + "; drop the constraint instead."));
      b.done();
    }

    private void alterIndex(Operation.AlterIndexOther o) {
      if (o.action().toUpperCase(java.util.Locale.ROOT).contains("TABLESPACE")) {
        add(PgEffectKey.ALTER_INDEX_SET_TABLESPACE).bind(PgRole.INDEX, index(o.index())).done();
      } else if (o.action().equals("set-storage-parameters") || o.action().equals("reset-storage-parameters")) {
        add(PgEffectKey.ALTER_INDEX_SET_STORAGE_PARAMETERS).bind(PgRole.INDEX, index(o.index())).done();
      } else if (o.action().equals("attach-partition") && o.attached().isPresent()) {
        ObjectName child = res(o.attached().get());
        B b = add(PgEffectKey.ALTER_INDEX_ATTACH_PARTITION).bind(PgRole.INDEX, index(o.index()))
            .bind(PgRole.PARTITION_INDEXES, index(child));
        cat.index(res(o.index())).ifPresent(i -> b.bind(PgRole.TARGET, table(i.table())));
        cat.index(child).ifPresent(i -> b.bind(PgRole.PARTITION, table(i.table())));
        b.done();
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
            b.bind(PgRole.PARTITION_INDEXES, childIndexes(n));
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
            b.partitions(t).bind(PgRole.PARTITION_INDEXES, storedIndexesOf(t));
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
        if (o.full() && cat.table(res(t)).map(Table::partitioned).orElse(false)) {
          // each partition is rebuilt in a transaction of its own, its indexes with it
          b.bind(PgRole.PARTITION_INDEXES, storedIndexesOf(t));
        } else {
          b.bind(PgRole.TABLE_INDEXES, o.full() ? indexesOf(t) : storedIndexesOf(t));
        }
        b.done();
      }
    }

    private void cluster(Operation.Cluster o) {
      if (o.relation().isEmpty()) {
        List<Relation> clustered = tables(cat.clusteredTables());
        B b = add(PgEffectKey.CLUSTER_DATABASE).bind(PgRole.TARGET, clustered)
            .bind(PgRole.TABLE_INDEXES, indexesOfTables(clustered));
        if (clustered.isEmpty()) {
          b.note("No table of the history was clustered (CLUSTER ... USING, ALTER TABLE ... CLUSTER ON): nothing "
              + "to re-cluster that lockstep knows of.");
        }
        b.done();
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
      } else if ((cmd.equals("alter-view") || cmd.equals("alter-materialized-view")) && !rels.isEmpty()) {
        add(PgEffectKey.ALTER_VIEW).bind(PgRole.TARGET, rels)
            .done();
      } else if (cmd.equals("grant") || cmd.equals("revoke")) {
        add(PgEffectKey.GRANT).bind(PgRole.TARGET, rels).done();
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

    // ------------------------------------------------------------ reads: scans, sources, views

    /**
     * The views in {@code direct} and those over them, bound as dropped with the statement under
     * CASCADE; without it, a note that the statement fails.
     */
    private void dependentViews(B b, List<dev.lockstep.core.catalog.View> direct, boolean cascade) {
      if (direct.isEmpty()) {
        return;
      }
      List<dev.lockstep.core.catalog.View> all = new ArrayList<>();
      List<dev.lockstep.core.catalog.View> todo = new ArrayList<>(direct);
      Set<ObjectName> seen = new LinkedHashSet<>();
      while (!todo.isEmpty()) {
        dev.lockstep.core.catalog.View v = todo.remove(0);
        if (seen.add(v.name())) {
          all.add(v);
          todo.addAll(cat.dependentViews(v.name()));
        }
      }
      if (!cascade) {
        b.note("Fails without CASCADE: " + String.join(", ", all.stream().map(v -> v.name().display()).toList())
            + " depend" + (all.size() == 1 ? "s" : "") + " on it.");
        return;
      }
      b.bind(PgRole.DEPENDENT_VIEWS, all.stream().map(v -> new Relation(v.name(),
          v.materialized() ? RelationKind.MATERIALIZED_VIEW : RelationKind.VIEW)).toList());
      b.bind(PgRole.DEPENDENT_INDEXES, all.stream().flatMap(v -> ownIndexes(v.name()).stream()).toList());
    }

    /**
     * A query that runs ({@code CREATE MATERIALIZED VIEW}, {@code CREATE TABLE AS}, {@code REFRESH}):
     * the tables it reads, views expanded to theirs, with their indexes and scans; without data,
     * only the relations it names are locked.
     */
    private void runQuery(B b, List<TableRead> reads, boolean withData) {
      if (!withData) {
        b.bind(PgRole.SOURCE_TABLES, reads.stream().map(r -> res(r.table())).distinct()
            .flatMap(n -> table(n).stream()).toList());
        for (TableRead r : reads) {
          b.scan(res(r.table()), ScanKind.NONE);
        }
        return;
      }
      sources(b, reads, Set.of());
    }

    /**
     * The tables a statement reads besides its target: locked ACCESS SHARE with their indexes, read in
     * full as their conditions and indexes decide; a plain view is expanded into the tables of its
     * query (the rewriter does that before the query runs).
     */
    private void sources(B b, List<TableRead> reads, Set<ObjectName> exclude) {
      List<TableRead> expanded = expandViews(reads, 0);
      List<Relation> tabs = new ArrayList<>();
      for (TableRead r : expanded) {
        ObjectName n = res(r.table());
        if (exclude.contains(n)) {
          continue;
        }
        tabs.addAll(table(n));
        for (Table p : cat.allPartitionsOf(n)) {
          tabs.add(new Relation(p.name(), RelationKind.TABLE));
        }
      }
      b.bind(PgRole.SOURCE_TABLES, tabs);
      b.bind(PgRole.SOURCE_INDEXES, indexesOfTables(tabs.stream()
          .filter(r -> r.kind() != RelationKind.VIEW).toList()));
      scans(b, expanded.stream().filter(r -> !exclude.contains(res(r.table()))).toList());
    }

    /** Reads of a plain view replaced by the view (still locked, never scanned) and the reads of its query. */
    private List<TableRead> expandViews(List<TableRead> reads, int depth) {
      List<TableRead> out = new ArrayList<>();
      for (TableRead r : reads) {
        out.add(r);
        Optional<dev.lockstep.core.catalog.View> v = cat.view(res(r.table()));
        if (v.isPresent() && !v.get().materialized() && depth < 8) {
          out.addAll(expandViews(v.get().reads(), depth + 1));
        }
      }
      return out;
    }

    /** The scans of the tables read, merged per table; a partitioned table's scans happen in its partitions. */
    private void scans(B b, List<TableRead> reads) {
      for (TableRead r : reads) {
        ObjectName n = res(r.table());
        if (cat.view(n).filter(v -> !v.materialized()).isPresent()) {
          b.scan(n, ScanKind.NONE);
          continue;
        }
        ScanKind k = scanOf(r);
        b.scan(n, k);
        for (Table p : cat.allPartitionsOf(n)) {
          b.scan(p.name(), k);
        }
      }
    }

    /** The reads of an UPDATE / DELETE: its target's scan (and its partitions'), and the other tables it reads. */
    private void targetReads(B b, ObjectName target, List<TableRead> reads) {
      List<TableRead> own = reads.stream().filter(r -> res(r.table()).equals(target)).toList();
      if (!own.isEmpty()) {
        scans(b, own);
      }
      sources(b, reads.stream().filter(r -> !res(r.table()).equals(target)).toList(), Set.of(target));
    }

    /**
     * Whether a read of one table reads every row, from its conditions and the table's indexes: no
     * condition (and no index join), or none on a column an index leads with, reads it all; an
     * equality on every column of a unique index reads one row; anything else is the planner's
     * choice.
     */
    private ScanKind scanOf(TableRead r) {
      if (!r.known()) {
        return ScanKind.PLAN_DEPENDENT;
      }
      ObjectName t = res(r.table());
      Optional<Table> table = cat.table(t);
      if (table.isEmpty()) {
        return r.conditions().isEmpty() ? ScanKind.FULL : ScanKind.PLAN_DEPENDENT;
      }
      List<Index> idx = cat.indexesOn(t);
      Set<String> leading = new java.util.HashSet<>();
      for (Index i : idx) {
        if (!i.columns().isEmpty()) {
          leading.add(i.columns().get(0));
        }
      }
      java.util.function.Predicate<String> own = c -> table.get().column(c).isPresent();
      List<TableRead.Condition> restricting = new ArrayList<>();
      List<TableRead.Condition> joins = new ArrayList<>();
      for (TableRead.Condition k : r.conditions()) {
        List<String> cols = k.columns().stream().filter(own).toList();
        if (cols.isEmpty() || (k.everyColumn() && cols.size() != k.columns().size())) {
          continue;
        }
        TableRead.Condition c = new TableRead.Condition(cols, k.match(), k.everyColumn());
        (k.match() == TableRead.Match.JOIN ? joins : restricting).add(c);
      }
      java.util.function.Predicate<TableRead.Condition> usable = k -> k.everyColumn()
          ? leading.containsAll(k.columns()) : k.columns().stream().anyMatch(leading::contains);
      ScanKind out;
      if (!restricting.isEmpty()) {
        if (restricting.stream().noneMatch(usable)) {
          out = ScanKind.FULL;
        } else {
          Set<String> eq = new java.util.HashSet<>();
          restricting.stream().filter(k -> k.match() == TableRead.Match.EQUALS_CONSTANT && !k.everyColumn())
              .forEach(k -> eq.addAll(k.columns()));
          boolean uniqueLookup = idx.stream().anyMatch(i -> i.unique() && !i.columns().isEmpty()
              && eq.containsAll(i.columns()));
          out = uniqueLookup ? ScanKind.NONE : ScanKind.PLAN_DEPENDENT;
        }
      } else if (!r.preserved() && joins.stream().anyMatch(usable)) {
        out = ScanKind.PLAN_DEPENDENT;
      } else {
        out = ScanKind.FULL;
      }
      if (out == ScanKind.FULL && r.orderedLimit() && !idx.isEmpty()) {
        // ORDER BY ... LIMIT may walk an index and stop early
        out = ScanKind.PLAN_DEPENDENT;
      }
      return out;
    }

    /**
     * Foreign key lookups in the referencing tables {@code children} of {@code parent} (cascades,
     * RESTRICT / NO ACTION checks): a child without an index that leads with a key column is read in
     * full; with one, how it is read depends on its size.
     */
    private void lookups(B b, ObjectName parent, List<Relation> children, List<String> keyColumns) {
      for (Relation child : children) {
        Optional<Table> t = cat.table(child.name());
        if (t.isEmpty()) {
          continue;
        }
        Set<String> leading = new java.util.HashSet<>();
        for (Index i : allIndexes(child.name())) {
          if (!i.columns().isEmpty()) {
            leading.add(i.columns().get(0));
          }
        }
        boolean indexed = t.get().constraints().stream()
            .filter(k -> k.kind() == ConstraintKind.FOREIGN_KEY
                && k.referencedTable().map(r -> res(r).equals(parent)).orElse(false))
            .filter(k -> keyColumns == null || referencedKey(parent, k).stream().anyMatch(keyColumns::contains))
            .allMatch(k -> k.columns().stream().anyMatch(leading::contains));
        ScanKind k = indexed ? ScanKind.PLAN_DEPENDENT : ScanKind.FULL;
        b.scan(child.name(), k);
        for (Table p : cat.allPartitionsOf(child.name())) {
          b.scan(p.name(), k);
        }
      }
    }

    /**
     * A foreign key whose columns were all added without a value and not written since may hold only
     * NULLs: then the check finds nothing to look up and does not read the referenced table.
     */
    private void unfilledKeys(B b, ObjectName rel, ObjectName referenced, List<String> columns) {
      if (!columns.isEmpty() && columns.stream().allMatch(col -> cat.unfilled(rel, col))) {
        b.scan(referenced, ScanKind.PLAN_DEPENDENT);
        b.note(String.join(", ", columns) + " was added without a value and not written since: if it holds only "
            + "NULLs the check has nothing to look up and " + referenced.display() + " is not read "
            + "(plan-dependent).");
      }
    }

    /** The columns of {@code parent} a foreign key references: as written, or the primary key. */
    private List<String> referencedKey(ObjectName parent, Constraint fk) {
      if (!fk.referencedColumns().isEmpty()) {
        return fk.referencedColumns();
      }
      return cat.table(parent).flatMap(Table::primaryKey).map(Constraint::columns).orElse(List.of());
    }

    /**
     * An UPDATE that sets columns of a key other tables reference: the referencing tables with ON
     * UPDATE CASCADE / SET NULL / SET DEFAULT are written, the others checked.
     */
    private void referencedKeyUpdate(ObjectName rel, List<String> setColumns) {
      List<Relation> cascaded = new ArrayList<>();
      List<Relation> restricting = new ArrayList<>();
      for (Table other : cat.referencing(rel)) {
        for (Constraint k : other.constraints()) {
          if (k.kind() != ConstraintKind.FOREIGN_KEY || !k.referencedTable().map(r -> res(r).equals(rel)).orElse(false)
              || referencedKey(rel, k).stream().noneMatch(setColumns::contains)) {
            continue;
          }
          Relation r = new Relation(other.name(), RelationKind.TABLE);
          List<Relation> into = k.updateRestricted() ? restricting : cascaded;
          if (!into.contains(r)) {
            into.add(r);
          }
        }
      }
      restricting.removeAll(cascaded);
      if (!cascaded.isEmpty()) {
        B b = add(PgEffectKey.UPDATE_REFERENCED_KEY).bind(PgRole.REFERENCING_TABLES, cascaded)
            .bind(PgRole.REFERENCING_INDEXES, cascaded.stream().flatMap(c -> writtenIndexes(c.name()).stream())
                .toList());
        for (Relation c : cascaded) {
          b.partitions(c.name());
        }
        lookups(b, rel, cascaded, setColumns);
        b.done();
      }
      if (!restricting.isEmpty()) {
        B b = add(PgEffectKey.UPDATE_REFERENCED_KEY_RESTRICTED).bind(PgRole.REFERENCING_TABLES, restricting)
            .note("Referenced by " + String.join(", ", restricting.stream().map(r -> r.name().display()).toList())
                + " (ON UPDATE RESTRICT / NO ACTION).");
        lookups(b, rel, restricting, setColumns);
        b.done();
      }
    }

    // ------------------------------------------------------------ binding helpers

    private ObjectName res(ObjectName n) {
      return Catalog.resolve(n);
    }

    private RelationKind kindOf(ObjectName n) {
      if (cat.table(n).isPresent()) {
        return RelationKind.TABLE;
      }
      Optional<dev.lockstep.core.catalog.View> view = cat.view(n);
      if (view.isPresent()) {
        return view.get().materialized() ? RelationKind.MATERIALIZED_VIEW : RelationKind.VIEW;
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
      List<Table> partitions = cat.allPartitionsOf(t);
      if (partitions.isEmpty()) {
        return cat.indexesOn(t);
      }
      List<Index> out = new ArrayList<>(cat.indexesOn(t));
      for (Table p : partitions) {
        out.addAll(cat.indexesOn(p.name()));
      }
      return out;
    }

    private void addReferencedTables(List<ConstraintDef> constraints, Set<ObjectName> refs) {
      for (ConstraintDef k : constraints) {
        if (k.kind() == ConstraintKind.FOREIGN_KEY && k.referencedTable().isPresent()) {
          refs.add(res(k.referencedTable().get()));
        }
      }
    }

    private static List<Relation> indexRelations(List<Index> indexes) {
      if (indexes.isEmpty()) {
        return List.of();
      }
      Relation[] out = new Relation[indexes.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = new Relation(indexes.get(i).name(), RelationKind.INDEX);
      }
      return List.of(out);
    }

    private List<Relation> indexesOf(ObjectName table) {
      return indexRelations(allIndexes(table));
    }

    private List<Relation> columnIndexes(ObjectName table, String column) {
      return allIndexes(table).stream().filter(i -> i.columns().contains(column))
          .map(i -> new Relation(i.name(), RelationKind.INDEX)).toList();
    }

    /**
     * The indexes the planner opens for the conflict target of {@code INSERT ... ON CONFLICT}: all
     * indexes of the table for a column or expression list (it looks through them for the arbiters),
     * the constraint's index for {@code ON CONSTRAINT}, none without a target.
     */
    private List<Relation> arbiterIndexes(ObjectName table, Operation.Insert.OnConflict onConflict) {
      if (onConflict.inferred()) {
        return storedIndexesOf(table);
      }
      if (onConflict.constraint().isPresent()) {
        return constraint(table, onConflict.constraint().get()).flatMap(Constraint::index)
            .map(i -> index(new ObjectName(res(table).schema(), i))).orElse(List.of());
      }
      return List.of();
    }

    /** The indexes that have storage: the table's own, or for a partitioned table those of its partitions. */
    private List<Relation> storedIndexesOf(ObjectName table) {
      ObjectName t = res(table);
      if (cat.table(t).map(Table::partitioned).orElse(false)) {
        return cat.allPartitionsOf(t).stream().filter(p -> !p.partitioned())
            .flatMap(p -> cat.indexesOn(p.name()).stream()).map(i -> new Relation(i.name(), RelationKind.INDEX))
            .toList();
      }
      return ownIndexes(t);
    }

    /** The indexes defined on {@code table} itself (for a partitioned table, its partitioned indexes). */
    private List<Relation> ownIndexes(ObjectName table) {
      return indexRelations(cat.indexesOn(res(table)));
    }

    private List<Relation> indexesOfTables(List<Relation> tables) {
      if (tables.size() == 1) {
        return storedIndexesOf(tables.get(0).name());
      }
      Set<Relation> out = new LinkedHashSet<>();
      for (Relation t : tables) {
        out.addAll(storedIndexesOf(t.name()));
      }
      return List.copyOf(out);
    }

    /**
     * The indexes an UPDATE or DELETE opens for writing: the table's, or every partition's; from
     * PostgreSQL 16 the partitioned parent's indexes too.
     */
    private List<Relation> writtenIndexes(ObjectName table) {
      ObjectName t = res(table);
      if (version < 16 || !cat.table(t).map(Table::partitioned).orElse(false)) {
        return storedIndexesOf(t);
      }
      List<Relation> out = new ArrayList<>(storedIndexesOf(t));
      out.addAll(ownIndexes(t));
      return out;
    }

    /** The partition indexes attached to {@code index}, at every level. */
    private List<Relation> childIndexes(ObjectName index) {
      List<Relation> out = new ArrayList<>();
      for (Index child : cat.childIndexes(res(index))) {
        out.add(new Relation(child.name(), RelationKind.INDEX));
        out.addAll(childIndexes(child.name()));
      }
      return out;
    }

    /** The unique index of the referenced table that a new foreign key relies on. */
    private List<Relation> keyIndex(ConstraintDef fk, ObjectName referencing) {
      Optional<ObjectName> ref = fk.referencedTable().map(this::res);
      if (ref.isEmpty()) {
        return List.of();
      }
      List<Index> unique = cat.indexesOn(ref.get()).stream().filter(Index::unique).toList();
      Optional<Index> hit;
      if (fk.referencedColumns().isEmpty()) {
        hit = cat.table(ref.get()).flatMap(t -> t.constraints().stream()
            .filter(k -> k.kind() == ConstraintKind.PRIMARY_KEY).findFirst())
            .flatMap(k -> unique.stream().filter(i -> i.name().name().equals(k.index().orElse(k.name()))).findFirst());
      } else {
        hit = unique.stream().filter(i -> Set.copyOf(i.columns()).equals(Set.copyOf(fk.referencedColumns())))
            .findFirst();
      }
      return hit.map(i -> List.of(new Relation(i.name(), RelationKind.INDEX))).orElse(List.of());
    }

    /** Tables that reference {@code table}, directly or through other referencing tables (TRUNCATE ... CASCADE). */
    private List<Table> referencingClosure(ObjectName table) {
      List<Table> out = new ArrayList<>();
      Set<ObjectName> seen = new LinkedHashSet<>(List.of(table));
      List<ObjectName> todo = new ArrayList<>(List.of(table));
      while (!todo.isEmpty()) {
        for (Table r : cat.referencing(todo.remove(0))) {
          if (seen.add(r.name())) {
            out.add(r);
            todo.add(r.name());
          }
        }
      }
      return out;
    }

    /** Sequences whose nextval() the column defaults of {@code table} call (serial and identity columns included). */
    private List<Relation> sequencesUsed(ObjectName table) {
      ObjectName t = res(table);
      Set<ObjectName> out = new LinkedHashSet<>();
      cat.table(t).ifPresent(tb -> {
        for (Column c : tb.columns()) {
          Catalog.sequenceOf(t, c).ifPresent(out::add);
        }
      });
      return out.stream().map(n -> new Relation(n, RelationKind.SEQUENCE)).toList();
    }

    /** Sequences owned by columns of {@code table} (serial and identity): DROP TABLE drops them. */
    private List<Relation> ownedSequences(ObjectName table) {
      ObjectName t = res(table);
      return cat.table(t).filter(tb -> tb.partitionOf().isEmpty()).map(tb -> tb.columns().stream()
          .filter(c -> c.identity() || c.type().isSerial())
          .flatMap(c -> Catalog.sequenceOf(t, c).stream())
          .map(n -> new Relation(n, RelationKind.SEQUENCE))
          .toList()).orElse(List.of());
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
      /** Created on the first note or scan: most classifications have neither. */
      List<String> notes = List.of();
      Map<ObjectName, ScanKind> scans = Map.of();
      Optional<LockMode> requested = Optional.empty();

      B(PgEffectKey key) {
        this.key = key;
      }

      B bind(PgRole role, List<Relation> rels) {
        if (rels.size() == 1 && !relations.containsKey(role)) {
          relations.put(role, new ArrayList<>(rels));
        } else if (!rels.isEmpty()) {
          // A role can hold every index of a table: deduplicate with a set, keeping the order.
          java.util.LinkedHashSet<Relation> all = new java.util.LinkedHashSet<>(relations.getOrDefault(role, List.of()));
          all.addAll(rels);
          relations.put(role, new ArrayList<>(all));
        }
        return this;
      }

      B partitions(ObjectName table) {
        return bind(PgRole.PARTITIONS, tables(cat.allPartitionsOf(res(table))));
      }

      B note(String n) {
        if (notes.isEmpty()) {
          notes = new ArrayList<>();
        }
        notes.add(n);
        return this;
      }

      /** What the statement reads of {@code relation}; several reads of one relation keep the most certain. */
      B scan(ObjectName relation, ScanKind kind) {
        if (scans.isEmpty()) {
          scans = new java.util.LinkedHashMap<>();
        }
        scans.merge(relation, kind, ScanKind::max);
        return this;
      }

      void done() {
        out.add(new PgClassification(key, relations, requested, notes, scans));
      }
    }
  }
}
