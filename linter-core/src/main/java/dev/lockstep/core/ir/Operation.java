package dev.lockstep.core.ir;

import dev.lockstep.core.effects.LockMode;
import dev.lockstep.core.source.Span;
import java.util.List;
import java.util.Optional;

/**
 * lockstep's intermediate representation: what one clause of a statement does. A statement maps
 * to one or more operations ({@code ALTER TABLE t ADD a int, DROP b} is two). Every operation
 * carries the span of its own clause so findings underline exactly that clause.
 *
 * <p>Rules and effects see only these records, never parser types.
 */
public sealed interface Operation {

  /** The source range of this operation's clause. */
  Span span();

  /** A stable kebab-case id of the operation kind, as listed in JSON {@code operations[]}. */
  String kind();

  /** The table this operation acts on, when it acts on exactly one. */
  default Optional<ObjectName> table() {
    return Optional.empty();
  }

  /** An operation that acts on one table. */
  sealed interface OnTable extends Operation {
    ObjectName relation();

    @Override
    default Optional<ObjectName> table() {
      return Optional.of(relation());
    }
  }

  // ---------------------------------------------------------------- tables

  record CreateTable(Span span, ObjectName relation, List<ColumnDef> columns, List<ConstraintDef> constraints,
      boolean ifNotExists, Optional<ObjectName> partitionOf, boolean partitioned, boolean asQuery,
      boolean temporary, boolean unlogged, boolean defaultPartition, List<TableRead> reads, boolean withData,
      Optional<PartitionBound> bound, Optional<PartitionKey> partitionKey) implements OnTable {
    public CreateTable {
      columns = List.copyOf(columns);
      constraints = List.copyOf(constraints);
      reads = List.copyOf(reads);
    }

    /** Not {@code AS} a query, no bound or partition key recorded. */
    public CreateTable(Span span, ObjectName relation, List<ColumnDef> columns, List<ConstraintDef> constraints,
        boolean ifNotExists, Optional<ObjectName> partitionOf, boolean partitioned, boolean asQuery,
        boolean temporary, boolean unlogged, boolean defaultPartition) {
      this(span, relation, columns, constraints, ifNotExists, partitionOf, partitioned, asQuery, temporary, unlogged,
          defaultPartition, List.of(), true, Optional.empty(), Optional.empty());
    }

    /** Not a {@code PARTITION OF ... DEFAULT}. */
    public CreateTable(Span span, ObjectName relation, List<ColumnDef> columns, List<ConstraintDef> constraints,
        boolean ifNotExists, Optional<ObjectName> partitionOf, boolean partitioned, boolean asQuery,
        boolean temporary, boolean unlogged) {
      this(span, relation, columns, constraints, ifNotExists, partitionOf, partitioned, asQuery, temporary, unlogged,
          false);
    }

    public String kind() {
      return "create-table";
    }
  }

  record DropTable(Span span, List<ObjectName> tables, boolean ifExists, boolean cascade) implements Operation {
    public DropTable {
      tables = List.copyOf(tables);
    }

    public String kind() {
      return "drop-table";
    }
  }

  record RenameTable(Span span, ObjectName relation, String newName, boolean ifExists) implements OnTable {
    public String kind() {
      return "rename-table";
    }
  }

  record AddColumn(Span span, ObjectName relation, ColumnDef column, boolean ifNotExists) implements OnTable {
    public String kind() {
      return "add-column";
    }
  }

  record DropColumn(Span span, ObjectName relation, String column, boolean ifExists, boolean cascade)
      implements OnTable {
    public String kind() {
      return "drop-column";
    }
  }

  record RenameColumn(Span span, ObjectName relation, String column, String newName) implements OnTable {
    public String kind() {
      return "rename-column";
    }
  }

  record AlterColumnType(Span span, ObjectName relation, String column, TypeRef type, Optional<Expr> using,
      Optional<String> collation) implements OnTable {
    public String kind() {
      return "alter-column-type";
    }
  }

  record SetNotNull(Span span, ObjectName relation, String column) implements OnTable {
    public String kind() {
      return "set-not-null";
    }
  }

  record DropNotNull(Span span, ObjectName relation, String column) implements OnTable {
    public String kind() {
      return "drop-not-null";
    }
  }

  record SetDefault(Span span, ObjectName relation, String column, Expr value) implements OnTable {
    public String kind() {
      return "set-default";
    }
  }

  record DropDefault(Span span, ObjectName relation, String column) implements OnTable {
    public String kind() {
      return "drop-default";
    }
  }

  record AddConstraint(Span span, ObjectName relation, ConstraintDef constraint) implements OnTable {
    public String kind() {
      return "add-constraint";
    }
  }

