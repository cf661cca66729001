package dev.lockstep.core.catalog;

import dev.lockstep.core.ir.ConstraintKind;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.ir.PartitionBound;
import dev.lockstep.core.ir.PartitionKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The schema that a migration history builds up, replayed operation by operation. Unqualified
 * names resolve against {@link #DEFAULT_SCHEMA}. Not thread-safe: one catalog belongs to one
 * replay; use {@link #copy()} to keep a snapshot.
 */
public final class Catalog {
  public static final String DEFAULT_SCHEMA = "public";

  /** How many tables are partitions, so partition lookups on partition-free schemas cost nothing. */
  private int partitionCount;
  private final Map<ObjectName, Table> tables = new LinkedHashMap<>();
  private final Map<ObjectName, Index> indexes = new LinkedHashMap<>();
  /**
   * {@link #indexes} by table, in the same order; built when first asked for and kept up to date
   * table by table as indexes change (dropped when the index map is handed out to change in place).
   */
  private Map<ObjectName, List<Index>> indexesByTable;
  private final Map<ObjectName, EnumType> enums = new LinkedHashMap<>();
  private final Map<ObjectName, View> views = new LinkedHashMap<>();
  private final Set<ObjectName> defaultPartitions = new LinkedHashSet<>();
  /** Index of a partition → the index of the partitioned parent it is attached to. */
  private final Map<ObjectName, ObjectName> indexParents = new LinkedHashMap<>();
  /** Table → the index it was last clustered on ({@code CLUSTER ... USING}, {@code ALTER TABLE ... CLUSTER ON}). */
  private final Map<ObjectName, ObjectName> clusterIndexes = new LinkedHashMap<>();
  /** Partition → its bound ({@code FOR VALUES ...}). */
  private final Map<ObjectName, PartitionBound> partitionBounds = new LinkedHashMap<>();
  /** Partitioned table → its partition key. */
  private final Map<ObjectName, PartitionKey> partitionKeys = new LinkedHashMap<>();
  /** Table → columns added without a value for the existing rows and not written since by the history. */
  private final Map<ObjectName, Set<String>> unfilledColumns = new LinkedHashMap<>();

  public static ObjectName resolve(ObjectName name) {
    return name.resolve(DEFAULT_SCHEMA);
  }

  private static final java.util.regex.Pattern NEXTVAL =
      java.util.regex.Pattern.compile("(?i)nextval\\s*\\(\\s*'([^']+)'");

  /**
   * The sequence a column default calls {@code nextval('...')} on, its name read as PostgreSQL
   * reads a regclass literal ({@code "Order_id_seq"}, {@code public.orders_id_seq}); an unqualified
   * name is in {@code schema}.
   */
  public static Optional<ObjectName> nextvalSequence(String expr, String schema) {
    java.util.regex.Matcher m = NEXTVAL.matcher(expr);
    if (!m.find()) {
      return Optional.empty();
    }
    String n = m.group(1).trim();
    int dot = n.lastIndexOf("\".");
    String s = schema;
    if (dot > 0 && n.startsWith("\"")) {
      s = n.substring(1, dot);
      n = n.substring(dot + 2);
    } else if (!n.startsWith("\"") && n.contains(".")) {
      s = n.substring(0, n.indexOf('.')).toLowerCase(java.util.Locale.ROOT);
      n = n.substring(n.indexOf('.') + 1);
    }
    n = n.startsWith("\"") && n.endsWith("\"") && n.length() > 1 ? n.substring(1, n.length() - 1)
        : n.toLowerCase(java.util.Locale.ROOT);
    return Optional.of(new ObjectName(s, n));
  }

  /**
   * The sequence that fills column {@code c} of {@code table}: the one it owns when it is serial or
   * identity (named as PostgreSQL names it), the one its default calls nextval() on otherwise.
   */
  public static Optional<ObjectName> sequenceOf(ObjectName table, Column c) {
    if (c.identity() || c.type().isSerial()) {
      return Optional.of(new ObjectName(table.schema(), PgNames.makeObjectName(table.name(), c.name(), "seq")));
    }
    return c.defaultValue().flatMap(e -> nextvalSequence(e.text(), table.schema()));
  }

  /**
   * An independent copy: applying operations to the copy does not change this catalog and vice
   * versa (the objects themselves are immutable values and are shared).
   */
  public Catalog copy() {
    Catalog c = new Catalog();
    c.tables.putAll(tables);
    c.partitionCount = partitionCount;
    c.indexes.putAll(indexes);
    if (indexesByTable != null) {
      c.indexesByTable = new java.util.HashMap<>(indexesByTable);
    }
    c.enums.putAll(enums);
    c.views.putAll(views);
    c.defaultPartitions.addAll(defaultPartitions);
    c.indexParents.putAll(indexParents);
    c.clusterIndexes.putAll(clusterIndexes);
    c.partitionBounds.putAll(partitionBounds);
    c.partitionKeys.putAll(partitionKeys);
    // the sets are never changed in place (see setUnfilled), so both catalogs can share them
    c.unfilledColumns.putAll(unfilledColumns);
    return c;
  }

  public Optional<Table> table(ObjectName name) {
    return Optional.ofNullable(tables.get(resolve(name)));
  }

  public Optional<Index> index(ObjectName name) {
    return Optional.ofNullable(indexes.get(resolve(name)));
  }

  public Optional<EnumType> enumType(ObjectName name) {
    return Optional.ofNullable(enums.get(resolve(name)));
  }

  public Optional<View> view(ObjectName name) {
    return Optional.ofNullable(views.get(resolve(name)));
  }

  public Collection<Table> tables() {
    return List.copyOf(tables.values());
  }

  public Collection<Index> indexes() {
    return List.copyOf(indexes.values());
  }

  /** Indexes defined on {@code table}. */
  public List<Index> indexesOn(ObjectName table) {
    Map<ObjectName, List<Index>> byTable = indexesByTable;
    if (byTable == null) {
      byTable = new java.util.HashMap<>();
      for (Index i : indexes.values()) {
        byTable.computeIfAbsent(i.table(), k -> new java.util.ArrayList<>(2)).add(i);
      }
      byTable.replaceAll((k, v) -> List.copyOf(v));
      indexesByTable = byTable;
    }
    return byTable.getOrDefault(resolve(table), List.of());
  }

  public Collection<EnumType> enums() {
    return List.copyOf(enums.values());
  }

  public Collection<View> views() {
    return List.copyOf(views.values());
  }

  /** The direct partitions of {@code parent}, in creation order. */
  public List<Table> partitionsOf(ObjectName parent) {
    if (partitionCount == 0) {
      return List.of();
    }
    ObjectName p = resolve(parent);
    List<Table> out = new ArrayList<>();
    for (Table t : tables.values()) {
      if (t.partitionOf().isPresent() && t.partitionOf().get().equals(p)) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }

  /** All partitions below {@code parent}, recursively (sub-partitions after their parent). */
  public List<Table> allPartitionsOf(ObjectName parent) {
    if (partitionCount == 0) {
      return List.of();
    }
    List<Table> out = new ArrayList<>();
    collectPartitions(resolve(parent), out, new LinkedHashSet<>());
    return out;
  }

  private void collectPartitions(ObjectName parent, List<Table> out, Set<ObjectName> seen) {
    if (!seen.add(parent)) {
      return;
    }
    for (Table t : partitionsOf(parent)) {
      out.add(t);
      collectPartitions(t.name(), out, seen);
    }
  }

  /** The default partition of {@code parent}, when one was attached or created as {@code DEFAULT}. */
  public Optional<Table> defaultPartitionOf(ObjectName parent) {
    return partitionsOf(parent).stream().filter(t -> defaultPartitions.contains(t.name())).findFirst();
  }

  public boolean isDefaultPartition(ObjectName table) {
    return defaultPartitions.contains(resolve(table));
  }

  /** Tables other than {@code table} itself with a foreign key that references {@code table}. */
  public List<Table> referencing(ObjectName table) {
    ObjectName t = resolve(table);
    List<Table> out = null;
    for (Table o : tables.values()) {
      if (!o.name().equals(t) && referencesTable(o, t)) {
        if (out == null) {
          out = new ArrayList<>();
        }
        out.add(o);
      }
    }
    return out == null ? List.of() : List.copyOf(out);
  }

  private static boolean referencesTable(Table o, ObjectName resolvedTable) {
    List<Constraint> constraints = o.constraints();
    for (int i = 0; i < constraints.size(); i++) {
      Constraint c = constraints.get(i);
      if (c.kind() == ConstraintKind.FOREIGN_KEY && c.referencedTable().isPresent()
          && resolvesTo(c.referencedTable().get(), resolvedTable)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code name} resolves to {@code resolved}, without building the resolved name. */
  static boolean resolvesTo(ObjectName name, ObjectName resolved) {
    if (name.qualified()) {
      return name.equals(resolved);
    }
    return name.name().equals(resolved.name()) && DEFAULT_SCHEMA.equals(resolved.schema());
  }

  /** Views whose query reads {@code relation} (a table or another view). */
  public List<View> dependentViews(ObjectName relation) {
    ObjectName t = resolve(relation);
    List<View> out = null;
    for (View v : views.values()) {
      if (!v.name().equals(t) && v.reads(t)) {
        if (out == null) {
          out = new ArrayList<>();
        }
        out.add(v);
      }
    }
    return out == null ? List.of() : List.copyOf(out);
  }

  /** Views whose query uses {@code column} of {@code table}. */
  public List<View> dependentViews(ObjectName table, String column) {
    List<View> out = null;
    for (View v : views.values()) {
      if (v.uses(table, column)) {
        if (out == null) {
          out = new ArrayList<>();
        }
        out.add(v);
      }
    }
    return out == null ? List.of() : List.copyOf(out);
  }

  /** The index {@code table} was last clustered on, while it exists. */
  public Optional<Index> clusterIndex(ObjectName table) {
    return Optional.ofNullable(clusterIndexes.get(resolve(table))).flatMap(this::index)
        .filter(i -> i.table().equals(resolve(table)));
  }

  /** Tables with a cluster index ({@link #clusterIndex}): what {@code CLUSTER} without a table re-clusters. */
  public List<Table> clusteredTables() {
    return clusterIndexes.keySet().stream().filter(t -> clusterIndex(t).isPresent()).map(tables::get)
        .filter(java.util.Objects::nonNull).toList();
  }

  /**
   * Whether {@code column} was added to {@code table} without a value for the rows already there
   * ({@code ADD COLUMN} without a default) and no statement of the history has written it since:
   * it may well hold only NULLs, though the application can have filled it in between.
   */
  public boolean unfilled(ObjectName table, String column) {
    return unfilledColumns.getOrDefault(resolve(table), Set.of()).contains(column);
  }

  /** The bound of a partition, when its {@code FOR VALUES} was read. */
  public Optional<PartitionBound> partitionBound(ObjectName partition) {
    return Optional.ofNullable(partitionBounds.get(resolve(partition)));
  }

  /** The partition key of a partitioned table, when it was read. */
  public Optional<PartitionKey> partitionKey(ObjectName table) {
    return Optional.ofNullable(partitionKeys.get(resolve(table)));
  }

  /** For an index of a partition, the partitioned parent's index it is attached to. */
  public Optional<Index> parentIndex(ObjectName index) {
    return Optional.ofNullable(indexParents.get(resolve(index))).flatMap(this::index);
  }

  /** The partitions' indexes attached to {@code index} of a partitioned table (direct children). */
  public List<Index> childIndexes(ObjectName index) {
    ObjectName n = resolve(index);
    return indexParents.entrySet().stream().filter(e -> e.getValue().equals(n)).map(e -> indexes.get(e.getKey()))
        .filter(java.util.Objects::nonNull).toList();
  }

  /** The constraint backed by {@code index}, with its table. */
  public Optional<Constraint> constraintOf(Index index) {
    if (index.constraint().isEmpty()) {
      return Optional.empty();
    }
    return table(index.table()).flatMap(t -> t.constraint(index.constraint()));
  }

  /** Whether a table, view, index or (in {@code schema}) any relation already uses {@code name}. */
  public boolean relationExists(ObjectName name) {
    ObjectName n = resolve(name);
    return tables.containsKey(n) || indexes.containsKey(n) || views.containsKey(n);
  }

  /** Applies one operation. Operations on objects the catalog does not know are ignored. */
  public void apply(Operation op, Origin origin) {
    CatalogReplay.apply(this, op, origin);
  }

  // Mutators used by the replay.

  void putTable(Table t) {
    Table old = tables.put(resolve(t.name()), t);
    partitionCount += (t.partitionOf().isPresent() ? 1 : 0) - (old != null && old.partitionOf().isPresent() ? 1 : 0);
  }

  /** Removes the table entry only (a rename re-adds it under its new name). */
  void forgetTable(ObjectName name) {
    Table old = tables.remove(resolve(name));
    if (old != null && old.partitionOf().isPresent()) {
      partitionCount--;
    }
  }

  void removeTable(ObjectName name) {
    ObjectName n = resolve(name);
    Table old = tables.remove(n);
    if (old != null && old.partitionOf().isPresent()) {
      partitionCount--;
    }
    defaultPartitions.remove(n);
    unfilledColumns.remove(n);
    clusterIndexes.remove(n);
    partitionBounds.remove(n);
    partitionKeys.remove(n);
    indexes.values().removeIf(i -> i.table().equals(n));
    if (indexesByTable != null) {
      indexesByTable.remove(n);
    }
    indexParents.entrySet().removeIf(e -> !indexes.containsKey(e.getKey()) || !indexes.containsKey(e.getValue()));
  }

  void putIndex(Index i) {
    Index old = indexes.put(resolve(i.name()), i);
    if (old == null) {
      indexAppended(i);
    } else if (old.table().equals(i.table())) {
      indexReplacedInPlace(old, i);
    } else {
      indexesChangedOn(old);
      indexesChangedOn(i);
    }
  }

  void removeIndex(ObjectName name) {
    ObjectName n = resolve(name);
    indexRemoved(indexes.remove(n));
    indexParents.remove(n);
    indexParents.values().removeIf(n::equals);
  }

  /** Replaces an index by a renamed or moved one, keeping its partition links. */
  void replaceIndex(ObjectName old, Index replacement) {
    ObjectName o = resolve(old);
    ObjectName r = resolve(replacement.name());
    Index removed = indexes.remove(o);
    Index overwritten = indexes.put(r, replacement);
    indexRemoved(removed);
    if (overwritten == null) {
      indexAppended(replacement);
    } else {
      // the replacement took the overwritten index's place in the order
      indexesChangedOn(overwritten);
      indexesChangedOn(replacement);
    }
    ObjectName parent = indexParents.remove(o);
    if (parent != null) {
      indexParents.put(r, parent);
    }
    indexParents.replaceAll((k, v) -> v.equals(o) ? r : v);
    clusterIndexes.replaceAll((k, v) -> v.equals(o) ? r : v);
  }

  // The cached indexesOn lists hold the very Index objects of the index map, in its order.

  /** {@code added} was put under a new name: it comes last among its table's indexes. */
  private void indexAppended(Index added) {
    if (indexesByTable == null) {
      return;
    }
    List<Index> on = indexesByTable.getOrDefault(added.table(), List.of());
    List<Index> more = new ArrayList<>(on.size() + 1);
    more.addAll(on);
    more.add(added);
    indexesByTable.put(added.table(), List.copyOf(more));
  }

  /** {@code removed} left the index map (nothing when null). */
  private void indexRemoved(Index removed) {
    if (removed == null || indexesByTable == null) {
      return;
    }
    List<Index> on = indexesByTable.getOrDefault(removed.table(), List.of());
    List<Index> fewer = new ArrayList<>(on.size());
    for (int k = 0; k < on.size(); k++) {
      if (on.get(k) != removed) {
        fewer.add(on.get(k));
      }
    }
    if (fewer.isEmpty()) {
      indexesByTable.remove(removed.table());
    } else {
      indexesByTable.put(removed.table(), List.copyOf(fewer));
    }
  }

  /** {@code replacement}, on the same table, took {@code old}'s place under the same name. */
  private void indexReplacedInPlace(Index old, Index replacement) {
    if (indexesByTable == null) {
      return;
    }
    List<Index> on = new ArrayList<>(indexesByTable.getOrDefault(old.table(), List.of()));
    int at = -1;
    for (int k = 0; k < on.size(); k++) {
      if (on.get(k) == old) {
        at = k;
      }
    }
    if (at < 0) {
      indexesChangedOn(replacement);
      return;
    }
    on.set(at, replacement);
    indexesByTable.put(old.table(), List.copyOf(on));
  }

  /** Rebuilds the cached {@link #indexesOn} list of {@code changed}'s table from the index map (nothing when null). */
  private void indexesChangedOn(Index changed) {
    if (changed == null || indexesByTable == null) {
      return;
    }
    ObjectName table = changed.table();
    List<Index> on = new ArrayList<>(2);
    for (Index i : indexes.values()) {
      if (i.table().equals(table)) {
        on.add(i);
      }
    }
    if (on.isEmpty()) {
      indexesByTable.remove(table);
    } else {
      indexesByTable.put(table, List.copyOf(on));
    }
  }

  void linkIndex(ObjectName child, ObjectName parent) {
    indexParents.put(resolve(child), resolve(parent));
  }

  void unlinkIndex(ObjectName child) {
    indexParents.remove(resolve(child));
  }

  void putEnum(EnumType e) {
    enums.put(resolve(e.name()), e);
  }

  void removeEnum(ObjectName name) {
    enums.remove(resolve(name));
  }

  void putView(View v) {
    views.put(resolve(v.name()), v);
  }

  void removeView(ObjectName name) {
    views.remove(resolve(name));
  }

  /** Re-keys what is kept per table (cluster index, partition bound and key) after a rename or schema move. */
  void moveTableState(ObjectName from, ObjectName to) {
    ObjectName f = resolve(from);
    ObjectName t = resolve(to);
    ObjectName ci = clusterIndexes.remove(f);
    if (ci != null) {
      clusterIndexes.put(t, f.schema().equals(t.schema()) ? ci : new ObjectName(t.schema(), ci.name()));
    }
    PartitionBound b = partitionBounds.remove(f);
    if (b != null) {
      partitionBounds.put(t, b);
    }
    PartitionKey k = partitionKeys.remove(f);
    if (k != null) {
      partitionKeys.put(t, k);
    }
    Set<String> u = unfilledColumns.remove(f);
    if (u != null) {
      unfilledColumns.put(t, u);
    }
  }

  void setUnfilled(ObjectName table, String column, boolean unfilled) {
    // a changed set replaces the old one: copies of this catalog share the sets
    ObjectName t = resolve(table);
    Set<String> s = unfilledColumns.get(t);
    if (unfilled && (s == null || !s.contains(column))) {
      Set<String> more = s == null ? new LinkedHashSet<>() : new LinkedHashSet<>(s);
      more.add(column);
      unfilledColumns.put(t, more);
    } else if (!unfilled && s != null && s.contains(column)) {
      Set<String> fewer = new LinkedHashSet<>(s);
      fewer.remove(column);
      unfilledColumns.put(t, fewer);
    }
  }

  /** Every column of {@code table} counts as written ({@code INSERT} without a column list). */
  void fillAll(ObjectName table) {
    unfilledColumns.remove(resolve(table));
  }

  void setClusterIndex(ObjectName table, Optional<ObjectName> index) {
    if (index.isPresent()) {
      clusterIndexes.put(resolve(table), resolve(index.get()));
    } else {
      clusterIndexes.remove(resolve(table));
    }
  }

  void setPartitionBound(ObjectName partition, Optional<PartitionBound> bound) {
    if (bound.isPresent()) {
      partitionBounds.put(resolve(partition), bound.get());
    } else {
      partitionBounds.remove(resolve(partition));
    }
  }

  void setPartitionKey(ObjectName table, Optional<PartitionKey> key) {
    if (key.isPresent()) {
      partitionKeys.put(resolve(table), key.get());
    } else {
      partitionKeys.remove(resolve(table));
    }
  }

  void setDefaultPartition(ObjectName table, boolean isDefault) {
    if (isDefault) {
      defaultPartitions.add(resolve(table));
    } else {
      defaultPartitions.remove(resolve(table));
    }
  }

  /** The indexes by name, to change in place (the cache of indexes by table is dropped). */
  Map<ObjectName, Index> indexMap() {
    indexesByTable = null;
    return indexes;
  }

  Map<ObjectName, Table> tableMap() {
    return tables;
  }
}
