package dev.lockstep.core.catalog;

import static dev.lockstep.core.catalog.Ops.addColumn;
import static dev.lockstep.core.catalog.Ops.addConstraint;
import static dev.lockstep.core.catalog.Ops.addEnumValue;
import static dev.lockstep.core.catalog.Ops.addEnumValueAfter;
import static dev.lockstep.core.catalog.Ops.addEnumValueBefore;
import static dev.lockstep.core.catalog.Ops.alterTable;
import static dev.lockstep.core.catalog.Ops.alterType;
import static dev.lockstep.core.catalog.Ops.attach;
import static dev.lockstep.core.catalog.Ops.attachDefault;
import static dev.lockstep.core.catalog.Ops.catalog;
import static dev.lockstep.core.catalog.Ops.check;
import static dev.lockstep.core.catalog.Ops.col;
import static dev.lockstep.core.catalog.Ops.con;
import static dev.lockstep.core.catalog.Ops.constant;
import static dev.lockstep.core.catalog.Ops.createEnum;
import static dev.lockstep.core.catalog.Ops.createIndex;
import static dev.lockstep.core.catalog.Ops.createPartitionOf;
import static dev.lockstep.core.catalog.Ops.createPartitioned;
import static dev.lockstep.core.catalog.Ops.createTable;
import static dev.lockstep.core.catalog.Ops.createView;
import static dev.lockstep.core.catalog.Ops.detach;
import static dev.lockstep.core.catalog.Ops.dropColumn;
import static dev.lockstep.core.catalog.Ops.dropConstraint;
import static dev.lockstep.core.catalog.Ops.dropDefault;
import static dev.lockstep.core.catalog.Ops.dropIndex;
import static dev.lockstep.core.catalog.Ops.dropNotNull;
import static dev.lockstep.core.catalog.Ops.dropTable;
import static dev.lockstep.core.catalog.Ops.dropTableCascade;
import static dev.lockstep.core.catalog.Ops.dropType;
import static dev.lockstep.core.catalog.Ops.dropView;
import static dev.lockstep.core.catalog.Ops.fk;
import static dev.lockstep.core.catalog.Ops.index;
import static dev.lockstep.core.catalog.Ops.insert;
import static dev.lockstep.core.catalog.Ops.n;
import static dev.lockstep.core.catalog.Ops.other;
import static dev.lockstep.core.catalog.Ops.pk;
import static dev.lockstep.core.catalog.Ops.renameColumn;
import static dev.lockstep.core.catalog.Ops.renameConstraint;
import static dev.lockstep.core.catalog.Ops.renameEnumValue;
import static dev.lockstep.core.catalog.Ops.renameIndex;
import static dev.lockstep.core.catalog.Ops.renameTable;
import static dev.lockstep.core.catalog.Ops.renameType;
import static dev.lockstep.core.catalog.Ops.setDefault;
import static dev.lockstep.core.catalog.Ops.setNotNull;
import static dev.lockstep.core.catalog.Ops.truncate;
import static dev.lockstep.core.catalog.Ops.type;
import static dev.lockstep.core.catalog.Ops.unique;
import static dev.lockstep.core.catalog.Ops.updateAll;
import static dev.lockstep.core.catalog.Ops.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.ir.ConstraintKind;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.ir.TableAction;
import dev.lockstep.core.source.Span;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogReplayTest {

  private static Table table(Catalog c, String name) {
    return c.table(n(name)).orElseThrow(() -> new AssertionError("no table " + name));
  }

  private static List<String> constraintNames(Catalog c, String tableName) {
    return table(c, tableName).constraints().stream().map(Constraint::name).toList();
  }

  private static List<String> indexNames(Catalog c, String tableName) {
    return c.indexesOn(n(tableName)).stream().map(i -> i.name().name()).toList();
  }

  private static Operation.CreateTable users() {
    return createTable("users", col("id", "int8").pk(), col("email", "text").notNull().unique(),
        col("age", "int4").check("age >= 0"));
  }

  private static Operation.CreateTable orders() {
    return createTable("orders", List.of(col("id", "int8"), col("user_id", "int8"), col("code", "varchar", 20),
        col("total", "numeric", 10, 2)), List.of(pk("id"), fk(List.of("user_id"), "users"), unique("code", "user_id"),
        check("total > 0").build()));
  }

  // ------------------------------------------------------------ create / drop / rename table

  @Test
  void createTableNamesInlineConstraintsAsPostgresDoes() {
    Catalog c = catalog(users());
    assertEquals(List.of("users_pkey", "users_email_key", "users_age_check"), constraintNames(c, "users"));
    assertEquals(List.of("users_pkey", "users_email_key"), indexNames(c, "users"));
    Index pkIndex = c.index(n("users_pkey")).orElseThrow();
    assertTrue(pkIndex.unique());
    assertEquals("users_pkey", pkIndex.constraint());
    assertEquals(List.of("id"), pkIndex.columns());
    assertTrue(table(c, "users").column("id").orElseThrow().notNull());
    assertEquals(Optional.of("users_pkey"), table(c, "users").primaryKey().flatMap(Constraint::index));
  }

  @Test
  void createTableNamesTableConstraints() {
    Catalog c = catalog(users(), orders());
    assertEquals(List.of("orders_pkey", "orders_user_id_fkey", "orders_code_user_id_key", "orders_total_check"),
        constraintNames(c, "orders"));
    Constraint fk = table(c, "orders").constraint("orders_user_id_fkey").orElseThrow();
    assertEquals(Optional.of(ObjectName.of("public", "users")), fk.referencedTable());
    assertTrue(fk.validated());
    assertEquals(List.of("orders_pkey", "orders_code_user_id_key"), indexNames(c, "orders"));
  }

  @Test
  void tableCheckOverSeveralColumnsIsNamedAfterTheTable() {
    Catalog c = catalog(createTable("r", List.of(col("lo", "int4"), col("hi", "int4")),
        List.of(check("lo < hi").build(), check("lo > 0").build(), check("hi > lo + 1").build())));
    assertEquals(List.of("r_check", "r_lo_check", "r_check1"), constraintNames(c, "r"));
  }

  @Test
  void createTableIfNotExistsKeepsTheExistingTable() {
    Catalog c = catalog(users());
    c.apply(new Operation.CreateTable(Span.EMPTY, n("users"), List.of(col("x", "int4").build()), List.of(), true,
        Optional.empty(), false, false, false, false), Ops.ORIGIN);
    assertTrue(table(c, "users").column("email").isPresent());
  }

  @Test
  void dropTableRemovesItsIndexesAndForeignKeysThatReferencedIt() {
    Catalog c = catalog(users(), orders(), dropTableCascade("users"));
    assertTrue(c.table(n("users")).isEmpty());
    assertTrue(c.index(n("users_pkey")).isEmpty());
    assertFalse(constraintNames(c, "orders").contains("orders_user_id_fkey"));
    assertTrue(constraintNames(c, "orders").contains("orders_pkey"));
  }

  @Test
  void dropUnknownTableIsIgnored() {
    Catalog c = catalog(users(), dropTable("nope"), dropColumn("nope", "x"), setNotNull("nope", "x"),
        dropIndex("nope_idx"), validate("nope", "c"), renameTable("nope", "nope2"));
    assertEquals(1, c.tables().size());
  }

  @Test
  void renameTableKeepsIndexAndConstraintNamesAndRetargetsForeignKeys() {
    Catalog c = catalog(users(), orders(), renameTable("users", "accounts"));
    assertTrue(c.table(n("users")).isEmpty());
    assertEquals(List.of("users_pkey", "users_email_key", "users_age_check"), constraintNames(c, "accounts"));
    assertEquals(ObjectName.of("public", "accounts"), c.index(n("users_pkey")).orElseThrow().table());
    assertEquals(Optional.of(ObjectName.of("public", "accounts")),
        table(c, "orders").constraint("orders_user_id_fkey").orElseThrow().referencedTable());
    assertEquals(List.of("orders"), c.referencing(n("accounts")).stream().map(t -> t.name().name()).toList());
  }

  @Test
  void alterTableRenameOfAnIndexRenamesTheIndex() {
    Catalog c = catalog(users(), createIndex("users_age_idx", "users", "age"), renameTable("users_age_idx", "ix"));
    assertTrue(c.index(n("ix")).isPresent());
    assertTrue(c.index(n("users_age_idx")).isEmpty());
  }

  @Test
  void setSchemaMovesTableAndItsIndexes() {
    Catalog c = catalog(users(), orders(), alterTable("users", TableAction.SET_SCHEMA, "app"));
    assertTrue(c.table(n("users")).isEmpty());
    assertTrue(c.table(n("app.users")).isPresent());
    assertTrue(c.index(n("app.users_pkey")).isPresent());
    assertTrue(c.index(n("users_pkey")).isEmpty());
    assertEquals(Optional.of(ObjectName.of("app", "users")),
        table(c, "orders").constraint("orders_user_id_fkey").orElseThrow().referencedTable());
  }

  @Test
  void setUnloggedAndLoggedFlipTheFlag() {
    Catalog c = catalog(users(), alterTable("users", TableAction.SET_UNLOGGED));
    assertTrue(table(c, "users").unlogged());
    c.apply(alterTable("users", TableAction.SET_LOGGED), Ops.ORIGIN);
    assertFalse(table(c, "users").unlogged());
  }

  // ------------------------------------------------------------ columns

  @Test
  void addColumnWithInlineUniqueCreatesConstraintAndIndex() {
    Catalog c = catalog(users(), addColumn("users", col("handle", "text").unique()));
    assertTrue(table(c, "users").column("handle").isPresent());
    assertTrue(constraintNames(c, "users").contains("users_handle_key"));
    assertTrue(c.index(n("users_handle_key")).isPresent());
  }

  @Test
  void addExistingColumnIsIgnored() {
    Catalog c = catalog(users(), addColumn("users", col("email", "int4")));
    assertEquals("text", table(c, "users").column("email").orElseThrow().type().name());
  }

  @Test
  void dropColumnDropsIndexesAndConstraintsThatInvolveIt() {
    Catalog c = catalog(users(), orders(), createIndex(null, "orders", "code"),
        createIndex(null, "orders", "total", "id"), dropColumn("orders", "code"));
    assertEquals(List.of("orders_pkey", "orders_user_id_fkey", "orders_total_check"), constraintNames(c, "orders"));
    assertEquals(List.of("orders_pkey", "orders_total_id_idx"), indexNames(c, "orders"));
    c.apply(dropColumn("orders", "total"), Ops.ORIGIN);
    assertEquals(List.of("orders_pkey", "orders_user_id_fkey"), constraintNames(c, "orders"));
    assertEquals(List.of("orders_pkey"), indexNames(c, "orders"));
    assertEquals(List.of("id", "user_id"), table(c, "orders").columns().stream().map(Column::name).toList());
  }

  @Test
  void renameColumnUpdatesConstraintsIndexesAndCheckExpressions() {
    Catalog c = catalog(users(), createIndex("users_age_idx", "users", "age"),
        addConstraint("users", check("age IS NOT NULL").named("age_nn")), renameColumn("users", "age", "years"));
    Table t = table(c, "users");
    assertTrue(t.column("years").isPresent());
    assertTrue(t.column("age").isEmpty());
    assertEquals("years >= 0", t.constraint("users_age_check").orElseThrow().expression().orElseThrow().text());
    assertTrue(t.hasValidatedNotNullCheck("years"));
    assertEquals(List.of("years"), c.index(n("users_age_idx")).orElseThrow().columns());
    assertEquals(List.of("years"), c.index(n("users_age_idx")).orElseThrow().elements());
  }

  @Test
  void renameColumnRewritesIndexDefinitions() {
    Operation.CreateIndex expression = new Operation.CreateIndex(Ops.S, Optional.of("users_age_expr_idx"), n("users"),
        false, false, false, false, "btree", List.of("(age * 2)", "email"), List.of("email"),
        Optional.of(new dev.lockstep.core.ir.Expr("age > 0 AND note <> 'age'", Ops.S,
            dev.lockstep.core.ir.Volatility.IMMUTABLE, false)),
        "INCLUDE (age) WITH (fillfactor = 70)");
    Catalog c = catalog(users(), expression, renameColumn("users", "age", "years"));
    Index i = c.index(n("users_age_expr_idx")).orElseThrow();
    assertEquals(List.of("(years * 2)", "email"), i.elements());
    assertEquals(Optional.of("years > 0 AND note <> 'age'"), i.predicate());
    assertEquals("INCLUDE (years) WITH (fillfactor = 70)", i.options());
  }

  @Test
  void alterTypeSetNotNullAndDefaults() {
    Catalog c = catalog(orders(), alterType("orders", "code", type("text")), setNotNull("orders", "code"),
        setDefault("orders", "code", constant("'x'")));
    Column code = table(c, "orders").column("code").orElseThrow();
    assertEquals("text", code.type().name());
    assertTrue(code.notNull());
    assertEquals("'x'", code.defaultValue().orElseThrow().text());
    c.apply(dropNotNull("orders", "code"), Ops.ORIGIN);
    c.apply(dropDefault("orders", "code"), Ops.ORIGIN);
    code = table(c, "orders").column("code").orElseThrow();
    assertFalse(code.notNull());
    assertTrue(code.defaultValue().isEmpty());
  }

  // ------------------------------------------------------------ constraints

  @Test
  void addConstraintNotValidThenValidate() {
    Catalog c = catalog(users(), orders(), addConstraint("orders",
        con(ConstraintKind.FOREIGN_KEY, "user_id").references("users").named("fk_user").notValid()));
    assertFalse(table(c, "orders").constraint("fk_user").orElseThrow().validated());
    c.apply(validate("orders", "fk_user"), Ops.ORIGIN);
    assertTrue(table(c, "orders").constraint("fk_user").orElseThrow().validated());
  }

  @Test
  void notValidCheckDoesNotProveNotNullUntilValidated() {
    Catalog c = catalog(users(), addConstraint("users", check("email IS NOT NULL").named("e_nn").notValid()));
    assertFalse(table(c, "users").hasValidatedNotNullCheck("email"));
    c.apply(validate("users", "e_nn"), Ops.ORIGIN);
    assertTrue(table(c, "users").hasValidatedNotNullCheck("email"));
  }

  @Test
  void addUniqueUsingIndexAdoptsAndRenamesTheIndex() {
    Catalog c = catalog(users(), index("users_age_uidx", "users", true, true, false, "age"),
        addConstraint("users", con(ConstraintKind.UNIQUE).named("users_age_uq").usingIndex("users_age_uidx")));
    assertTrue(c.index(n("users_age_uidx")).isEmpty());
    Index i = c.index(n("users_age_uq")).orElseThrow();
    assertEquals("users_age_uq", i.constraint());
    assertEquals(List.of("age"), i.columns());
    Constraint k = table(c, "users").constraint("users_age_uq").orElseThrow();
    assertEquals(List.of("age"), k.columns());
    assertEquals(Optional.of("users_age_uq"), k.index());
  }

  @Test
  void addPrimaryKeyUsingIndexWithoutNameKeepsIndexNameAndSetsNotNull() {
    Catalog c = catalog(createTable("t", col("id", "int8")), index("t_id_idx", "t", true, true, false, "id"),
        addConstraint("t", con(ConstraintKind.PRIMARY_KEY).usingIndex("t_id_idx")));
    assertEquals(List.of("t_id_idx"), constraintNames(c, "t"));
    assertTrue(table(c, "t").column("id").orElseThrow().notNull());
  }

  @Test
  void notNullConstraintNotValidSetsColumnOnlyWhenValidated() {
    Catalog c = catalog(createTable("t", col("a", "int4")),
        addConstraint("t", con(ConstraintKind.NOT_NULL, "a").notValid()));
    assertEquals(List.of("t_a_not_null"), constraintNames(c, "t"));
    assertFalse(table(c, "t").column("a").orElseThrow().notNull());
    c.apply(validate("t", "t_a_not_null"), Ops.ORIGIN);
    assertTrue(table(c, "t").column("a").orElseThrow().notNull());
    c.apply(dropNotNull("t", "a"), Ops.ORIGIN);
    assertFalse(table(c, "t").column("a").orElseThrow().notNull());
    assertTrue(constraintNames(c, "t").isEmpty());
  }

  @Test
  void validNotNullConstraintSetsColumnNotNull() {
    Catalog c = catalog(createTable("t", col("a", "int4")), addConstraint("t", con(ConstraintKind.NOT_NULL, "a")));
    assertTrue(table(c, "t").column("a").orElseThrow().notNull());
  }

  @Test
  void dropConstraintDropsItsIndex() {
    Catalog c = catalog(users(), dropConstraint("users", "users_email_key"));
    assertFalse(constraintNames(c, "users").contains("users_email_key"));
    assertTrue(c.index(n("users_email_key")).isEmpty());
  }

  @Test
  void renameConstraintRenamesItsIndexAndRenameIndexRenamesItsConstraint() {
    Catalog c = catalog(users(), renameConstraint("users", "users_email_key", "email_uq"));
    assertTrue(c.index(n("email_uq")).isPresent());
    assertEquals("email_uq", c.index(n("email_uq")).orElseThrow().constraint());
    c.apply(renameIndex("email_uq", "email_unique"), Ops.ORIGIN);
    assertTrue(constraintNames(c, "users").contains("email_unique"));
    assertEquals(Optional.of("email_unique"), table(c, "users").constraint("email_unique").orElseThrow().index());
  }

  // ------------------------------------------------------------ indexes

  @Test
  void createIndexDefaultNamesWithSuffixOnClash() {
    Catalog c = catalog(users(), createIndex(null, "users", "age"), createIndex(null, "users", "age"),
        createIndex(null, "users", "lower(email)"), createIndex(null, "users", "email", "age"),
        index(null, "users", true, false, false, "age"));
    assertEquals(List.of("users_pkey", "users_email_key", "users_age_idx", "users_age_idx1", "users_lower_idx",
        "users_email_age_idx", "users_age_idx2"), indexNames(c, "users"));
  }

  @Test
  void longNamesAreClippedTo63Bytes() {
    String longTable = "t".repeat(40);
    String longColumn = "c".repeat(40);
    Catalog c = catalog(createTable(longTable, col(longColumn, "int4")), createIndex(null, longTable, longColumn));
    String name = indexNames(c, longTable).get(0);
    assertEquals(63, name.length());
    assertEquals("t".repeat(29) + "_" + "c".repeat(29) + "_idx", name);
  }

  @Test
  void dropIndexKeepsIndexesThatBackAConstraint() {
    Catalog c = catalog(users(), createIndex("ix", "users", "age"), dropIndex("ix", "users_pkey"));
    assertTrue(c.index(n("ix")).isEmpty());
    assertTrue(c.index(n("users_pkey")).isPresent());
  }

  @Test
  void createIndexOnlyOnPartitionedParentIsInvalid() {
    Catalog c = catalog(createPartitioned("m", col("id", "int4")), index("m_id_idx", "m", false, false, true, "id"));
    assertFalse(c.index(n("m_id_idx")).orElseThrow().valid());
  }

  // ------------------------------------------------------------ enums, views

  @Test
  void enumsAddRenameAndDrop() {
    Catalog c = catalog(createEnum("mood", "sad", "happy"), addEnumValue("mood", "ecstatic"),
        addEnumValueBefore("mood", "meh", "happy"), addEnumValueAfter("mood", "blue", "sad"),
        addEnumValue("mood", "sad"), renameEnumValue("mood", "meh", "ok"));
    assertEquals(List.of("sad", "blue", "ok", "happy", "ecstatic"), c.enumType(n("mood")).orElseThrow().values());
    c.apply(createTable("p", col("m", "mood")), Ops.ORIGIN);
    c.apply(renameType("mood", "feeling"), Ops.ORIGIN);
    assertTrue(c.enumType(n("mood")).isEmpty());
    assertTrue(c.enumType(n("feeling")).isPresent());
    assertEquals("feeling", table(c, "p").column("m").orElseThrow().type().name());
    c.apply(dropType("feeling"), Ops.ORIGIN);
    assertTrue(c.enums().isEmpty());
  }

  @Test
  void viewsAndMaterializedViews() {
    Catalog c = catalog(createView("v", false), createView("mv", true), createIndex("mv_idx", "mv", "id"));
    assertFalse(c.view(n("v")).orElseThrow().materialized());
    assertTrue(c.view(n("mv")).orElseThrow().materialized());
    assertTrue(c.index(n("mv_idx")).isPresent());
    c.apply(dropView("mv", true), Ops.ORIGIN);
    assertTrue(c.view(n("mv")).isEmpty());
    assertTrue(c.index(n("mv_idx")).isEmpty());
    c.apply(renameTable("v", "v2"), Ops.ORIGIN);
    assertTrue(c.view(n("v2")).isPresent());
  }

  // ------------------------------------------------------------ partitions

  @Test
  void partitionsAttachDetachAndInheritColumns() {
    Catalog c = catalog(createPartitioned("m", col("id", "int4"), col("at", "date").notNull()),
        createPartitionOf("m_2024", "m"), createTable("m_2025", col("id", "int4"), col("at", "date")),
        createTable("m_other", col("id", "int4"), col("at", "date")));
    assertEquals(Optional.of(ObjectName.of("public", "m")), table(c, "m_2024").partitionOf());
    assertEquals(List.of("id", "at"), table(c, "m_2024").columns().stream().map(Column::name).toList());
    c.apply(attach("m", "m_2025"), Ops.ORIGIN);
    c.apply(attachDefault("m", "m_other"), Ops.ORIGIN);
    assertEquals(List.of("m_2024", "m_2025", "m_other"),
        c.partitionsOf(n("m")).stream().map(t -> t.name().name()).toList());
    assertEquals("m_other", c.defaultPartitionOf(n("m")).orElseThrow().name().name());
    c.apply(detach("m", "m_2025", false), Ops.ORIGIN);
    assertTrue(table(c, "m_2025").partitionOf().isEmpty());
    c.apply(detach("m", "m_other", true), Ops.ORIGIN);
    assertTrue(c.defaultPartitionOf(n("m")).isEmpty());
  }

  /** The same steps on PostgreSQL 15.18 leave exactly these indexes and constraints. */
  @Test
  void partitionIndexesFollowTheParentAsOnPostgres() {
    Catalog c = catalog(createPartitioned("m", col("id", "int4"), col("at", "date").notNull(), col("v", "int4")),
        createPartitionOf("m_1", "m"), createIndex(null, "m", "v"), addConstraint("m", pk("id", "at")),
        createPartitionOf("m_2", "m"),
        createTable("m_3", col("id", "int4").notNull(), col("at", "date").notNull(), col("v", "int4")),
        createIndex("m_3_custom", "m_3", "v"), attach("m", "m_3"));
    assertEquals(List.of("m_v_idx", "m_pkey"), indexNames(c, "m"));
    assertEquals(List.of("m_1_v_idx", "m_1_pkey"), indexNames(c, "m_1"));
    assertEquals(List.of("m_2_v_idx", "m_2_pkey"), indexNames(c, "m_2"));
    assertEquals(List.of("m_3_custom", "m_3_pkey"), indexNames(c, "m_3"));
    assertEquals(List.of("m_3_pkey"), constraintNames(c, "m_3"));
    assertEquals("m_v_idx", c.parentIndex(n("m_3_custom")).orElseThrow().name().name());
    assertEquals(List.of("m_1_v_idx", "m_2_v_idx", "m_3_custom"),
        c.childIndexes(n("m_v_idx")).stream().map(i -> i.name().name()).toList());

    c.apply(detach("m", "m_2", false), Ops.ORIGIN);
    assertTrue(c.parentIndex(n("m_2_v_idx")).isEmpty());
    c.apply(dropIndex("m_1_v_idx"), Ops.ORIGIN);
    assertTrue(c.index(n("m_1_v_idx")).isPresent(), "an attached index cannot be dropped on its own");
    c.apply(dropIndex("m_v_idx"), Ops.ORIGIN);
    List<String> left = c.indexes().stream().map(i -> i.name().name()).sorted().toList();
    assertEquals(List.of("m_1_pkey", "m_2_pkey", "m_2_v_idx", "m_3_pkey", "m_pkey"), left);

    c.apply(renameIndex("m_pkey", "m_key"), Ops.ORIGIN);
    assertEquals(List.of("m_1_pkey", "m_3_pkey"),
        c.childIndexes(n("m_key")).stream().map(i -> i.name().name()).toList());
    c.apply(dropConstraint("m", "m_key"), Ops.ORIGIN);
    assertTrue(constraintNames(c, "m_1").isEmpty());
    assertEquals(List.of("m_2_pkey", "m_2_v_idx"), c.indexes().stream().map(i -> i.name().name()).sorted().toList());
  }

  @Test
  void dropPartitionedTableDropsItsPartitions() {
    Catalog c = catalog(createPartitioned("m", col("id", "int4")), createPartitionOf("m_1", "m"), dropTable("m"));
    assertTrue(c.tables().isEmpty());
  }

  @Test
  void alterTableOnPartitionedParentRecursesToPartitions() {
    Catalog c = catalog(createPartitioned("m", col("id", "int4")), createPartitionOf("m_1", "m"),
        addColumn("m", col("note", "text")), setNotNull("m", "id"));
    assertTrue(table(c, "m_1").column("note").isPresent());
    assertTrue(table(c, "m_1").column("id").orElseThrow().notNull());
  }

  // ------------------------------------------------------------ no schema change, copy

  @Test
  void dataAndMaintenanceLeaveTheSchemaAlone() {
    Catalog c = catalog(users());
    Catalog before = c.copy();
    for (Operation op : List.of(truncate("users"), updateAll("users", "age"), insert("users"),
        other("create-function"), new Operation.Unrecognized(Span.EMPTY, "??"),
        new Operation.DoBlock(Span.EMPTY, "plpgsql"))) {
      c.apply(op, Ops.ORIGIN);
    }
    assertEquals(before.tables(), c.tables());
    assertEquals(before.indexes(), c.indexes());
  }

  @Test
  void copyIsIndependent() {
    Catalog c = catalog(users());
    Catalog copy = c.copy();
    copy.apply(addColumn("users", col("x", "int4")), Ops.ORIGIN);
    copy.apply(createIndex("ix", "users", "x"), Ops.ORIGIN);
    copy.apply(createEnum("e", "a"), Ops.ORIGIN);
    assertTrue(table(copy, "users").column("x").isPresent());
    assertTrue(table(c, "users").column("x").isEmpty());
    assertTrue(c.index(n("ix")).isEmpty());
    assertTrue(c.enums().isEmpty());
    c.apply(dropTable("users"), Ops.ORIGIN);
    assertTrue(copy.table(n("users")).isPresent());
  }

  @Test
  void schemaQualifiedNamesResolveSeparately() {
    Catalog c = catalog(createTable("app.users", col("id", "int4").pk()), createTable("users", col("id", "int4")));
    assertTrue(c.index(n("app.users_pkey")).isPresent());
    assertTrue(c.index(n("users_pkey")).isEmpty());
    assertEquals(2, c.tables().size());
  }
}
