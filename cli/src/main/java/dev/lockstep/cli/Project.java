package dev.lockstep.cli;

import dev.lockstep.core.rule.RuleMeta;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Facts about lockstep itself: version, home page, where rule docs and bug reports go. */
public final class Project {
  public static final String HOME = "https://github.com/lockstep-dev/lockstep";
  public static final String ISSUES = HOME + "/issues";

  private static final String VERSION = readVersion();

  private Project() {}

  /** lockstep's version, from the build. */
  public static String version() {
    return VERSION;
  }

  /** Where a rule's doc can be read on the web. */
  public static String ruleDocUri(RuleMeta meta) {
    String module = meta.rule().isPresent() ? "rules" : "linter-core";
    return HOME + "/blob/main/" + module + "/src/main/resources/rules/" + meta.id() + ".md";
  }

  private static String readVersion() {
    try (InputStream in = Project.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "0.0.0-dev";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "0.0.0-dev");
      return v.startsWith("${") ? "0.0.0-dev" : v;
    } catch (IOException e) {
      return "0.0.0-dev";
    }
  }
}