  record ValidateConstraint(Span span, ObjectName relation, String name) implements OnTable {
    public String kind() {
      return "validate-constraint";
    }
  }

  record DropConstraint(Span span, ObjectName relation, String name, boolean ifExists, boolean cascade)
      implements OnTable {
    public String kind() {
      return "drop-constraint";
    }
  }

  record RenameConstraint(Span span, ObjectName relation, String name, String newName) implements OnTable {
    public String kind() {
      return "rename-constraint";
    }
  }

  /** {@code ALTER TABLE ... ALTER CONSTRAINT name [NOT] DEFERRABLE ...}. */
  record AlterConstraint(Span span, ObjectName relation, String name) implements OnTable {
    public String kind() {
      return "alter-constraint";
    }
  }

  /**
   * Any other {@code ALTER TABLE} action, each with a known lock (see {@link TableAction}).
   *
   * @param column the column for column-level actions ({@code ALTER COLUMN c SET STATISTICS})
   * @param detail extra text such as the new schema, tablespace or owner
   */
  record AlterTableOther(Span span, ObjectName relation, TableAction action, Optional<String> column, String detail)
      implements OnTable {
    public String kind() {
      return "alter-table-" + action.id();
    }
  }

  /** {@code ALTER TABLE parent ATTACH PARTITION child FOR VALUES ...}. */
  record AttachPartition(Span span, ObjectName relation, ObjectName partition, boolean isDefault,
      Optional<PartitionBound> bound) implements OnTable {
    public AttachPartition(Span span, ObjectName relation, ObjectName partition, boolean isDefault) {
      this(span, relation, partition, isDefault, Optional.empty());
    }

    public String kind() {
      return "attach-partition";
    }
  }

  /** {@code ALTER TABLE parent DETACH PARTITION child [CONCURRENTLY | FINALIZE]}. */
  record DetachPartition(Span span, ObjectName relation, ObjectName partition, boolean concurrently,
      boolean finalizing) implements OnTable {
    public String kind() {
      return "detach-partition";
    }
  }

  // ---------------------------------------------------------------- indexes

  /**
   * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] table [USING method] (...)}.
   *
   * @param elements the index elements as written (column names or expressions)
   * @param columns the plain column names among the elements
   * @param options the clauses between the elements and {@code WHERE} as written, one space apart
   *     ({@code INCLUDE (a) NULLS NOT DISTINCT WITH (fillfactor = 70) TABLESPACE t}); empty when none
   */
  record CreateIndex(Span span, Optional<String> name, ObjectName relation, boolean unique, boolean concurrently,
      boolean ifNotExists, boolean only, String method, List<String> elements, List<String> columns,
      Optional<Expr> predicate, String options) implements OnTable {
    public CreateIndex {
      elements = List.copyOf(elements);
      columns = List.copyOf(columns);
    }

    /** An index without INCLUDE, NULLS, WITH or TABLESPACE clauses. */
    public CreateIndex(Span span, Optional<String> name, ObjectName relation, boolean unique, boolean concurrently,
        boolean ifNotExists, boolean only, String method, List<String> elements, List<String> columns,
        Optional<Expr> predicate) {
      this(span, name, relation, unique, concurrently, ifNotExists, only, method, elements, columns, predicate, "");
    }

    public String kind() {
      return "create-index";
    }
  }

  record DropIndex(Span span, List<ObjectName> indexes, boolean concurrently, boolean ifExists, boolean cascade)
      implements Operation {
    public DropIndex {
      indexes = List.copyOf(indexes);
    }

    public String kind() {
      return "drop-index";
    }
  }

  record RenameIndex(Span span, ObjectName index, String newName, boolean ifExists) implements Operation {
    public String kind() {
      return "rename-index";
    }
  }

  /** {@code ALTER INDEX} other than rename: SET TABLESPACE, SET (...), ATTACH PARTITION, ALTER COLUMN ... SET STATISTICS. */
  record AlterIndexOther(Span span, ObjectName index, String action, Optional<ObjectName> attached)
      implements Operation {
    public String kind() {
      return "alter-index";
    }
  }

  record Reindex(Span span, ReindexTarget target, ObjectName name, boolean concurrently) implements Operation {
    public String kind() {
      return "reindex";
    }
  }

  enum ReindexTarget { INDEX, TABLE, SCHEMA, DATABASE, SYSTEM }

  // ---------------------------------------------------------------- types

  record CreateEnum(Span span, ObjectName type, List<String> values) implements Operation {
    public CreateEnum {
      values = List.copyOf(values);
    }

