package dev.lockstep.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineIndexTest {
  /** Line starts by the definition: after every \n, and after every \r not followed by \n. */
  private static List<Integer> starts(String text) {
    List<Integer> starts = new ArrayList<>(List.of(0));
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
        starts.add(i + 1);
      }
    }
    return starts;
  }

  @Test
  void linesAndColumnsOfEveryOffset() {
    Random random = new Random(3);
    String[] pieces = {"a", "select 1;", "\n", "\r\n", "\r", "\n\n", "é", "漢", "😀", " ", "\r\r\n"};
    for (int t = 0; t < 3_000; t++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(30);
      boolean withCr = random.nextBoolean();
      for (int k = 0; k < n; k++) {
        String p = pieces[random.nextInt(pieces.length)];
        sb.append(withCr ? p : p.replace("\r", ""));
      }
      String text = sb.toString();
      List<Integer> starts = starts(text);
      LineIndex index = new LineIndex(text);
      assertEquals(starts.size(), index.lineCount(), text);
      for (int o = -1; o <= text.length() + 1; o++) {
        int clamped = Math.max(0, Math.min(o, text.length()));
        int line = 0;
        while (line + 1 < starts.size() && starts.get(line + 1) <= clamped) {
          line++;
        }
        assertEquals(line, index.line(o), "line of " + o + " in " + text);
        assertEquals(clamped - starts.get(line), index.column(o), "column of " + o + " in " + text);
        assertEquals(index.column(o), index.column(o, index.line(o)), "column of " + o + " given its line");
      }
    }
  }
}
