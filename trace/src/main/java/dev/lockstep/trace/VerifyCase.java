package dev.lockstep.trace;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One differential case, as written in {@code src/test/resources/verify/cases.yaml}.
 *
 * @param id stable, unique id (kebab-case)
 * @param setup SQL run (and committed) on the fresh case database before the observation; lockstep
 *     replays it into its catalog too
 * @param sql the statement(s) observed, all in one transaction (or one simple query for {@code file})
 * @param mode {@code tx} (default): each statement of {@code sql} in one explicit transaction;
 *     {@code file}: the whole text as one multi-statement simple query, as Prisma sends a
 *     migration file
 * @param timezone session TimeZone for the observed statements (default UTC)
 * @param minVersion lowest PostgreSQL major the case applies to (syntax availability)
 * @param maxVersion highest PostgreSQL major the case applies to
 * @param cleanData true when the fixture rows satisfy whatever the statement would enforce, so a
 *     predicted failure on existing rows cannot be confirmed (it is then reported as a note only)
 * @param note what the case is about
 */
@JsonIgnoreProperties(ignoreUnknown = false)
record VerifyCase(
    @JsonProperty("id") String id,
    @JsonProperty("setup") String setup,
    @JsonProperty("sql") String sql,
    @JsonProperty("mode") String mode,
    @JsonProperty("timezone") String timezone,
    @JsonProperty("minVersion") Integer minVersion,
    @JsonProperty("maxVersion") Integer maxVersion,
    @JsonProperty("cleanData") Boolean cleanData,
    @JsonProperty("note") String note) {

  VerifyCase {
    setup = setup == null ? "" : setup.strip();
    sql = sql == null ? "" : sql.strip();
    mode = mode == null ? "tx" : mode;
    timezone = timezone == null ? "UTC" : timezone;
    minVersion = minVersion == null ? 12 : minVersion;
    maxVersion = maxVersion == null ? 18 : maxVersion;
    cleanData = cleanData != null && cleanData;
    note = note == null ? "" : note.strip();
  }

  boolean appliesTo(int major) {
    return major >= minVersion && major <= maxVersion;
  }

  boolean fileMode() {
    return mode.equals("file");
  }

  static List<VerifyCase> load() throws IOException {
    try (InputStream in = VerifyCase.class.getResourceAsStream("/verify/cases.yaml")) {
      if (in == null) {
        throw new IOException("verify/cases.yaml not on the test class path");
      }
      List<VerifyCase> cases = new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<List<VerifyCase>>() {});
      Set<String> ids = new HashSet<>();
      for (VerifyCase c : cases) {
        if (c.id() == null || c.sql().isEmpty()) {
          throw new IOException("case without id or sql: " + c);
        }
        if (!ids.add(c.id())) {
          throw new IOException("duplicate case id " + c.id());
        }
        if (!c.mode().equals("tx") && !c.mode().equals("file")) {
          throw new IOException(c.id() + ": mode must be tx or file");
        }
      }
      return cases;
    }
  }
}