    public String kind() {
      return "create-enum";
    }
  }

  record AddEnumValue(Span span, ObjectName type, String value, boolean ifNotExists, Optional<String> before,
      Optional<String> after) implements Operation {
    public String kind() {
      return "add-enum-value";
    }
  }

  record RenameEnumValue(Span span, ObjectName type, String value, String newValue) implements Operation {
    public String kind() {
      return "rename-enum-value";
    }
  }

  record RenameType(Span span, ObjectName type, String newName) implements Operation {
    public String kind() {
      return "rename-type";
    }
  }

  record DropType(Span span, List<ObjectName> types, boolean ifExists, boolean cascade) implements Operation {
    public DropType {
      types = List.copyOf(types);
    }

    public String kind() {
      return "drop-type";
    }
  }

  /** {@code DROP SEQUENCE [IF EXISTS] name, ... [CASCADE]}. */
  record DropSequence(Span span, List<ObjectName> sequences, boolean ifExists, boolean cascade) implements Operation {
    public DropSequence {
      sequences = List.copyOf(sequences);
    }

    public String kind() {
      return "drop-sequence";
    }
  }

  // ---------------------------------------------------------------- views

  /** @param reads how the view's query reads its base tables (empty when the query could not be read) */
  record CreateView(Span span, ObjectName view, boolean materialized, boolean orReplace, boolean withData,
      List<TableRead> reads) implements Operation {
    public CreateView {
      reads = List.copyOf(reads);
    }

    public CreateView(Span span, ObjectName view, boolean materialized, boolean orReplace, boolean withData) {
      this(span, view, materialized, orReplace, withData, List.of());
    }

    public String kind() {
      return materialized ? "create-materialized-view" : "create-view";
    }
  }

  record DropView(Span span, List<ObjectName> views, boolean materialized, boolean ifExists, boolean cascade)
      implements Operation {
    public DropView {
      views = List.copyOf(views);
    }

    public String kind() {
      return materialized ? "drop-materialized-view" : "drop-view";
    }
  }

  record RefreshMaterializedView(Span span, ObjectName view, boolean concurrently, boolean withNoData)
      implements Operation {
    public String kind() {
      return "refresh-materialized-view";
    }
  }

  // ---------------------------------------------------------------- maintenance

  record Truncate(Span span, List<ObjectName> tables, boolean cascade) implements Operation {
    public Truncate {
      tables = List.copyOf(tables);
    }

    public String kind() {
      return "truncate";
    }
  }

  record Vacuum(Span span, List<ObjectName> tables, boolean full, boolean analyze) implements Operation {
    public Vacuum {
      tables = List.copyOf(tables);
    }

    public String kind() {
      return full ? "vacuum-full" : "vacuum";
    }
  }

  record Cluster(Span span, Optional<ObjectName> relation, Optional<String> index) implements Operation {
    @Override
    public Optional<ObjectName> table() {
      return relation;
    }

    public String kind() {
      return "cluster";
    }
  }

  record Analyze(Span span, List<ObjectName> tables) implements Operation {
    public Analyze {
      tables = List.copyOf(tables);
    }

    public String kind() {
      return "analyze";
    }
  }

  record LockTable(Span span, List<ObjectName> tables, LockMode mode, boolean nowait) implements Operation {
    public LockTable {
      tables = List.copyOf(tables);
    }

    public String kind() {
      return "lock-table";
    }
  }

  // ---------------------------------------------------------------- data

  /**
   * {@code UPDATE table SET ... [FROM ...] [WHERE ...]}.
   *
   * @param where the WHERE condition, absent when every row is updated
   * @param batched the statement limits itself to a bounded batch (e.g. {@code WHERE id IN (SELECT ... LIMIT n)})
   */
  record Update(Span span, ObjectName relation, List<String> setColumns, Optional<Expr> where, boolean batched,
      List<TableRead> reads) implements OnTable {
    public Update {
      setColumns = List.copyOf(setColumns);
      reads = List.copyOf(reads);
    }

    /** Without what is known of how it reads its tables. */
    public Update(Span span, ObjectName relation, List<String> setColumns, Optional<Expr> where, boolean batched) {
      this(span, relation, setColumns, where, batched, List.of());
    }

    public String kind() {
      return "update";
    }
  }

  /** @param reads how it reads its tables (the target, USING, subqueries); empty when unknown */
  record Delete(Span span, ObjectName relation, Optional<Expr> where, boolean batched, List<TableRead> reads)
      implements OnTable {
    public Delete {
      reads = List.copyOf(reads);
    }

    public Delete(Span span, ObjectName relation, Optional<Expr> where, boolean batched) {
      this(span, relation, where, batched, List.of());
    }

    public String kind() {
      return "delete";
    }
  }

