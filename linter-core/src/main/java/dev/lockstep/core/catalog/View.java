package dev.lockstep.core.catalog;

import dev.lockstep.core.ir.ObjectName;

public record View(ObjectName name, boolean materialized, Origin origin) {}
