package dev.lockstep.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The fixture schema ({@code verify/fixture.sql}) and its rows ({@code verify/fixture-data.sql}). */
final class Fixture {
  private Fixture() {}

  static String schemaSql() {
    return resource("/verify/fixture.sql");
  }

  static String dataSql() {
    return resource("/verify/fixture-data.sql");
  }

  static String resource(String path) {
    try (InputStream in = Fixture.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " not on the test class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
