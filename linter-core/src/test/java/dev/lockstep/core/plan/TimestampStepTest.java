package dev.lockstep.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link MigrationLayout#plusSeconds} agrees with parsing, adding and formatting through java.time. */
class TimestampStepTest {
  private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);

  /** What java.time gives, or null where its parser rejects the digits. */
  private static String viaJavaTime(String ts, int k) {
    try {
      return LocalDateTime.parse(ts, COMPACT).plusSeconds(k).format(COMPACT);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static void check(String ts, int k) {
    String quick = MigrationLayout.plusSeconds(ts, k);
    if (quick != null) {
      assertEquals(viaJavaTime(ts, k), quick, ts + " + " + k + " s");
    }
    // later() is what plans use: with or without the quick path, the same as java.time or counting
    String expected = viaJavaTime(ts, k);
    if (expected == null) {
      String n = new java.math.BigInteger(ts).add(java.math.BigInteger.valueOf(k)).toString();
      expected = "0".repeat(Math.max(0, ts.length() - n.length())) + n;
    }
    assertEquals(expected, MigrationLayout.later(ts, k), "later(" + ts + ", " + k + ")");
  }

  @Test
  void edgesOfMinutesDaysMonthsAndYears() {
    List<String> stamps = new ArrayList<>(List.of(
        "20240122103059", "20240122105959", "20240122235959", "20240131235959", "20240229235959",
        "20230228235959", "19000228235959", "20000229235959", "21000228235959", "20241231235959",
        "99991231235959", "99991231235900", "00010101000000", "00000101000000", "09991231235959",
        "20240230120000", "20230229120000", "20240431120000", "20241301120000", "20240001120000",
        "20240100120000", "20240101240000", "20240101236000", "20240101235960", "20240101000000"));
    for (String ts : stamps) {
      for (int k = 0; k <= 70; k++) {
        check(ts, k);
      }
    }
  }

  @Test
  void randomDigits() {
    Random random = new Random(7);
    for (int i = 0; i < 50_000; i++) {
      StringBuilder ts = new StringBuilder();
      if (random.nextBoolean()) {
        // mostly valid: a real date and time, often at the end of a unit
        ts.append(String.format(Locale.ROOT, "%04d%02d%02d%02d%02d%02d", random.nextInt(10_000),
            1 + random.nextInt(13), 1 + random.nextInt(31), random.nextInt(25), 50 + random.nextInt(11),
            45 + random.nextInt(16)));
      } else {
        for (int d = 0; d < 14; d++) {
          ts.append((char) ('0' + random.nextInt(10)));
        }
      }
      check(ts.toString(), random.nextInt(61));
    }
  }

  @Test
  void refusesWhatItDoesNotHandle() {
    assertNull(MigrationLayout.plusSeconds("2024012210305", 1));
    assertNull(MigrationLayout.plusSeconds("2024012210305x", 1));
    assertNull(MigrationLayout.plusSeconds("20240122103059", 60));
    assertNull(MigrationLayout.plusSeconds("20240122103059", -1));
    assertNull(MigrationLayout.plusSeconds("99991231235959", 1));
  }
}
