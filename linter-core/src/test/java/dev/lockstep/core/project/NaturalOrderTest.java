package dev.lockstep.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {
  /** The comparison without skipping the common prefix: the definition the fast path must agree with. */
  static int reference(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      boolean da = ca >= '0' && ca <= '9';
      boolean db = cb >= '0' && cb <= '9';
      if (ca == cb && !da) {
        i++;
        j++;
      } else if (da && db) {
        int ei = i;
        while (ei < a.length() && a.charAt(ei) >= '0' && a.charAt(ei) <= '9') {
          ei++;
        }
        int ej = j;
        while (ej < b.length() && b.charAt(ej) >= '0' && b.charAt(ej) <= '9') {
          ej++;
        }
        int c = NaturalOrder.compareNumbers(a, i, ei, b, j, ej);
        if (c != 0) {
          return c;
        }
        i = ei;
        j = ej;
      } else {
        int c = Character.compare(Character.toLowerCase(ca), Character.toLowerCase(cb));
        if (c != 0) {
          return c;
        }
        i++;
        j++;
      }
    }
    int c = Integer.compare(a.length() - i, b.length() - j);
    return c != 0 ? c : a.compareTo(b);
  }

  @Test
  void numbersCompareByValue() {
    NaturalOrder o = NaturalOrder.INSTANCE;
    assertTrue(o.compare("2_b.sql", "10_a.sql") < 0);
    assertTrue(o.compare("v1.9", "v1.10") < 0);
    assertTrue(o.compare("m/20240101_a/x.sql", "m/20240101_b/x.sql") < 0);
    assertTrue(o.compare("m/12", "m/123") < 0);
    assertTrue(o.compare("m/123", "m/13") > 0);
    assertTrue(o.compare("m/007", "m/7") < 0);
    assertTrue(o.compare("A", "a") < 0);
    assertEquals(0, o.compare("same/1.sql", "same/1.sql"));
  }

  @Test
  void agreesWithTheDefinitionOnRandomPaths() {
    Random r = new Random(42);
    String alphabet = "0123456789aAbB_/.-";
    List<String> words = new ArrayList<>();
    for (int k = 0; k < 3000; k++) {
      StringBuilder sb = new StringBuilder(k % 3 == 0 ? "/work/corpus/project/migrations/" : "");
      int n = r.nextInt(12);
      for (int c = 0; c < n; c++) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      words.add(sb.toString());
    }
    for (int k = 0; k < 200_000; k++) {
      String a = words.get(r.nextInt(words.size()));
      String b = r.nextInt(4) == 0 ? a + alphabet.charAt(r.nextInt(alphabet.length()))
          : words.get(r.nextInt(words.size()));
      assertEquals(Integer.signum(reference(a, b)), Integer.signum(NaturalOrder.INSTANCE.compare(a, b)),
          a + " vs " + b);
    }
  }
}
