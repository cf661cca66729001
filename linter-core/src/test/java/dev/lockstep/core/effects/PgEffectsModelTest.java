package dev.lockstep.core.effects;

import static dev.lockstep.core.catalog.Ops.addColumn;
import static dev.lockstep.core.catalog.Ops.addConstraint;
import static dev.lockstep.core.catalog.Ops.addEnumValue;
import static dev.lockstep.core.catalog.Ops.alterTable;
import static dev.lockstep.core.catalog.Ops.alterType;
import static dev.lockstep.core.catalog.Ops.arrayOf;
import static dev.lockstep.core.catalog.Ops.attach;
import static dev.lockstep.core.catalog.Ops.attachDefault;
import static dev.lockstep.core.catalog.Ops.catalog;
import static dev.lockstep.core.catalog.Ops.check;
import static dev.lockstep.core.catalog.Ops.col;
import static dev.lockstep.core.catalog.Ops.con;
import static dev.lockstep.core.catalog.Ops.createEnum;
import static dev.lockstep.core.catalog.Ops.createIndex;
import static dev.lockstep.core.catalog.Ops.createPartitionOf;
import static dev.lockstep.core.catalog.Ops.createPartitioned;
import static dev.lockstep.core.catalog.Ops.createTable;
import static dev.lockstep.core.catalog.Ops.createView;
import static dev.lockstep.core.catalog.Ops.detach;
import static dev.lockstep.core.catalog.Ops.dropColumn;
import static dev.lockstep.core.catalog.Ops.dropConstraint;
import static dev.lockstep.core.catalog.Ops.dropIndex;
import static dev.lockstep.core.catalog.Ops.dropIndexConcurrently;
import static dev.lockstep.core.catalog.Ops.dropTable;
import static dev.lockstep.core.catalog.Ops.expr;
import static dev.lockstep.core.catalog.Ops.fk;
import static dev.lockstep.core.catalog.Ops.index;
import static dev.lockstep.core.catalog.Ops.insert;
import static dev.lockstep.core.catalog.Ops.lock;
import static dev.lockstep.core.catalog.Ops.n;
import static dev.lockstep.core.catalog.Ops.other;
import static dev.lockstep.core.catalog.Ops.pk;
import static dev.lockstep.core.catalog.Ops.reindex;
import static dev.lockstep.core.catalog.Ops.renameColumn;
import static dev.lockstep.core.catalog.Ops.renameIndex;
import static dev.lockstep.core.catalog.Ops.renameTable;
import static dev.lockstep.core.catalog.Ops.setNotNull;
import static dev.lockstep.core.catalog.Ops.truncate;
import static dev.lockstep.core.catalog.Ops.type;
import static dev.lockstep.core.catalog.Ops.updateAll;
import static dev.lockstep.core.catalog.Ops.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.catalog.Catalog;
import dev.lockstep.core.catalog.Ops;
import dev.lockstep.core.ir.ConstraintKind;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.ir.TableAction;
import dev.lockstep.core.ir.TypeRef;
import dev.lockstep.core.ir.Volatility;
import dev.lockstep.core.source.Span;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PgEffectsModelTest {
  private static final PgEffectsModel MODEL = new PgEffectsModel();
  private static final int V = ServerVersions.DEFAULT;

  private static ObjectName q(String name) {
    return Catalog.resolve(n(name));
  }

  private static PgEffectsModel.Explanation explain(Operation op, Catalog c, int version) {
    return MODEL.explain(op, c, version);
  }

  private static List<PgEffectKey> keys(Operation op, Catalog c, int version) {
    return explain(op, c, version).keys();
  }

  private static PgEffectKey key(Operation op, Catalog c, int version) {
    List<PgEffectKey> k = keys(op, c, version);
    assertEquals(1, k.size(), "expected one key, got " + k);
    return k.get(0);
  }

  private static RelationEffect on(Effects e, String relation) {
    return e.on(q(relation)).orElseThrow(() -> new AssertionError("no effect on " + relation + " in " + e));
  }

  /**
   * users(id pk, email unique, nick varchar(10), age), orders(id pk, user_id → users, code varchar(20),
   * total numeric(10,2), at timestamp(3), note text, net cidr, n int4) with indexes on code, total and at.
   */
  private static Catalog shop() {
    return catalog(
        createTable("users", col("id", "int8").pk(), col("email", "text").unique(), col("nick", "varchar", 10),
            col("age", "int4")),
        createTable("orders", List.of(col("id", "int8"), col("user_id", "int8"), col("code", "varchar", 20),
            col("total", "numeric", 10, 2), col("at", "timestamp", 3), col("note", "text"), col("net", "cidr"),
            col("n", "int4")), List.of(pk("id"), fk(List.of("user_id"), "users"))),
        createIndex(null, "orders", "code"), createIndex(null, "orders", "total"), createIndex(null, "orders", "at"));
  }

  // ------------------------------------------------------------ ADD COLUMN

  @Test
  void addColumnDefaults() {
    Catalog c = shop();
    assertEquals(PgEffectKey.ADD_COLUMN_NO_DEFAULT, key(addColumn("users", col("x", "int4")), c, V));
    assertEquals(PgEffectKey.ADD_COLUMN_CONSTANT_DEFAULT, key(addColumn("users", col("x", "int4").def("0")), c, V));
    assertEquals(PgEffectKey.ADD_COLUMN_CONSTANT_DEFAULT,
        key(addColumn("users", col("x", "timestamptz").def(expr("now()", Volatility.STABLE))), c, V));
    assertEquals(PgEffectKey.ADD_COLUMN_VOLATILE_DEFAULT,
        key(addColumn("users", col("x", "uuid").def(expr("gen_random_uuid()", Volatility.VOLATILE))), c, V));
    assertEquals(PgEffectKey.ADD_COLUMN_UNKNOWN_VOLATILITY_DEFAULT,
        key(addColumn("users", col("x", "int4").def(expr("my_fn()", Volatility.UNKNOWN))), c, V));
    assertEquals(PgEffectKey.ADD_COLUMN_NOT_NULL_NO_DEFAULT, key(addColumn("users", col("x", "int4").notNull()), c, V));
    assertEquals(PgEffectKey.ADD_COLUMN_SERIAL, key(addColumn("users", col("x", "serial")), c, V));
    assertEquals(PgEffectKey.ADD_COLUMN_IDENTITY, key(addColumn("users", col("x", "int8").identity()), c, V));
    assertEquals(PgEffectKey.ADD_COLUMN_STORED_GENERATED, key(addColumn("users", col("x", "int8").stored()), c, V));
  }

  @Test
  void volatileDefaultRewritesTableAndIndexesStableDoesNot() {
    Catalog c = shop();
    Effects stable = MODEL.effects(addColumn("users", col("x", "timestamptz").def(expr("now()", Volatility.STABLE))),
        c, V);
    assertFalse(stable.rewrites());
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(stable, "users").lock());
    assertEquals(1, stable.relations().size());

    Effects vol = MODEL.effects(addColumn("users", col("x", "float8").def(expr("random()", Volatility.VOLATILE))),
        c, V);
    assertTrue(vol.rewrites());
    assertTrue(on(vol, "users_pkey").rewrite());
    assertTrue(on(vol, "users_email_key").rewrite());
    assertEquals(RelationKind.INDEX, on(vol, "users_pkey").kind());

    Effects unknown = MODEL.effects(addColumn("users", col("x", "int4").def(expr("f()", Volatility.UNKNOWN))), c, V);
    assertTrue(unknown.rewrites());
    assertTrue(unknown.notes().stream().anyMatch(s -> s.contains("unknown")), unknown.notes().toString());
  }

  @Test
  void notNullWithoutDefaultFailsOnRows() {
    Effects e = MODEL.effects(addColumn("users", col("x", "int4").notNull()), shop(), V);
    assertTrue(e.failsOnExistingRows().isPresent());
    assertFalse(e.rewrites());
    assertTrue(MODEL.effects(addColumn("users", col("x", "int4")), shop(), V).failsOnExistingRows().isEmpty());
  }

  @Test
  void virtualGeneratedColumnOnlyFrom18() {
    Catalog c = shop();
    Operation op = addColumn("users", col("x", "int8").virtual());
    PgEffectsModel.Explanation on17 = explain(op, c, 17);
    assertFalse(on17.supported());
    assertTrue(on17.effects().relations().isEmpty());
    assertTrue(on17.effects().notes().get(0).contains("available from 18"), on17.effects().notes().toString());
    PgEffectsModel.Explanation on18 = explain(op, c, 18);
    assertTrue(on18.supported());
    assertFalse(on18.effects().rewrites());
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(on18.effects(), "users").lock());
  }

  @Test
  void addColumnWithInlineConstraintsAddsTheirKeys() {
    Catalog c = shop();
    // the new column is all NULL: the foreign key has nothing to check
    assertEquals(List.of(PgEffectKey.ADD_COLUMN_NO_DEFAULT, PgEffectKey.ADD_FK_NOT_VALID),
        keys(addColumn("orders", col("buyer_id", "int8").references("users")), c, V));
    Effects e = MODEL.effects(addColumn("orders", col("buyer_id", "int8").references("users")), c, V);
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(e, "orders").lock());
    assertEquals(LockMode.SHARE_ROW_EXCLUSIVE, on(e, "users").lock());
    assertEquals(List.of(PgEffectKey.ADD_COLUMN_NO_DEFAULT, PgEffectKey.ADD_UNIQUE),
        keys(addColumn("orders", col("ref", "text").unique()), c, V));
    PgEffectsModel.Explanation u = explain(addColumn("orders", col("ref", "text").unique()), c, V);
    assertEquals(List.of(new PgClassification.Relation(q("orders_ref_key"), RelationKind.INDEX)),
        u.classifications().get(1).relations(PgRole.NEW_INDEX));
    assertTrue(u.effects().on(q("orders_ref_key")).isEmpty(), "a new index blocks nobody");
  }

  // ------------------------------------------------------------ ALTER COLUMN TYPE

  @Test
  void varcharWideningIsBinaryCoercibleNarrowingRewritesAndMayFail() {
    Catalog c = shop();
    assertEquals(PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE, key(alterType("orders", "code", type("varchar", 50)), c, V));
    assertEquals(PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE, key(alterType("orders", "code", type("varchar", 20)), c, V));
    assertEquals(PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE, key(alterType("orders", "code", type("varchar")), c, V));
    assertEquals(PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE, key(alterType("orders", "code", type("text")), c, V));
    assertEquals(PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE,
        key(alterType("orders", "code", type("character varying", 30)), c, V));
    assertEquals(PgEffectKey.ALTER_TYPE_REWRITE_MAY_FAIL, key(alterType("orders", "code", type("varchar", 5)), c, V));
    assertEquals(PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE, key(alterType("orders", "note", type("varchar")), c, V));
    assertEquals(PgEffectKey.ALTER_TYPE_REWRITE_MAY_FAIL, key(alterType("orders", "note", type("varchar", 100)), c, V));

    Effects widen = MODEL.effects(alterType("orders", "code", type("varchar", 50)), c, V);
    assertFalse(widen.rewrites());
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(widen, "orders").lock());
    assertFalse(on(widen, "orders_code_idx").rewrite());
    assertTrue(widen.on(q("orders_total_idx")).isEmpty());
    assertTrue(widen.failsOnExistingRows().isEmpty());

    Effects narrow = MODEL.effects(alterType("orders", "code", type("varchar", 5)), c, V);
    assertTrue(narrow.rewrites());
    assertTrue(on(narrow, "orders_total_idx").rewrite());
    assertTrue(narrow.failsOnExistingRows().isPresent());
  }

  @Test
  void numericPrecisionIncreaseVersusScaleChange() {
    Catalog c = shop();
    assertEquals(PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE,
        key(alterType("orders", "total", type("numeric", 12, 2)), c, V));
    assertEquals(PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE, key(alterType("orders", "total", type("numeric")), c, V));
    assertEquals(PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE, key(alterType("orders", "total", type("decimal", 10, 2)),
        c, V));
    // one more digit after the point, as many before it: values are rounded, none overflows
    assertEquals(PgEffectKey.ALTER_TYPE_REWRITE,
        key(alterType("orders", "total", type("numeric", 12, 3)), c, V));
    assertEquals(PgEffectKey.ALTER_TYPE_REWRITE_MAY_FAIL,
        key(alterType("orders", "total", type("numeric", 8, 2)), c, V));
  }

  @Test
  void intToBigintRewritesWithoutFailing() {
    Catalog c = shop();
    assertEquals(PgEffectKey.ALTER_TYPE_REWRITE, key(alterType("orders", "n", type("int8")), c, V));
    assertEquals(PgEffectKey.ALTER_TYPE_REWRITE, key(alterType("orders", "n", type("bigint")), c, V));
    Effects e = MODEL.effects(alterType("orders", "n", type("int8")), c, V);
    assertTrue(e.rewrites());
    assertTrue(e.failsOnExistingRows().isEmpty());
    assertTrue(on(e, "orders_pkey").rewrite());
    assertEquals(PgEffectKey.ALTER_TYPE_REWRITE_MAY_FAIL,
        keys(alterType("orders", "user_id", type("int4")), c, V).get(0));
    assertEquals(PgEffectKey.ALTER_TYPE_FK_RECHECK, keys(alterType("orders", "user_id", type("int4")), c, V).get(1));
    assertEquals(PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE, key(alterType("orders", "n", type("integer")), c, V));
  }

  @Test
  void timestampToTimestamptz() {
    Catalog c = shop();
    assertEquals(PgEffectKey.ALTER_TYPE_REWRITE, key(alterType("orders", "at", type("timestamptz", 3)), c, V));
    Effects e = MODEL.effects(alterType("orders", "at", type("timestamptz", 3)), c, V);
    assertTrue(e.rewrites());
    assertTrue(e.notes().stream().anyMatch(s -> s.contains("UTC")), e.notes().toString());
    assertEquals(PgEffectKey.ALTER_TYPE_TIMESTAMPTZ, key(alterType("orders", "at", type("timestamptz")), c, V));
    Effects tz = MODEL.effects(alterType("orders", "at", type("timestamptz")), c, V);
    assertTrue(tz.rewrites());
    assertTrue(tz.notes().stream().anyMatch(s -> s.contains("TimeZone is UTC")), tz.notes().toString());
    assertEquals(PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE, key(alterType("orders", "at", type("timestamp", 6)), c, V));
    // a smaller precision rounds: rewrite, but no value fails
    assertEquals(PgEffectKey.ALTER_TYPE_REWRITE, key(alterType("orders", "at", type("timestamp", 0)), c, V));
  }

  @Test
  void otherBinaryCoercibleCasesAndUsing() {
    Catalog c = shop();
    assertEquals(PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE, key(alterType("orders", "net", type("inet")), c, V));
    assertEquals(PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE,
        key(alterType("orders", "code", type("varchar", 40), "code::varchar(40)"), c, V));
    assertEquals(PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE,
        key(alterType("orders", "code", type("varchar", 40), "(\"code\")"), c, V));
    assertEquals(PgEffectKey.ALTER_TYPE_REWRITE_MAY_FAIL,
        key(alterType("orders", "code", type("varchar", 40), "upper(code)"), c, V));
    assertEquals(PgEffectKey.ALTER_TYPE_REWRITE_MAY_FAIL,
        key(alterType("orders", "code", arrayOf(type("varchar", 20)), "array[code]"), c, V));
    assertEquals(PgEffectKey.ALTER_TYPE_REWRITE_MAY_FAIL, key(alterType("orders", "nope", type("text")), c, V));
    assertEquals(PgEffectKey.ALTER_TYPE_REWRITE_MAY_FAIL, key(alterType("ghost", "x", type("text")), c, V));
  }

  @Test
  void citextKeepsTheTableButRebuildsColumnIndexes() {
    Catalog c = shop();
    Operation op = alterType("orders", "code", type("citext"));
    assertEquals(PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE_REINDEX, key(op, c, V));
    Effects e = MODEL.effects(op, c, V);
    assertFalse(e.rewrites());
    assertTrue(on(e, "orders_code_idx").rewrite());
    assertTrue(e.on(q("orders_total_idx")).isEmpty());
    c.apply(op, Ops.ORIGIN);
    assertEquals(PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE_REINDEX, key(alterType("orders", "code", type("text")), c, V));
    assertEquals(PgEffectKey.ALTER_TYPE_REWRITE_MAY_FAIL, key(alterType("orders", "code", type("varchar", 9)), c, V));
  }

  @Test
  void typeChangeWithoutRewriteStillScansForCheckConstraintsOnTheColumn() {
    Catalog c = shop();
    c.apply(addConstraint("orders", check("length(code) > 0")), Ops.ORIGIN);
    Operation widen = alterType("orders", "code", type("varchar", 50));
    assertEquals(List.of(PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE, PgEffectKey.ALTER_TYPE_RECHECK_CONSTRAINTS),
        keys(widen, c, V));
    Effects e = MODEL.effects(widen, c, V);
    assertFalse(e.rewrites());
    assertTrue(on(e, "orders").scan());
    assertEquals(List.of(PgEffectKey.ALTER_TYPE_BINARY_COERCIBLE),
        keys(alterType("orders", "total", type("numeric", 12, 2)), c, V));
    assertEquals(List.of(PgEffectKey.ALTER_TYPE_REWRITE_MAY_FAIL),
        keys(alterType("orders", "code", type("int4")), c, V));
  }

  @Test
  void setLoggedOnALoggedTableRewritesNothing() {
    Catalog c = shop();
    assertEquals(PgEffectKey.SET_PERSISTENCE_UNCHANGED, key(alterTable("orders", TableAction.SET_LOGGED), c, V));
    assertFalse(MODEL.effects(alterTable("orders", TableAction.SET_LOGGED), c, V).rewrites());
    assertEquals(PgEffectKey.SET_UNLOGGED, key(alterTable("orders", TableAction.SET_UNLOGGED), c, V));
    c.apply(alterTable("orders", TableAction.SET_UNLOGGED), Ops.ORIGIN);
    assertEquals(PgEffectKey.SET_LOGGED, key(alterTable("orders", TableAction.SET_LOGGED), c, V));
    assertTrue(MODEL.effects(alterTable("orders", TableAction.SET_LOGGED), c, V).rewrites());
    assertEquals(PgEffectKey.SET_LOGGED, key(alterTable("ghost", TableAction.SET_LOGGED), c, V));
  }

  @Test
  void enumToNewEnumThroughTextRewrites() {
    Catalog c = catalog(createEnum("Status", "a", "b"), createEnum("Status_new", "a"),
        createTable("Item", col("status", new TypeRef("Status", "", List.of(), 0, "\"Status\""))));
    Operation op = alterType("Item", "status", new TypeRef("Status_new", "", List.of(), 0, "\"Status_new\""),
        "(\"status\"::text::\"Status_new\")");
    assertEquals(PgEffectKey.ALTER_TYPE_REWRITE_MAY_FAIL, key(op, c, V));
    Effects e = MODEL.effects(op, c, V);
    assertTrue(e.rewrites());
    assertTrue(e.failsOnExistingRows().isPresent());
  }

  // ------------------------------------------------------------ SET NOT NULL

  @Test
  void setNotNullScansUnlessAValidatedCheckProvesIt() {
    Catalog plain = shop();
    for (int v : List.of(12, 18)) {
      assertEquals(PgEffectKey.SET_NOT_NULL_SCAN, key(setNotNull("users", "age"), plain, v));
      Effects e = MODEL.effects(setNotNull("users", "age"), plain, v);
      assertTrue(on(e, "users").scan());
      assertTrue(e.failsOnExistingRows().isPresent());
    }
    Catalog proven = shop();
    proven.apply(addConstraint("users", check("age IS NOT NULL").named("age_nn").notValid()), Ops.ORIGIN);
    assertEquals(PgEffectKey.SET_NOT_NULL_SCAN, key(setNotNull("users", "age"), proven, 12));
    proven.apply(validate("users", "age_nn"), Ops.ORIGIN);
    for (int v : List.of(12, 18)) {
      assertEquals(PgEffectKey.SET_NOT_NULL_PROVEN_BY_CHECK, key(setNotNull("users", "age"), proven, v));
      Effects e = MODEL.effects(setNotNull("users", "age"), proven, v);
      assertFalse(on(e, "users").scan());
      assertEquals(LockMode.ACCESS_EXCLUSIVE, on(e, "users").lock());
    }
  }

  @Test
  void notNullConstraintOn18() {
    Catalog c = shop();
    Operation notValid = addConstraint("users", con(ConstraintKind.NOT_NULL, "age").notValid());
    assertFalse(explain(notValid, c, 17).supported());
    assertEquals(PgEffectKey.ADD_NOT_NULL_NOT_VALID, key(notValid, c, 18));
    assertFalse(MODEL.effects(notValid, c, 18).scans());
    c.apply(notValid, Ops.ORIGIN);
    assertEquals(PgEffectKey.VALIDATE_NOT_NULL, key(validate("users", "users_age_not_null"), c, 18));
    Effects v = MODEL.effects(validate("users", "users_age_not_null"), c, 18);
    assertEquals(LockMode.SHARE_UPDATE_EXCLUSIVE, on(v, "users").lock());
    assertTrue(v.scans());
    assertEquals(PgEffectKey.SET_NOT_NULL_SCAN, key(setNotNull("users", "age"), c, 18));
    c.apply(validate("users", "users_age_not_null"), Ops.ORIGIN);
    assertEquals(PgEffectKey.SET_NOT_NULL_NOOP, key(setNotNull("users", "age"), c, 18));
    assertFalse(MODEL.effects(setNotNull("users", "age"), c, 18).scans());
  }

  // ------------------------------------------------------------ constraints

  @Test
  void foreignKeyLocksBothTables() {
    Catalog c = shop();
    Operation add = addConstraint("orders", con(ConstraintKind.FOREIGN_KEY, "n").references("users").named("fk_n"));
    Effects e = MODEL.effects(add, c, V);
    assertEquals(PgEffectKey.ADD_FK, key(add, c, V));
    assertEquals(LockMode.SHARE_ROW_EXCLUSIVE, on(e, "orders").lock());
    assertEquals(LockMode.SHARE_ROW_EXCLUSIVE, on(e, "users").lock());
    assertTrue(on(e, "orders").scan());
    assertTrue(on(e, "users").scan());
    assertTrue(e.failsOnExistingRows().isPresent());

    Operation notValid = addConstraint("orders",
        con(ConstraintKind.FOREIGN_KEY, "n").references("users").named("fk_n").notValid());
    Effects nv = MODEL.effects(notValid, c, V);
    assertEquals(PgEffectKey.ADD_FK_NOT_VALID, key(notValid, c, V));
    assertEquals(LockMode.SHARE_ROW_EXCLUSIVE, on(nv, "users").lock());
    assertFalse(nv.scans());

    c.apply(notValid, Ops.ORIGIN);
    Effects val = MODEL.effects(validate("orders", "fk_n"), c, V);
    assertEquals(PgEffectKey.VALIDATE_FK, key(validate("orders", "fk_n"), c, V));
    assertEquals(LockMode.SHARE_UPDATE_EXCLUSIVE, on(val, "orders").lock());
    assertEquals(LockMode.ROW_SHARE, on(val, "users").lock());
    assertTrue(on(val, "orders").scan());

    c.apply(validate("orders", "fk_n"), Ops.ORIGIN);
    assertEquals(PgEffectKey.VALIDATE_NOOP, key(validate("orders", "fk_n"), c, V));

    Effects drop = MODEL.effects(dropConstraint("orders", "fk_n"), c, V);
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(drop, "users").lock());
  }

  @Test
  void checkConstraints() {
    Catalog c = shop();
    assertEquals(PgEffectKey.ADD_CHECK, key(addConstraint("users", check("age > 0")), c, V));
    assertEquals(PgEffectKey.ADD_CHECK_NOT_VALID, key(addConstraint("users", check("age > 0").notValid()), c, V));
    c.apply(addConstraint("users", check("age > 0").named("pos").notValid()), Ops.ORIGIN);
    Effects v = MODEL.effects(validate("users", "pos"), c, V);
    assertEquals(PgEffectKey.VALIDATE_CHECK, key(validate("users", "pos"), c, V));
    assertEquals(LockMode.SHARE_UPDATE_EXCLUSIVE, on(v, "users").lock());
    assertEquals(1, v.relations().size());
  }

  @Test
  void uniqueAndPrimaryKey() {
    Catalog c = shop();
    Effects u = MODEL.effects(addConstraint("users", con(ConstraintKind.UNIQUE, "nick")), c, V);
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(u, "users").lock());
    assertTrue(on(u, "users").scan());
    assertTrue(u.failsOnExistingRows().isPresent());

    c.apply(index("users_nick_idx", "users", true, true, false, "nick"), Ops.ORIGIN);
    Operation using = addConstraint("users", con(ConstraintKind.UNIQUE).named("nick_uq").usingIndex("users_nick_idx"));
    assertEquals(PgEffectKey.ADD_UNIQUE_USING_INDEX, key(using, c, V));
    Effects ue = MODEL.effects(using, c, V);
    assertFalse(ue.scans());
    assertEquals(LockMode.ACCESS_SHARE, on(ue, "users_nick_idx").lock());

    Operation pkUsing = addConstraint("users", con(ConstraintKind.PRIMARY_KEY).usingIndex("users_nick_idx"));
    assertEquals(List.of(PgEffectKey.ADD_PK_USING_INDEX, PgEffectKey.SET_NOT_NULL_SCAN), keys(pkUsing, c, V));
    Catalog t = catalog(createTable("t", col("id", "int8").notNull()), index("t_id", "t", true, true, false, "id"));
    assertEquals(PgEffectKey.ADD_PK_USING_INDEX,
        key(addConstraint("t", con(ConstraintKind.PRIMARY_KEY).usingIndex("t_id")), t, V));
  }

  // ------------------------------------------------------------ indexes

  @Test
  void createIndexLocksAndConcurrently() {
    Catalog c = shop();
    Effects e = MODEL.effects(createIndex(null, "users", "age"), c, V);
    assertEquals(LockMode.SHARE, on(e, "users").lock());
    assertTrue(on(e, "users").scan());
    assertTrue(e.on(q("users_age_idx")).isEmpty(), "a new index blocks nobody");
    assertEquals(List.of(new PgClassification.Relation(q("users_age_idx"), RelationKind.INDEX)),
        explain(createIndex(null, "users", "age"), c, V).classifications().get(0).relations(PgRole.NEW_INDEX));
    assertTrue(e.transactional());

    Effects cic = MODEL.effects(index(null, "users", false, true, false, "age"), c, V);
    assertEquals(LockMode.SHARE_UPDATE_EXCLUSIVE, on(cic, "users").lock());
    assertFalse(cic.transactional());
    assertEquals(PgEffectKey.CREATE_UNIQUE_INDEX_CONCURRENTLY,
        key(index(null, "users", true, true, false, "age"), c, V));
    assertTrue(MODEL.effects(index(null, "users", true, false, false, "age"), c, V).failsOnExistingRows().isPresent());
  }

  @Test
  void indexOnPartitionedTableRecursesToPartitions() {
    Catalog c = catalog(createPartitioned("m", col("id", "int4")), createPartitionOf("m_2024", "m"),
        createPartitionOf("m_2025", "m"));
    Effects e = MODEL.effects(createIndex(null, "m", "id"), c, V);
    assertEquals(LockMode.SHARE, on(e, "m").lock());
    assertFalse(on(e, "m").scan());
    assertEquals(LockMode.SHARE, on(e, "m_2024").lock());
    assertTrue(on(e, "m_2024").scan());
    assertEquals(LockMode.SHARE, on(e, "m_2025").lock());

    assertEquals(PgEffectKey.CREATE_INDEX_CONCURRENTLY_PARTITIONED,
        key(index(null, "m", false, true, false, "id"), c, V));
    assertFalse(explain(index(null, "m", false, true, false, "id"), c, V).supported());
    Effects only = MODEL.effects(index(null, "m", false, false, true, "id"), c, V);
    assertEquals(PgEffectKey.CREATE_INDEX_ONLY_PARTITIONED, key(index(null, "m", false, false, true, "id"), c, V));
    assertTrue(only.on(q("m_2024")).isEmpty());
  }

  @Test
  void dropAndRenameIndex() {
    Catalog c = shop();
    Effects drop = MODEL.effects(dropIndex("orders_code_idx"), c, V);
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(drop, "orders").lock());
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(drop, "orders_code_idx").lock());
    Effects dic = MODEL.effects(dropIndexConcurrently("orders_code_idx"), c, V);
    assertFalse(dic.transactional());
    assertEquals(LockMode.SHARE_UPDATE_EXCLUSIVE, on(dic, "orders").lock());
    Effects rename = MODEL.effects(renameIndex("orders_code_idx", "ix"), c, V);
    assertEquals(1, rename.relations().size());
    assertEquals(LockMode.SHARE_UPDATE_EXCLUSIVE, on(rename, "orders_code_idx").lock());
    assertEquals(PgEffectKey.RENAME_INDEX_VIA_ALTER_TABLE, key(renameTable("orders_code_idx", "ix"), c, V));
    assertEquals(LockMode.ACCESS_EXCLUSIVE,
        on(MODEL.effects(renameTable("orders_code_idx", "ix"), c, V), "orders_code_idx").lock());
    Effects unknown = MODEL.effects(dropIndex("mystery_idx"), c, V);
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(unknown, "mystery_idx").lock());
  }

  @Test
  void reindexLocksAndVersions() {
    Catalog c = shop();
    Effects idx = MODEL.effects(reindex(Operation.ReindexTarget.INDEX, "orders_code_idx", false), c, V);
    assertEquals(LockMode.SHARE, on(idx, "orders").lock());
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(idx, "orders_code_idx").lock());
    assertTrue(on(idx, "orders_code_idx").rewrite());
    assertFalse(idx.rewrites());
    Effects table = MODEL.effects(reindex(Operation.ReindexTarget.TABLE, "orders", false), c, V);
    assertTrue(on(table, "orders_pkey").rewrite());
    assertTrue(on(table, "orders_total_idx").rewrite());
    for (int v : List.of(12, 18)) {
      Operation op = reindex(Operation.ReindexTarget.TABLE, "orders", true);
      assertEquals(PgEffectKey.REINDEX_CONCURRENTLY, key(op, c, v));
      assertTrue(explain(op, c, v).supported());
      assertFalse(MODEL.effects(op, c, v).transactional());
      assertEquals(LockMode.SHARE_UPDATE_EXCLUSIVE, on(MODEL.effects(op, c, v), "orders").lock());
    }
    Catalog p = catalog(createPartitioned("m", col("id", "int4")), createPartitionOf("m_1", "m"));
    assertFalse(explain(reindex(Operation.ReindexTarget.TABLE, "m", false), p, 13).supported());
    assertTrue(explain(reindex(Operation.ReindexTarget.TABLE, "m", false), p, 14).supported());
  }

  // ------------------------------------------------------------ partitions

  @Test
  void attachAndDetachPartitions() {
    Catalog c = catalog(createPartitioned("m", col("id", "int4")), createPartitionOf("m_2024", "m"),
        createTable("m_def", col("id", "int4")), attachDefault("m", "m_def"), createTable("m_2025", col("id", "int4")));
    Effects a = MODEL.effects(attach("m", "m_2025"), c, V);
    assertEquals(LockMode.SHARE_UPDATE_EXCLUSIVE, on(a, "m").lock());
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(a, "m_2025").lock());
    assertTrue(on(a, "m_2025").scan());
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(a, "m_def").lock());
    assertTrue(a.failsOnExistingRows().isPresent());

    Effects d = MODEL.effects(detach("m", "m_2024", false), c, V);
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(d, "m").lock());
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(d, "m_2024").lock());
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(d, "m_def").lock());

    Operation dc = detach("m", "m_2024", true);
    assertEquals(PgEffectKey.DETACH_PARTITION_CONCURRENTLY_WITH_DEFAULT, key(dc, c, 14));
    assertFalse(explain(dc, c, 14).supported());
    assertTrue(MODEL.effects(dc, c, 14).notes().stream().anyMatch(s -> s.contains("default partition")));

    Catalog noDefault = catalog(createPartitioned("m", col("id", "int4")), createPartitionOf("m_2024", "m"));
    assertEquals(PgEffectKey.DETACH_PARTITION_CONCURRENTLY, key(dc, noDefault, 13));
    assertFalse(explain(dc, noDefault, 13).supported());
    assertTrue(explain(dc, noDefault, 14).supported());
    Effects dce = MODEL.effects(dc, noDefault, 14);
    assertFalse(dce.transactional());
    assertEquals(LockMode.SHARE_UPDATE_EXCLUSIVE, on(dce, "m").lock());
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(dce, "m_2024").lock());
  }

  @Test
  void alterOnPartitionedParentLocksPartitionsAndRewritesOnlyThem() {
    Catalog c = catalog(createPartitioned("m", col("id", "int4")), createPartitionOf("m_1", "m"));
    Effects e = MODEL.effects(alterType("m", "id", type("int8")), c, V);
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(e, "m").lock());
    assertFalse(on(e, "m").rewrite());
    assertTrue(on(e, "m_1").rewrite());
    c.apply(createIndex(null, "m", "id"), Ops.ORIGIN);
    Effects withIndexes = MODEL.effects(alterType("m", "id", type("int8")), c, V);
    assertFalse(on(withIndexes, "m_id_idx").rewrite(), "a partitioned index has no storage");
    assertTrue(on(withIndexes, "m_1_id_idx").rewrite());
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(withIndexes, "m_1_id_idx").lock());
    Effects nn = MODEL.effects(setNotNull("m", "id"), c, V);
    assertTrue(on(nn, "m_1").scan());
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(MODEL.effects(createPartitionOf("m_2", "m"), c, V), "m").lock());
  }

  // ------------------------------------------------------------ tables, data, others

  @Test
  void createTableWithReferencesLocksReferencedTables() {
    Catalog c = shop();
    Operation op = createTable("items", col("id", "int8").pk(), col("order_id", "int8").references("orders"));
    assertEquals(PgEffectKey.CREATE_TABLE_WITH_FK, key(op, c, V));
    Effects e = MODEL.effects(op, c, V);
    assertEquals(LockMode.SHARE_ROW_EXCLUSIVE, on(e, "orders").lock());
    assertTrue(e.on(q("items")).isEmpty(), "the new table blocks nobody");
    assertEquals(PgEffectKey.CREATE_TABLE, key(createTable("plain", col("id", "int8")), c, V));
    assertTrue(MODEL.effects(createTable("plain", col("id", "int8")), c, V).relations().isEmpty());
    assertTrue(MODEL.effects(createView("v", false), c, V).relations().isEmpty());
    c.apply(createView("v", false), Ops.ORIGIN);
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(MODEL.effects(createView("v", false), c, V), "v").lock());
  }

  @Test
  void dropTableLocksTablesItReferences() {
    Catalog c = shop();
    Effects e = MODEL.effects(dropTable("orders"), c, V);
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(e, "orders").lock());
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(e, "users").lock());
    Effects users = MODEL.effects(dropTable("users"), c, V);
    assertTrue(users.notes().stream().anyMatch(s -> s.contains("CASCADE")), users.notes().toString());
    Effects truncateUsers = MODEL.effects(truncate("users"), c, V);
    assertTrue(truncateUsers.notes().stream().anyMatch(s -> s.contains("CASCADE")), truncateUsers.notes().toString());
    assertTrue(MODEL.effects(truncate("users", "orders"), c, V).notes().stream()
        .noneMatch(s -> s.startsWith("Fails without CASCADE")));

    Catalog p = catalog(createPartitioned("m", col("id", "int4")), createPartitionOf("m_1", "m"),
        createTable("m_def", col("id", "int4")), attachDefault("m", "m_def"));
    Effects partition = MODEL.effects(dropTable("m_1"), p, V);
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(partition, "m").lock());
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(partition, "m_def").lock());
  }

  @Test
  void unknownTablesAreStillNamed() {
    Catalog c = new Catalog();
    Effects e = MODEL.effects(setNotNull("ghost", "x"), c, V);
    assertTrue(e.known());
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(e, "ghost").lock());
    assertTrue(on(e, "ghost").scan());
    Effects fk = MODEL.effects(addConstraint("ghost", con(ConstraintKind.FOREIGN_KEY, "x").references("app.spirit")),
        c, V);
    assertEquals(LockMode.SHARE_ROW_EXCLUSIVE, fk.on(ObjectName.of("app", "spirit")).orElseThrow().lock());
  }

  @Test
  void enumValueTakesNoLockAndIsTransactional() {
    Catalog c = catalog(createEnum("mood", "a"));
    for (int v = ServerVersions.MIN; v <= ServerVersions.MAX; v++) {
      Effects e = MODEL.effects(addEnumValue("mood", "b"), c, v);
      assertTrue(e.relations().isEmpty());
      assertTrue(e.transactional());
      assertTrue(e.notes().get(0).contains("cannot be used"));
    }
  }

  @Test
  void dataAndLockStatements() {
    Catalog c = shop();
    Effects ins = MODEL.effects(insert("orders"), c, V);
    assertEquals(LockMode.ROW_EXCLUSIVE, on(ins, "orders").lock());
    assertEquals(LockMode.ROW_SHARE, on(ins, "users").lock());
    assertEquals(PgEffectKey.UPDATE_ALL_ROWS, key(updateAll("orders", "note"), c, V));
    Effects upd = MODEL.effects(updateAll("orders", "note"), c, V);
    assertTrue(upd.on(q("users")).isEmpty());
    assertTrue(upd.scans());
    Effects lk = MODEL.effects(lock("orders", LockMode.SHARE), c, V);
    assertEquals(LockMode.SHARE, on(lk, "orders").lock());
    Effects tr = MODEL.effects(truncate("orders"), c, V);
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(tr, "orders").lock());
    assertTrue(on(tr, "orders_pkey").rewrite());
  }

  @Test
  void tableActionsAndOtherCommands() {
    Catalog c = shop();
    assertEquals(LockMode.SHARE_ROW_EXCLUSIVE,
        on(MODEL.effects(alterTable("orders", TableAction.DISABLE_TRIGGER), c, V), "orders").lock());
    assertEquals(LockMode.SHARE_UPDATE_EXCLUSIVE,
        on(MODEL.effects(alterTable("orders", TableAction.SET_STORAGE_PARAMETERS), c, V), "orders").lock());
    Effects unlogged = MODEL.effects(alterTable("orders", TableAction.SET_UNLOGGED), c, V);
    assertTrue(unlogged.rewrites());
    assertTrue(on(unlogged, "orders_pkey").rewrite());
    assertFalse(explain(alterTable("orders", TableAction.SET_ACCESS_METHOD), c, 14).supported());
    assertTrue(explain(alterTable("orders", TableAction.SET_ACCESS_METHOD), c, 15).supported());
    assertEquals(LockMode.SHARE_ROW_EXCLUSIVE,
        on(MODEL.effects(other("create-trigger", "orders"), c, V), "orders").lock());
    assertEquals(LockMode.SHARE_UPDATE_EXCLUSIVE, on(MODEL.effects(other("comment", "orders"), c, V), "orders").lock());
    assertTrue(MODEL.effects(other("grant", "orders"), c, V).relations().isEmpty());
    assertTrue(MODEL.effects(other("create-function"), c, V).known());
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(MODEL.effects(other("create-rule", "orders"), c, V), "orders").lock());
    assertFalse(MODEL.effects(other("call"), c, V).known());
    assertFalse(MODEL.effects(other("drop-schema"), c, V).known());
    assertTrue(MODEL.effects(other("drop-function"), c, V).known());
    assertTrue(MODEL.effects(other("alter-sequence"), c, V).known());
    Effects merge = MODEL.effects(other("merge", "orders"), c, V);
    assertEquals(LockMode.ROW_EXCLUSIVE, on(merge, "orders").lock());
    assertEquals(LockMode.ROW_SHARE, on(merge, "users").lock());
    assertFalse(MODEL.effects(new Operation.DoBlock(Span.EMPTY, "plpgsql"), c, V).known());
    assertFalse(MODEL.effects(new Operation.Unrecognized(Span.EMPTY, "?"), c, V).known());
    assertTrue(MODEL.effects(new Operation.Begin(Span.EMPTY), c, V).known());
  }

  @Test
  void renamesAndDropColumn() {
    Catalog c = shop();
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(MODEL.effects(renameColumn("orders", "note", "memo"), c, V), "orders")
        .lock());
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(MODEL.effects(renameTable("orders", "purchases"), c, V), "orders")
        .lock());
    Effects drop = MODEL.effects(dropColumn("orders", "code"), c, V);
    assertFalse(drop.rewrites());
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(drop, "orders_code_idx").lock());
  }

  @Test
  void materializedViewRefresh() {
    Catalog c = catalog(createView("mv", true), createIndex("mv_id", "mv", "id"));
    Effects refresh = MODEL.effects(new Operation.RefreshMaterializedView(Span.EMPTY, n("mv"), false, false), c, V);
    assertEquals(LockMode.ACCESS_EXCLUSIVE, on(refresh, "mv").lock());
    assertEquals(RelationKind.MATERIALIZED_VIEW, on(refresh, "mv").kind());
    assertTrue(on(refresh, "mv_id").rewrite());
    Effects conc = MODEL.effects(new Operation.RefreshMaterializedView(Span.EMPTY, n("mv"), true, false), c, V);
    assertEquals(LockMode.EXCLUSIVE, on(conc, "mv").lock());
    assertFalse(conc.rewrites());
  }

  @Test
  void rejectsUnsupportedVersions() {
    assertThrows(IllegalArgumentException.class, () -> MODEL.effects(addColumn("t", col("x", "int4")),
        new Catalog(), 11));
    assertThrows(IllegalArgumentException.class, () -> MODEL.effects(addColumn("t", col("x", "int4")),
        new Catalog(), 19));
  }

  @Test
  void everyKeyIsReachable() {
    java.util.Set<PgEffectKey> seen = java.util.EnumSet.noneOf(PgEffectKey.class);
    Catalog c = shop();
    for (Operation op : List.of(createPartitioned("m", col("id", "int4")), createPartitionOf("m_1", "m"),
        createTable("m_def", col("id", "int4")), attachDefault("m", "m_def"), createIndex("m_id_idx", "m", "id"),
        addConstraint("orders", con(ConstraintKind.NOT_NULL, "net").named("net_nn").notValid()),
        addConstraint("orders", con(ConstraintKind.FOREIGN_KEY, "n").references("users").named("fk_nv").notValid()),
        addConstraint("orders", check("note IS NOT NULL").named("note_nn")),
        addConstraint("orders", check("length(code) > 0")), createTable("s", col("id", "serial")),
        createTable("audits", List.of(col("id", "int8"), col("user_id", "int8")), List.of(new dev.lockstep.core.ir
            .ConstraintDef(Optional.of("audits_user_fkey"), ConstraintKind.FOREIGN_KEY, List.of("user_id"),
            Optional.of(n("users")), List.of(), Optional.empty(), Optional.empty(), false, Optional.empty(),
            Optional.of("CASCADE"), Span.EMPTY))))) {
      c.apply(op, Ops.ORIGIN);
    }
    for (Operation op : sampleOperations()) {
      for (int v = ServerVersions.MIN; v <= ServerVersions.MAX; v++) {
        seen.addAll(keys(op, c, v));
      }
    }
    for (TableAction a : TableAction.values()) {
      seen.addAll(keys(alterTable("orders", a), c, V));
      seen.addAll(keys(alterTable("ghost", a), c, V));
    }
    java.util.Set<PgEffectKey> missing = java.util.EnumSet.allOf(PgEffectKey.class);
    missing.removeAll(seen);
    assertEquals(java.util.Set.of(), missing);
  }

  private static List<Operation> sampleOperations() {
    Span s = Span.EMPTY;
    return List.of(
        createTable("a", col("id", "int4")),
        createTable("b", col("id", "int4").references("users")),
        createPartitionOf("p", "m"),
        new Operation.CreateTable(s, n("ctas"), List.of(), List.of(), false, Optional.empty(), false, true, false,
            false),
        dropTable("orders"), renameTable("orders", "o"), truncate("orders"),
        createView("v", false), createView("mv", true),
        new Operation.DropView(s, List.of(n("v")), false, false, false),
        new Operation.RefreshMaterializedView(s, n("mv"), false, false),
        new Operation.RefreshMaterializedView(s, n("mv"), true, false),
        addColumn("orders", col("x", "int4")), addColumn("orders", col("x", "int4").notNull()),
        addColumn("orders", col("x", "int4").def("1")),
        addColumn("orders", col("x", "float8").def(expr("random()", Volatility.VOLATILE))),
        addColumn("orders", col("x", "int4").def(expr("f()", Volatility.UNKNOWN))),
        addColumn("orders", col("x", "int4").stored()), addColumn("orders", col("x", "int4").virtual()),
        addColumn("orders", col("x", "int4").identity()), addColumn("orders", col("x", "serial")),
        dropColumn("orders", "note"), renameColumn("orders", "note", "memo"),
        alterType("orders", "code", type("text")), alterType("orders", "at", type("timestamptz")),
        alterType("orders", "code", type("citext")),
        alterType("orders", "n", type("int8")), alterType("orders", "n", type("int2")),
        setNotNull("orders", "code"), setNotNull("orders", "note"), setNotNull("orders", "id"),
        new Operation.DropNotNull(s, n("orders"), "note"),
        new Operation.SetDefault(s, n("orders"), "note", Ops.constant("'x'")),
        new Operation.DropDefault(s, n("orders"), "note"),
        addConstraint("orders", check("n > 0")), addConstraint("orders", check("n > 0").notValid()),
        addConstraint("orders", con(ConstraintKind.FOREIGN_KEY, "n").references("users")),
        addConstraint("orders", con(ConstraintKind.FOREIGN_KEY, "n").references("users").notValid()),
        addConstraint("orders", con(ConstraintKind.UNIQUE, "n")),
        addConstraint("orders", con(ConstraintKind.PRIMARY_KEY, "n")),
        addConstraint("orders", con(ConstraintKind.UNIQUE).usingIndex("orders_code_idx")),
        addConstraint("orders", con(ConstraintKind.PRIMARY_KEY).usingIndex("orders_code_idx")),
        addConstraint("orders", con(ConstraintKind.EXCLUDE, "n")),
        addConstraint("orders", con(ConstraintKind.NOT_NULL, "n")),
        addConstraint("orders", con(ConstraintKind.NOT_NULL, "n").notValid()),
        validate("orders", "orders_user_id_fkey"), validate("orders", "unknown_check"), validate("orders", "fk_nv"),
        validate("orders", "net_nn"),
        dropConstraint("orders", "orders_user_id_fkey"), dropConstraint("orders", "orders_pkey"),
        new Operation.RenameConstraint(s, n("orders"), "orders_pkey", "pk"),
        new Operation.AlterConstraint(s, n("orders"), "orders_user_id_fkey"),
        createIndex(null, "orders", "n"), index(null, "orders", true, false, false, "n"),
        index(null, "orders", false, true, false, "n"), index(null, "orders", true, true, false, "n"),
        index(null, "m", false, true, false, "id"), index(null, "m", false, false, true, "id"),
        dropIndex("orders_code_idx"), dropIndexConcurrently("orders_code_idx"), dropIndexConcurrently("m_id_idx"),
        renameIndex("orders_code_idx", "x"),
        new Operation.AlterIndexOther(s, n("orders_code_idx"), "SET TABLESPACE fast", Optional.empty()),
        reindex(Operation.ReindexTarget.INDEX, "orders_code_idx", false),
        reindex(Operation.ReindexTarget.TABLE, "orders", false),
        reindex(Operation.ReindexTarget.TABLE, "orders", true),
        reindex(Operation.ReindexTarget.TABLE, "m", false),
        reindex(Operation.ReindexTarget.DATABASE, "shop", false),
        attach("m", "x"), detach("m", "x", false), detach("m", "m_def", true), detach("m", "m_1", true),
        new Operation.DetachPartition(s, n("m"), n("x"), false, true),
        createEnum("e", "a"), addEnumValue("e", "b"), Ops.renameEnumValue("e", "a", "c"), Ops.renameType("e", "f"),
        Ops.dropType("e"),
        new Operation.DropSequence(Span.EMPTY, List.of(n("s_id_seq")), false, true),
        new Operation.Vacuum(s, List.of(n("orders")), false, false),
        new Operation.Vacuum(s, List.of(n("orders")), true, false),
        new Operation.Analyze(s, List.of(n("orders"))),
        new Operation.Cluster(s, Optional.of(n("orders")), Optional.empty()),
        new Operation.Cluster(s, Optional.of(n("m")), Optional.empty()),
        new Operation.Cluster(s, Optional.empty(), Optional.empty()),
        lock("orders", LockMode.ACCESS_EXCLUSIVE),
        new Operation.Query(s, List.of(n("orders"))), insert("orders"),
        new Operation.Update(s, n("orders"), List.of("note"), Optional.of(Ops.constant("id = 1")), false),
        updateAll("orders", "note"),
        new Operation.Delete(s, n("orders"), Optional.of(Ops.constant("id = 1")), false),
        new Operation.Delete(s, n("orders"), Optional.empty(), false),
        other("create-trigger", "orders"), other("drop-trigger", "orders"), other("comment", "orders"),
        other("create-policy", "orders"), other("grant", "orders"), other("create-extension"),
        other("create-rule", "orders"), other("merge", "orders"),
        new Operation.Begin(s), new Operation.SetSetting(s, "lock_timeout", "1s", false, false),
        new Operation.DoBlock(s, "plpgsql"), new Operation.Unrecognized(s, "?"), other("create-rule"),
        other("alter-view", "orders"), alterType("orders", "user_id", type("int4")), alterType("s", "id", type("int8")),
        new Operation.CreateIndex(s, Optional.of("orders_code_idx"), n("orders"), false, false, true, false, "btree",
            List.of(), List.of("n"), Optional.empty()),
        new Operation.CreateIndex(s, Optional.of("orders_code_idx"), n("orders"), false, true, true, false, "btree",
            List.of(), List.of("n"), Optional.empty()),
        renameTable("orders_code_idx", "x"),
        new Operation.AlterIndexOther(s, n("orders_code_idx"), "set-storage-parameters", Optional.empty()),
        new Operation.AlterIndexOther(s, n("m_id_idx"), "attach-partition", Optional.of(n("x_id_idx"))),
        new Operation.Delete(s, n("users"), Optional.of(Ops.constant("id = 1")), false),
        new Operation.Update(s, n("users"), List.of("id"), Optional.of(Ops.constant("id = 1")), false));
  }
}
