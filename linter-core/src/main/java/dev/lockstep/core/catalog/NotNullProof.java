package dev.lockstep.core.catalog;

import java.util.Locale;
import java.util.regex.Pattern;

/** Recognizes CHECK expressions of the form {@code col IS NOT NULL} (optionally parenthesised, quoted). */
final class NotNullProof {
  private NotNullProof() {}

  static boolean proves(String checkExpression, String column) {
    String e = checkExpression.trim();
    while (e.startsWith("(") && e.endsWith(")") && balanced(e.substring(1, e.length() - 1))) {
      e = e.substring(1, e.length() - 1).trim();
    }
    String quoted = Pattern.quote("\"" + column.replace("\"", "\"\"") + "\"");
    String plain = column.equals(column.toLowerCase(Locale.ROOT)) ? "|" + Pattern.quote(column) : "";
    Pattern p = Pattern.compile("(?i)^\\(?\\s*(" + quoted + plain + ")\\s*\\)?\\s+IS\\s+NOT\\s+NULL$");
    return p.matcher(e).matches();
  }

  private static boolean balanced(String s) {
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (--depth < 0) {
          return false;
        }
      }
    }
    return depth == 0;
  }
}
