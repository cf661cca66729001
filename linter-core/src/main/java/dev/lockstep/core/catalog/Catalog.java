package dev.lockstep.core.catalog;

import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schema that a migration history builds up, replayed operation by operation. Unqualified
 * names resolve against {@link #DEFAULT_SCHEMA}. Not thread-safe: one catalog belongs to one
 * replay.
 */
public final class Catalog {
  public static final String DEFAULT_SCHEMA = "public";

  private final Map<ObjectName, Table> tables = new LinkedHashMap<>();
  private final Map<ObjectName, Index> indexes = new LinkedHashMap<>();
  private final Map<ObjectName, EnumType> enums = new LinkedHashMap<>();
  private final Map<ObjectName, View> views = new LinkedHashMap<>();

  public static ObjectName resolve(ObjectName name) {
    return name.resolve(DEFAULT_SCHEMA);
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

  /** Indexes defined on {@code table}. */
  public List<Index> indexesOn(ObjectName table) {
    ObjectName t = resolve(table);
    return indexes.values().stream().filter(i -> i.table().equals(t)).toList();
  }

  public Collection<EnumType> enums() {
    return List.copyOf(enums.values());
  }

  public Collection<View> views() {
    return List.copyOf(views.values());
  }

  /** An independent copy (the values are immutable records, so copying the maps is enough). */
  public Catalog copy() {
    Catalog c = new Catalog();
    c.tables.putAll(tables);
    c.indexes.putAll(indexes);
    c.enums.putAll(enums);
    c.views.putAll(views);
    return c;
  }

  /** Applies one operation. Operations on objects the catalog does not know are ignored. */
  public void apply(Operation op, Origin origin) {
    CatalogReplay.apply(this, op, origin);
  }

  // Mutators used by the replay.

  void putTable(Table t) {
    tables.put(resolve(t.name()), t);
  }

  void removeTable(ObjectName name) {
    ObjectName n = resolve(name);
    tables.remove(n);
    indexes.values().removeIf(i -> i.table().equals(n));
  }

  void putIndex(Index i) {
    indexes.put(resolve(i.name()), i);
  }

  void removeIndex(ObjectName name) {
    indexes.remove(resolve(name));
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

  Map<ObjectName, Index> indexMap() {
    return indexes;
  }

  Map<ObjectName, Table> tableMap() {
    return tables;
  }
}
