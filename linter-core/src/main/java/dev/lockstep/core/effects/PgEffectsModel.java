package dev.lockstep.core.effects;

import dev.lockstep.core.catalog.Catalog;
import dev.lockstep.core.effects.PgClassification.Relation;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The PostgreSQL effects model: {@link PgClassifier} maps an operation to effect keys with the
 * relations of each role, and {@link PgEffectsTable} says what each key does on the given server
 * version. Stateless and thread-safe.
 *
 * <pre>{@code
 * EffectsModel model = new PgEffectsModel();
 * Effects e = model.effects(op, catalogBefore, ServerVersions.DEFAULT);
 * }</pre>
 */
public final class PgEffectsModel implements EffectsModel {
  private final PgClassifier classifier;
  private final PgEffectsTable table;

  public PgEffectsModel() {
    this(new PgClassifier(), PgEffectsTable.get());
  }

  /** {@link PgRole#values()}, which copies the array on every call. */
  private static final PgRole[] ROLES = PgRole.values();

  public PgEffectsModel(PgClassifier classifier, PgEffectsTable table) {
    this.classifier = classifier;
    this.table = table;
  }

  /**
   * The effects of {@code op}.
   *
   * @throws IllegalArgumentException when {@code serverVersion} is outside 12–18
   */
  @Override
  public Effects effects(Operation op, Catalog before, int serverVersion) {
    // explain() without keeping the keys and rows
    List<PgClassification> keys = classifier.classify(op, before, serverVersion);
    List<Effects> parts = new ArrayList<>(keys.size());
    for (PgClassification c : keys) {
      parts.add(effects(c, table.spec(c.key(), serverVersion), before, serverVersion));
    }
    return Effects.combine(parts);
  }

  /** The effects with the keys and table rows they come from. */
  public Explanation explain(Operation op, Catalog before, int serverVersion) {
    List<PgClassification> keys = classifier.classify(op, before, serverVersion);
    List<PgEffectSpec> specs = new ArrayList<>();
    List<Effects> parts = new ArrayList<>();
    for (PgClassification c : keys) {
      PgEffectSpec spec = table.spec(c.key(), serverVersion);
      specs.add(spec);
      parts.add(effects(c, spec, before, serverVersion));
    }
    return new Explanation(keys, specs, Effects.combine(parts));
  }

  private Effects effects(PgClassification c, PgEffectSpec spec, Catalog before, int version) {
    if (!spec.known()) {
      List<String> notes = new ArrayList<>();
      notes.add(spec.note());
      notes.addAll(c.notes());
      return new Effects(List.of(), true, Optional.empty(), notes, false);
    }
    List<String> notes = new ArrayList<>();
    if (!spec.supported()) {
      Optional<Integer> since = table.supportedSince(c.key());
      notes.add("Not supported on PostgreSQL " + version + since.map(s -> " (available from " + s + ")").orElse("")
          + ": the statement fails. " + spec.note());
      notes.addAll(c.notes());
      return new Effects(List.of(), spec.transactional(), Optional.empty(), notes, true);
    }
    Map<ObjectName, RelationEffect> rel = new LinkedHashMap<>();
    for (PgRole role : ROLES) {
      Optional<RoleEffect> re = spec.role(role);
      if (re.isEmpty() || role.createdByStatement()) {
        continue;
      }
      LockMode lock = re.get().lock();
      if (role == PgRole.TARGET || role == PgRole.PARTITIONS) {
        lock = c.requestedLock().orElse(lock);
      }
      List<Relation> bound = c.relations(role);
      for (int i = 0; i < bound.size(); i++) {
        Relation r = bound.get(i);
        boolean storage = hasStorage(before, r.name());
        if (re.get().rewrite() && !storage && r.kind() == RelationKind.INDEX) {
          // a partitioned index has nothing to rebuild: only its partitions' indexes are rebuilt and locked
          continue;
        }
        Optional<LockMode> lasting = re.get().brief() ? re.get().lasting() : Optional.of(lock);
        ScanKind scan = r.kind() == RelationKind.INDEX ? re.get().scanKind()
            : c.scans().getOrDefault(r.name(), re.get().scanKind());
        RelationEffect e = new RelationEffect(r.name(), r.kind(), lock, re.get().rewrite() && storage,
            storage ? scan : ScanKind.NONE, lasting);
        rel.merge(r.name(), e, RelationEffect::merge);
      }
    }
    if (!spec.note().isEmpty()) {
      notes.add(spec.note());
    }
    notes.addAll(c.notes());
    return new Effects(new ArrayList<>(rel.values()), spec.transactional(), spec.failsOnExistingRows(), notes, true);
  }

  /** Partitioned tables and their indexes have no storage: their rows and entries live in the partitions. */
  private static boolean hasStorage(Catalog c, ObjectName relation) {
    Optional<Boolean> table = c.table(relation).map(t -> !t.partitioned());
    if (table.isPresent()) {
      return table.get();
    }
    return c.index(relation).flatMap(i -> c.table(i.table())).map(t -> !t.partitioned()).orElse(true);
  }

  /**
   * What {@link #effects} is made of.
   *
   * @param classifications the keys with their bound relations
   * @param specs the table row used for each classification, same order
   * @param effects the combined effects
   */
  public record Explanation(List<PgClassification> classifications, List<PgEffectSpec> specs, Effects effects) {
    public Explanation {
      classifications = List.copyOf(classifications);
      specs = List.copyOf(specs);
    }

    public List<PgEffectKey> keys() {
      return classifications.stream().map(PgClassification::key).toList();
    }

    /** Whether every part of the operation is accepted by the server version. */
    public boolean supported() {
      return specs.stream().allMatch(PgEffectSpec::supported);
    }
  }
}
