package dev.lockstep.core.verify;

import java.nio.file.Path;

final class ObserveSmokeMain {
  public static void main(String[] args) throws Exception {
    for (String a : args) {
      VersionRun.Result r = VersionRun.run(Integer.parseInt(a), VerifyCase.load(), Path.of("target/pg-verify"));
      for (VersionRun.Outcome o : r.outcomes().values()) {
        if (o.harnessError() != null) {
          System.out.println("HARNESS " + o.verifyCase().id() + ": " + o.harnessError());
          continue;
        }
        Observation ob = o.observation();
        StringBuilder sb = new StringBuilder(o.verifyCase().id()).append(" [").append(ob.method()).append(ob.nonTransactional() ? ",NONTX" : "").append("] ");
        ob.error().ifPresent(e -> sb.append("ERR ").append(e).append(' '));
        ob.relations().values().forEach(rel -> sb.append(rel.name().name()).append('=').append(rel.lock().map(Enum::name).orElse("-")).append(rel.rewrite() ? "+RW" : "").append(rel.scan() ? "+SCAN" : "").append(' '));
        sb.append(ob.millis()).append("ms");
        System.out.println(sb);
      }
      System.out.println("create " + PgServer.CREATE_NANOS.get() / 1_000_000 + " ms, drop " + PgServer.DROP_NANOS.get() / 1_000_000 + " ms");
      System.out.println("PG " + r.serverVersion() + ": " + r.outcomes().size() + " cases, server+template " + r.startMillis() + " ms, total " + r.totalMillis() + " ms");
    }
  }
}
