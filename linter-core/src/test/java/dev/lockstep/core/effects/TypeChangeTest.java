package dev.lockstep.core.effects;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.catalog.Ops;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeChangeTest {

  @Test
  void binaryCoercibleRules() {
    assertTrue(TypeChange.binaryCoercible("varchar", List.of(10), "varchar", List.of(20)));
    assertTrue(TypeChange.binaryCoercible("varchar", List.of(10), "varchar", List.of()));
    assertFalse(TypeChange.binaryCoercible("varchar", List.of(), "varchar", List.of(10)));
    assertFalse(TypeChange.binaryCoercible("varchar", List.of(20), "varchar", List.of(10)));
    assertTrue(TypeChange.binaryCoercible("varchar", List.of(10), "text", List.of()));
    assertTrue(TypeChange.binaryCoercible("text", List.of(), "varchar", List.of()));
    assertFalse(TypeChange.binaryCoercible("text", List.of(), "varchar", List.of(100)));
    assertTrue(TypeChange.binaryCoercible("numeric", List.of(10, 2), "numeric", List.of(12, 2)));
    assertTrue(TypeChange.binaryCoercible("numeric", List.of(10), "numeric", List.of(12, 0)));
    assertFalse(TypeChange.binaryCoercible("numeric", List.of(10, 2), "numeric", List.of(12, 3)));
    assertFalse(TypeChange.binaryCoercible("numeric", List.of(), "numeric", List.of(12, 2)));
    assertTrue(TypeChange.binaryCoercible("varbit", List.of(8), "varbit", List.of(16)));
    assertTrue(TypeChange.binaryCoercible("timestamp", List.of(3), "timestamp", List.of(6)));
    assertTrue(TypeChange.binaryCoercible("timestamp", List.of(), "timestamp", List.of(6)));
    assertFalse(TypeChange.binaryCoercible("timestamp", List.of(), "timestamp", List.of(3)));
    assertTrue(TypeChange.binaryCoercible("interval", List.of(0), "interval", List.of()));
    assertTrue(TypeChange.binaryCoercible("time", List.of(2), "time", List.of(4)));
    assertTrue(TypeChange.binaryCoercible("cidr", List.of(), "inet", List.of()));
    assertFalse(TypeChange.binaryCoercible("inet", List.of(), "cidr", List.of()));
    assertFalse(TypeChange.binaryCoercible("bpchar", List.of(5), "bpchar", List.of(10)));
    assertFalse(TypeChange.binaryCoercible("int4", List.of(), "int8", List.of()));
  }

  @Test
  void identityUsing() {
    assertTrue(TypeChange.isIdentityUsing("code", "code", Ops.type("text"), "text"));
    assertTrue(TypeChange.isIdentityUsing("(\"code\")", "code", Ops.type("text"), "text"));
    assertTrue(TypeChange.isIdentityUsing("code::varchar(40)", "code", Ops.type("varchar", 40), "varchar"));
    assertTrue(TypeChange.isIdentityUsing("code :: character varying(40)", "code", Ops.type("varchar", 40),
        "varchar"));
    assertTrue(TypeChange.isIdentityUsing("CAST(code AS bigint)", "code", Ops.type("int8"), "int8"));
    assertFalse(TypeChange.isIdentityUsing("code::text::\"Status\"", "code", Ops.type("Status"), "Status"));
    assertFalse(TypeChange.isIdentityUsing("code::varchar(20)", "code", Ops.type("varchar", 40), "varchar"));
    assertFalse(TypeChange.isIdentityUsing("other", "code", Ops.type("text"), "text"));
    assertFalse(TypeChange.isIdentityUsing("\"Code\"", "code", Ops.type("text"), "text"));
  }
}
