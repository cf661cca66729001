package dev.lockstep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Records whose {@code equals} and {@code hashCode} are written out by hand (see {@link
 * dev.lockstep.core.ir.RecordHash}) must behave exactly as the generated ones: equal when every component is equal, unequal
 * when any one differs, and the same hash (so hash-ordered iteration does not change).
 */
class WrittenOutRecordMethodsTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "dev.lockstep.core.project.MigrationFile",
      "dev.lockstep.core.project.ProjectDiscovery$SetKey",
      "dev.lockstep.core.project.ProjectDiscovery$AnalysisKey",
      "dev.lockstep.core.catalog.Column",
      "dev.lockstep.core.catalog.Constraint",
      "dev.lockstep.core.catalog.Table",
      "dev.lockstep.core.effects.PgClassification$Relation",
      "dev.lockstep.core.effects.RelationEffect",
      "dev.lockstep.core.ir.TypeRef"})
  void behaveAsTheGeneratedMethods(String className) throws Exception {
    Class<?> type = Class.forName(className);
    RecordComponent[] components = type.getRecordComponents();
    Object[] first = new Object[components.length];
    Object[] second = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      first[i] = sample(components[i].getGenericType(), 0);
      second[i] = sample(components[i].getGenericType(), 1);
    }
    Object a = create(type, first);
    Object same = create(type, first.clone());
    assertEquals(a, same);
    assertEquals(a.hashCode(), same.hashCode());
    assertEquals(generatedHash(a), a.hashCode(), "hash as the generated one");
    assertNotEquals(a, null);
    assertNotEquals(a, "something else");
    for (int i = 0; i < components.length; i++) {
      Object[] changed = first.clone();
      changed[i] = second[i];
      Object b = create(type, changed);
      assertNotEquals(a, b, components[i].getName() + " differs");
      assertEquals(generatedHash(b), b.hashCode(), "hash as the generated one");
    }
  }

  private static Object create(Class<?> type, Object[] values) throws Exception {
    Class<?>[] types = new Class<?>[values.length];
    RecordComponent[] components = type.getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
    }
    Constructor<?> c = type.getDeclaredConstructor(types);
    c.setAccessible(true);
    return c.newInstance(values);
  }

  /** What a record's generated hashCode computes: 31 * h + the hash of each component, from 0. */
  private static int generatedHash(Object record) throws Exception {
    int h = 0;
    for (RecordComponent rc : record.getClass().getRecordComponents()) {
      var accessor = rc.getAccessor();
      accessor.setAccessible(true);
      h = 31 * h + Objects.hashCode(accessor.invoke(record));
    }
    return h;
  }

  /** A value of the type; {@code variant} 0 and 1 give two different values. */
  private static Object sample(Type t, int variant) throws Exception {
    if (t instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type arg = p.getActualTypeArguments()[0];
      if (raw == Optional.class) {
        return variant == 0 ? Optional.empty() : Optional.of(sample(arg, 1));
      }
      if (raw == List.class) {
        return variant == 0 ? List.of() : List.of(sample(arg, 1));
      }
      throw new IllegalArgumentException("no sample for " + t);
    }
    Class<?> c = (Class<?>) t;
    if (c == String.class) {
      return variant == 0 ? "a" : "b";
    }
    if (c == int.class || c == Integer.class) {
      return variant == 0 ? 1 : 2;
    }
    if (c == long.class) {
      return variant == 0 ? 1L : 2L;
    }
    if (c == boolean.class) {
      return variant == 1;
    }
    if (c == Path.class) {
      return Path.of(variant == 0 ? "a" : "b");
    }
    if (c.isEnum()) {
      Object[] constants = c.getEnumConstants();
      return constants[Math.min(variant, constants.length - 1)];
    }
    if (c.isRecord()) {
      RecordComponent[] components = c.getRecordComponents();
      Object[] values = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        values[i] = sample(components[i].getGenericType(), variant);
      }
      return create(c, values);
    }
    throw new IllegalArgumentException("no sample for " + t);
  }
}
