package dev.lockstep.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {
  @Test
  void postgresUrlBecomesJdbcWithCredentialsAsProperties() {
    DatabaseUrl u = DatabaseUrl.parse("postgres://app:p%40ss@db.example.com:6543/shop?sslmode=require");
    assertEquals("jdbc:postgresql://db.example.com:6543/shop?sslmode=require", u.jdbcUrl());
    assertEquals("app", u.properties().getProperty("user"));
    assertEquals("p@ss", u.properties().getProperty("password"));
    assertEquals("postgres://app:***@db.example.com:6543/shop?sslmode=require", u.display());
  }

  @Test
  void defaultPortAndPostgresqlScheme() {
    DatabaseUrl u = DatabaseUrl.parse("postgresql://localhost/app");
    assertEquals("jdbc:postgresql://localhost:5432/app", u.jdbcUrl());
    assertTrue(u.properties().isEmpty());
  }

  @Test
  void jdbcUrlIsKeptAndItsPasswordHidden() {
    DatabaseUrl u = DatabaseUrl.parse("jdbc:postgresql://h:5432/db?user=u&password=secret&ssl=true");
    assertEquals("jdbc:postgresql://h:5432/db?user=u&password=secret&ssl=true", u.jdbcUrl());
    assertEquals("jdbc:postgresql://h:5432/db?user=u&password=***&ssl=true", u.display());
  }

  @Test
  void otherSchemesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("mysql://localhost/db"));
  }
}
