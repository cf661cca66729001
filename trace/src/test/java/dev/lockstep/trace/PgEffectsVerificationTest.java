package dev.lockstep.trace;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Proves lockstep's effects model on real servers: every case of {@code verify/cases.yaml} runs on
 * every PostgreSQL major 12..18 (see {@link PgServer}, {@link Observer}) and lockstep's prediction
 * for it (see {@link Predictor}) must match what the server did (see {@link Comparison}). One test
 * per version and case; any mismatch fails that test with a message naming case, version,
 * relation, predicted and observed. Every mismatch also goes to {@code
 * target/pg-verify-report.md}, and every observation to {@code target/pg-verify-observations.md}.
 *
 * <p>Part of every build ({@code ./mvnw verify}); {@code -Dlockstep.pgverify=false} skips it for a quick
 * local build, {@code -Dlockstep.pgverify.versions=16,17} and {@code
 * -Dlockstep.pgverify.cases=<regex on case id>} narrow the run while developing.
 */
@Tag("pg")
@DisabledIfSystemProperty(named = "lockstep.pgverify", matches = "false")
class PgEffectsVerificationTest {
  private static final Path TARGET = Path.of("target");
  private static final VerifyReport REPORT = new VerifyReport();

  @TestFactory
  Stream<DynamicNode> predictionsMatchServers() throws IOException {
    List<VerifyCase> all = VerifyCase.load();
    Pattern filter = Pattern.compile(System.getProperty("lockstep.pgverify.cases", ".*"));
    List<VerifyCase> cases = all.stream().filter(c -> filter.matcher(c.id()).matches()).toList();
    List<Integer> versions = Arrays.stream(System.getProperty("lockstep.pgverify.versions", "12,13,14,15,16,17,18")
        .split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::parseInt).toList();
    Predictor predictor = new Predictor();
    return versions.stream().map(v -> DynamicContainer.dynamicContainer("PostgreSQL " + v,
        Stream.of(v).flatMap(major -> versionTests(major, cases, predictor))));
  }

  private static Stream<DynamicNode> versionTests(int major, List<VerifyCase> cases, Predictor predictor) {
    if (!PgServer.binariesAvailable(major)) {
      return Stream.of(DynamicTest.dynamicTest("server " + major, () -> fail("no PostgreSQL " + major + " binaries in "
          + PgServer.binariesDir() + ": the build of trace copies them (generate-test-resources)")));
    }
    VersionRun.Result run;
    try {
      run = VersionRun.run(major, cases, TARGET.resolve("pg-verify"));
    } catch (Exception e) {
      return Stream.of(DynamicTest.dynamicTest("server " + major, () -> fail("PostgreSQL " + major
          + " could not be started or prepared: " + e, e)));
    }
    System.out.printf("PostgreSQL %s: %d cases in %.1f s (server and template %.1f s)%n", run.serverVersion(),
        run.outcomes().size(), run.totalMillis() / 1000.0, run.startMillis() / 1000.0);
    List<DynamicNode> tests = new ArrayList<>();
    List<VerifyReport.Entry> entries = new ArrayList<>();
    for (VersionRun.Outcome outcome : run.outcomes().values()) {
      VerifyCase c = outcome.verifyCase();
      List<String> failures = new ArrayList<>();
      Predictor.Prediction prediction = null;
      Comparison.Result result = null;
      try {
        prediction = predictor.predict(c, major);
      } catch (RuntimeException e) {
        failures.add("case " + c.id() + " on PostgreSQL " + major + ": lockstep failed to predict: " + e);
      }
      if (outcome.harnessError() != null) {
        failures.add("case " + c.id() + " on PostgreSQL " + major + ": not observed: " + outcome.harnessError());
      } else if (prediction != null) {
        result = Comparison.compare(c, major, prediction, outcome.observation());
        result.mismatches().forEach(m -> failures.add(m.message()));
      }
      entries.add(new VerifyReport.Entry(c, major, prediction, outcome.observation(), outcome.harnessError(), result,
          failures));
      tests.add(DynamicTest.dynamicTest(c.id(), () -> {
        if (!failures.isEmpty()) {
          fail(String.join("\n", failures));
        }
      }));
    }
    REPORT.addVersion(run, entries);
    REPORT.write(TARGET);
    return tests.stream();
  }

  @AfterAll
  static void writeReport() {
    REPORT.write(TARGET);
  }
}
