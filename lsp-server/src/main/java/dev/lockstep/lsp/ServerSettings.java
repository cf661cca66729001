package dev.lockstep.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Optional;

/**
 * What the editor may set: {@code initializationOptions} and {@code workspace/didChangeConfiguration}
 * settings, flat or under a {@code lockstep} key. Project settings live in {@code lockstep.yaml};
 * {@code pgVersion} and {@code tool} override it exactly as {@code --pg-version} and {@code --tool}
 * do on the command line.
 *
 * @param pgVersion PostgreSQL major version
 * @param tool migration tool id
 * @param debounceMs how long to wait after an edit that closely follows another before linting
 * @param diagnostics {@code auto} (push unless the client pulls), {@code push} or {@code pull}
 * @param maxFileChars documents longer than this are not linted in the editor
 * @param config an explicit configuration file, as {@code --config} (else {@code lockstep.yaml} is found
 *     upward from each document)
 */
public record ServerSettings(Optional<Integer> pgVersion, Optional<String> tool, int debounceMs,
    String diagnostics, int maxFileChars, Optional<String> config) {

  public static final int DEFAULT_DEBOUNCE_MS = 20;
  public static final int DEFAULT_MAX_FILE_CHARS = 2_000_000;

  public static ServerSettings defaults() {
    return new ServerSettings(Optional.empty(), Optional.empty(), DEFAULT_DEBOUNCE_MS, "auto",
        DEFAULT_MAX_FILE_CHARS, Optional.empty());
  }

  /** These settings updated with what {@code json} sets; unknown keys and wrong types are ignored. */
  public ServerSettings merge(Object json) {
    if (!(json instanceof JsonObject)) {
      return this;
    }
    JsonObject o = (JsonObject) json;
    if (o.has("lockstep") && o.get("lockstep").isJsonObject()) {
      o = o.getAsJsonObject("lockstep");
    }
    Optional<Integer> pg = pgVersion;
    if (o.has("pgVersion")) {
      pg = integer(o.get("pgVersion"));
    }
    Optional<String> t = tool;
    if (o.has("tool")) {
      t = string(o.get("tool")).filter(s -> !s.isBlank());
    }
    int debounce = o.has("debounceMs") ? integer(o.get("debounceMs")).filter(v -> v >= 0 && v <= 10_000)
        .orElse(debounceMs) : debounceMs;
    String mode = o.has("diagnostics") ? string(o.get("diagnostics"))
        .filter(s -> s.equals("auto") || s.equals("push") || s.equals("pull")).orElse(diagnostics) : diagnostics;
    int max = o.has("maxFileChars") ? integer(o.get("maxFileChars")).filter(v -> v > 0).orElse(maxFileChars)
        : maxFileChars;
    Optional<String> cfg = config;
    if (o.has("config")) {
      cfg = string(o.get("config")).map(String::trim).filter(x -> !x.isEmpty());
    }
    return new ServerSettings(pg, t, debounce, mode, max, cfg);
  }

  private static Optional<Integer> integer(JsonElement e) {
    if (e != null && e.isJsonPrimitive()) {
      JsonPrimitive p = e.getAsJsonPrimitive();
      try {
        if (p.isNumber()) {
          return Optional.of(p.getAsInt());
        }
        if (p.isString() && !p.getAsString().isBlank()) {
          return Optional.of(Integer.parseInt(p.getAsString().trim()));
        }
      } catch (NumberFormatException ex) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Optional<String> string(JsonElement e) {
    if (e != null && e.isJsonPrimitive()) {
      return Optional.of(e.getAsString().trim());
    }
    return Optional.empty();
  }
}