  /**
   * {@code INSERT INTO table ...}; {@code fromQuery} when the rows come from a SELECT.
   *
   * @param onConflict its {@code ON CONFLICT} clause, {@link OnConflict#NONE} without one
   * @param reads how the SELECT reads its tables
   * @param columns the column list as written (empty when none is given)
   * @param rows the {@code VALUES} rows, one value per column, each empty unless a constant
   */
  record Insert(Span span, ObjectName relation, boolean fromQuery, OnConflict onConflict, List<TableRead> reads,
      List<String> columns, List<List<Optional<String>>> rows) implements OnTable {
    public Insert {
      reads = List.copyOf(reads);
      columns = List.copyOf(columns);
      rows = rows.stream().map(List::copyOf).toList();
    }

    public Insert(Span span, ObjectName relation, boolean fromQuery, OnConflict onConflict) {
      this(span, relation, fromQuery, onConflict, List.of(), List.of(), List.of());
    }

    /**
     * The conflict target of {@code ON CONFLICT}: {@code inferred} when it lists columns or index
     * expressions (the unique indexes are inferred from them), {@code constraint} for
     * {@code ON CONSTRAINT name}; neither when there is no target or no clause.
     */
    public record OnConflict(boolean present, boolean inferred, Optional<String> constraint) {
      public static final OnConflict NONE = new OnConflict(false, false, Optional.empty());

      public static OnConflict withoutTarget() {
        return new OnConflict(true, false, Optional.empty());
      }

      public static OnConflict inferredTarget() {
        return new OnConflict(true, true, Optional.empty());
      }

      public static OnConflict onConstraint(String name) {
        return new OnConflict(true, false, Optional.of(name));
      }
    }

    public String kind() {
      return "insert";
    }
  }

  /** A query that only reads (or calls functions): {@code SELECT}, {@code VALUES}, {@code WITH ... SELECT}. */
  /** @param reads how it reads each table; empty when unknown */
  record Query(Span span, List<ObjectName> tables, List<TableRead> reads) implements Operation {
    public Query {
      tables = List.copyOf(tables);
      reads = List.copyOf(reads);
    }

    public Query(Span span, List<ObjectName> tables) {
      this(span, tables, List.of());
    }

    public String kind() {
      return "select";
    }
  }

  // ---------------------------------------------------------------- transactions and settings

  record Begin(Span span) implements Operation {
    public String kind() {
      return "begin";
    }
  }

  record Commit(Span span) implements Operation {
    public String kind() {
      return "commit";
    }
  }

  record Rollback(Span span) implements Operation {
    public String kind() {
      return "rollback";
    }
  }

  /** {@code SAVEPOINT}, {@code RELEASE}, {@code ROLLBACK TO}. */
  record Savepoint(Span span, String action, String name) implements Operation {
    public String kind() {
      return "savepoint";
    }
  }

  /**
   * {@code SET [LOCAL|SESSION] name = value}, {@code RESET name}, {@code SET ROLE}, {@code SELECT set_config(...)}.
   *
   * @param name setting name in lower case ({@code lock_timeout}, {@code statement_timeout}, {@code search_path})
   * @param value the value as written, unquoted; empty for RESET / DEFAULT
   */
  record SetSetting(Span span, String name, String value, boolean local, boolean reset) implements Operation {
    public String kind() {
      return reset ? "reset" : "set";
    }
  }

  // ---------------------------------------------------------------- other known commands

  /** {@code DO $$ ... $$}: an anonymous code block whose effects cannot be known statically. */
  record DoBlock(Span span, String language) implements Operation {
    public String kind() {
      return "do";
    }
  }

  /**
   * A statement whose command is known but that needs no modelling beyond its command and the
   * objects it names: {@code CREATE FUNCTION}, {@code CREATE EXTENSION}, {@code GRANT},
   * {@code COMMENT ON}, {@code CREATE SEQUENCE}, {@code CREATE TRIGGER}, {@code CREATE POLICY}, ...
   *
   * @param command kebab-case command id, e.g. {@code create-function}, {@code comment}, {@code grant}
   * @param relations tables (or other relations) the command locks, when it locks any
   */
  record Other(Span span, String command, List<ObjectName> relations) implements Operation {
    public Other {
      relations = List.copyOf(relations);
    }

    public String kind() {
      return command;
    }
  }

  /** A statement lockstep could not understand; it is reported, never dropped. */
  record Unrecognized(Span span, String reason) implements Operation {
    public String kind() {
      return "unrecognized";
    }
  }
}
