package dev.lockstep.core.recognize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SingleSpacedTest {

  @Test
  void collapsesEveryRunOfWhitespaceLikeTheRegex() {
    Random random = new Random(7);
    String alphabet = "ab( )\t\n\r\f\u000B\u00A0\u2003=";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(12);
      for (int k = 0; k < length; k++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = text.toString();
      assertEquals(s.replaceAll("\\s+", " "), Recognizer.singleSpaced(s), () -> "for " + s.replace("\n", "\\n"));
    }
  }

  @Test
  void returnsTheSameStringWhenNothingChanges() {
    String text = "INCLUDE (a, b) WITH (fillfactor = 70)";
    assertSame(text, Recognizer.singleSpaced(text));
    assertEquals("", Recognizer.singleSpaced(""));
  }
}
