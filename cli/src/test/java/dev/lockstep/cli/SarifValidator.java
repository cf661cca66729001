package dev.lockstep.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code shared/tools/validate-sarif} (Microsoft's SARIF Multitool with the SARIF and GitHub
 * ingestion rule sets) when it is available.
 */
public final class SarifValidator {
  private static final Pattern SUMMARY = Pattern.compile("(\\d+) error\\(s\\), (\\d+) warning\\(s\\)");

  /** What the validator said. */
  public record Outcome(int exitCode, int errors, int warnings, String output) {}

  private SarifValidator() {}

  /** The validator script, if this checkout has one nearby. */
  public static Optional<Path> tool() {
    return Golden.shared("tools/validate-sarif");
  }

  public static Outcome validate(Path tool, Path sarif) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(tool.toString(), sarif.toString()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("validate-sarif timed out");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    Matcher m = SUMMARY.matcher(text);
    int errors = -1;
    int warnings = -1;
    while (m.find()) {
      errors = Integer.parseInt(m.group(1));
      warnings = Integer.parseInt(m.group(2));
    }
    return new Outcome(p.exitValue(), errors, warnings, text);
  }
}
