package dev.lockstep.core.project;

import java.util.Comparator;

/**
 * Compares strings so that runs of digits compare as numbers: {@code 2_b.sql < 10_a.sql}, {@code
 * v1.9 < v1.10}. Other characters compare case-insensitively first, then exactly, so the order is
 * total and deterministic.
 */
public final class NaturalOrder implements Comparator<String> {
  public static final NaturalOrder INSTANCE = new NaturalOrder();

  private NaturalOrder() {}

  @Override
  public int compare(String a, String b) {
    // Paths of one project share a long prefix: skip it, back to the start of a digit run it ends in
    // (the run is compared as a whole number). Equal characters compare equal in the loop below.
    int common = 0;
    int max = Math.min(a.length(), b.length());
    while (common < max && a.charAt(common) == b.charAt(common)) {
      common++;
    }
    while (common > 0 && isDigit(a.charAt(common - 1))) {
      common--;
    }
    int i = common;
    int j = common;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (ca == cb && !isDigit(ca)) {
        i++;
        j++;
      } else if (isDigit(ca) && isDigit(cb)) {
        int ei = i;
        while (ei < a.length() && isDigit(a.charAt(ei))) {
          ei++;
        }
        int ej = j;
        while (ej < b.length() && isDigit(b.charAt(ej))) {
          ej++;
        }
        int c = compareNumbers(a, i, ei, b, j, ej);
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

  /** Compares two digit runs by value; equal values with more leading zeros sort first. */
  static int compareNumbers(String a, int ai, int ae, String b, int bi, int be) {
    int sa = ai;
    while (sa < ae - 1 && a.charAt(sa) == '0') {
      sa++;
    }
    int sb = bi;
    while (sb < be - 1 && b.charAt(sb) == '0') {
      sb++;
    }
    int c = Integer.compare(ae - sa, be - sb);
    if (c != 0) {
      return c;
    }
    for (int k = 0; k < ae - sa; k++) {
      c = Character.compare(a.charAt(sa + k), b.charAt(sb + k));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Compares two strings of digits by numeric value (no overflow). */
  static int compareDigits(String a, String b) {
    return compareNumbers(a, 0, a.length(), b, 0, b.length());
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
