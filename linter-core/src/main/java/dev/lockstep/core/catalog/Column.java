package dev.lockstep.core.catalog;

import dev.lockstep.core.ir.Expr;
import dev.lockstep.core.ir.TypeRef;
import java.util.Optional;

/** A column as the replayed history left it. */
public record Column(String name, TypeRef type, boolean notNull, Optional<Expr> defaultValue, boolean generated,
    boolean identity, Origin origin) {

  public Column withType(TypeRef t) {
    return new Column(name, t, notNull, defaultValue, generated, identity, origin);
  }

  public Column withNotNull(boolean nn) {
    return new Column(name, type, nn, defaultValue, generated, identity, origin);
  }

  public Column withDefault(Optional<Expr> d) {
    return new Column(name, type, notNull, d, generated, identity, origin);
  }

  public Column withName(String n) {
    return new Column(n, type, notNull, defaultValue, generated, identity, origin);
  }

  public Column withOrigin(Origin o) {
    return new Column(name, type, notNull, defaultValue, generated, identity, o);
  }
}
