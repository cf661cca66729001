package dev.lockstep.core.catalog;

import dev.lockstep.core.ir.ObjectName;
import java.util.List;

public record EnumType(ObjectName name, List<String> values, Origin origin) {
  public EnumType {
    values = List.copyOf(values);
  }
}
