package dev.lockstep.lsp;

import dev.lockstep.core.catalog.Catalog;
import dev.lockstep.core.catalog.Column;
import dev.lockstep.core.catalog.Origin;
import dev.lockstep.core.catalog.Table;
import dev.lockstep.core.engine.StatementResult;
import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.project.MigrationFile;
import dev.lockstep.core.service.SchemaSnapshot;
import dev.lockstep.core.source.LineIndex;
import dev.lockstep.core.source.Span;
import dev.lockstep.core.source.Splitter;
import dev.lockstep.core.source.SqlStatement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.lsp4j.Location;

/**
 * {@code textDocument/definition}: from a table, index, view, type or column name to the statement
 * of the migration that created it, using the origins of the schema the history builds up before
 * the statement under the cursor.
 */
final class Definitions {
  private Definitions() {}

  /** A name under the cursor, with the qualifier written before it ({@code schema.table} or {@code table.column}). */
  record Word(Optional<String> qualifier, String name) {}

  /**
   * @param openText the text of open documents by path, else the file is read from disk
   * @param uriOf the URI to use for a path (the client's, for open documents)
   */
  static Optional<Location> definition(Analysis a, int offset, Analyzer analyzer, Function<Path, Optional<String>> openText,
      Function<Path, String> uriOf) {
    Optional<Word> word = wordAt(a.document().text(), offset);
    Optional<StatementResult> stmt = a.statementAt(offset);
    if (word.isEmpty() || stmt.isEmpty()) {
      return Optional.empty();
    }
    Optional<SchemaSnapshot> snap = analyzer.schemaBefore(a, stmt.get().index());
    if (snap.isEmpty()) {
      return Optional.empty();
    }
    Optional<Origin> origin = find(snap.get().catalog(), word.get(), stmt.get());
    if (origin.isEmpty()) {
      return Optional.empty();
    }
    Optional<MigrationFile> file = snap.get().fileOf(origin.get());
    if (file.isEmpty()) {
      return Optional.empty();
    }
    Path path = file.get().path();
    Optional<String> text = openText.apply(path);
    if (text.isEmpty()) {
      try {
        text = Optional.of(Files.readString(path, StandardCharsets.UTF_8));
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }
    String t = text.get();
    Span target = new Span(0, 0);
    for (SqlStatement s : Splitter.split(t, file.get().dialect()).statements()) {
      if (s.index() == origin.get().statementIndex()) {
        target = narrow(t, s.span(), word.get().name());
        break;
      }
    }
    LineIndex lines = new LineIndex(t);
    return Optional.of(new Location(uriOf.apply(path), Converters.range(lines, target)));
  }

  private static Optional<Origin> find(Catalog catalog, Word w, StatementResult stmt) {
    ObjectName name = w.qualifier().map(q -> ObjectName.of(q, w.name())).orElse(ObjectName.of(w.name()));
    Optional<Table> table = catalog.table(name);
    if (table.isPresent()) {
      return Optional.of(table.get().origin());
    }
    if (catalog.index(name).isPresent()) {
      return Optional.of(catalog.index(name).get().origin());
    }
    if (catalog.view(name).isPresent()) {
      return Optional.of(catalog.view(name).get().origin());
    }
    if (catalog.enumType(name).isPresent()) {
      return Optional.of(catalog.enumType(name).get().origin());
    }
    // A column: of the qualifying table, else of the tables the statement acts on.
    Set<ObjectName> tables = new LinkedHashSet<>();
    w.qualifier().ifPresent(q -> tables.add(ObjectName.of(q)));
    for (Operation op : stmt.operations()) {
      op.table().ifPresent(tables::add);
    }
    for (ObjectName tn : tables) {
      Optional<Column> col = catalog.table(tn).flatMap(t -> t.column(w.name()));
      if (col.isPresent()) {
        return Optional.of(col.get().origin());
      }
    }
    return Optional.empty();
  }

  /** The first mention of {@code name} in the statement, else the statement. */
  private static Span narrow(String text, Span stmt, String name) {
    String body = stmt.of(text);
    int i = body.indexOf("\"" + name + "\"");
    if (i >= 0) {
      return new Span(stmt.start() + i, stmt.start() + i + name.length() + 2);
    }
    String lower = body.toLowerCase(java.util.Locale.ROOT);
    String n = name.toLowerCase(java.util.Locale.ROOT);
    int from = 0;
    while ((i = lower.indexOf(n, from)) >= 0) {
      boolean startOk = i == 0 || !identChar(lower.charAt(i - 1));
      boolean endOk = i + n.length() >= lower.length() || !identChar(lower.charAt(i + n.length()));
      if (startOk && endOk) {
        return new Span(stmt.start() + i, stmt.start() + i + n.length());
      }
      from = i + 1;
    }
    return stmt;
  }

  /** The identifier at {@code offset}: a quoted one (without quotes, {@code ""} unescaped) or a bare one, folded to lower case. */
  static Optional<Word> wordAt(String text, int offset) {
    Optional<int[]> at = identAt(text, offset);
    if (at.isEmpty()) {
      return Optional.empty();
    }
    int start = at.get()[0];
    int end = at.get()[1];
    String name = ident(text, start, end);
    Optional<String> qualifier = Optional.empty();
    if (start > 0 && text.charAt(start - 1) == '.') {
      Optional<int[]> q = identEndingAt(text, start - 1);
      if (q.isPresent()) {
        qualifier = Optional.of(ident(text, q.get()[0], q.get()[1]));
      }
    }
    return name.isEmpty() ? Optional.empty() : Optional.of(new Word(qualifier, name));
  }

  private static String ident(String text, int start, int end) {
    String raw = text.substring(start, end);
    if (raw.startsWith("\"") && raw.endsWith("\"") && raw.length() >= 2) {
      return raw.substring(1, raw.length() - 1).replace("\"\"", "\"");
    }
    return raw.toLowerCase(java.util.Locale.ROOT);
  }

  /** [start, end) of the identifier covering offset (quotes included for quoted names). */
  private static Optional<int[]> identAt(String text, int offset) {
    if (offset < 0 || offset > text.length()) {
      return Optional.empty();
    }
    // Inside or on a quoted identifier: find the quotes on this line.
    int lineStart = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
    int lineEnd = text.indexOf('\n', offset);
    if (lineEnd < 0) {
      lineEnd = text.length();
    }
    List<int[]> quoted = new ArrayList<>();
    for (int i = lineStart; i < lineEnd; i++) {
      if (text.charAt(i) == '"') {
        int j = i + 1;
        while (j < lineEnd) {
          if (text.charAt(j) == '"') {
            if (j + 1 < lineEnd && text.charAt(j + 1) == '"') {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        if (j >= lineEnd) {
          break;
        }
        quoted.add(new int[] {i, j + 1});
        i = j;
      }
    }
    for (int[] q : quoted) {
      if (offset >= q[0] && offset < q[1]) {
        return Optional.of(q);
      }
    }
    int s = offset;
    while (s > lineStart && identChar(text.charAt(s - 1))) {
      s--;
    }
    int e = offset;
    while (e < lineEnd && identChar(text.charAt(e))) {
      e++;
    }
    if (e == s || Character.isDigit(text.charAt(s))) {
      return Optional.empty();
    }
    return Optional.of(new int[] {s, e});
  }

  /** The identifier that ends right before {@code end}. */
  private static Optional<int[]> identEndingAt(String text, int end) {
    if (end <= 0) {
      return Optional.empty();
    }
    if (text.charAt(end - 1) == '"') {
      int i = end - 2;
      while (i >= 0 && text.charAt(i) != '"' && text.charAt(i) != '\n') {
        i--;
      }
      return i >= 0 && text.charAt(i) == '"' ? Optional.of(new int[] {i, end}) : Optional.empty();
    }
    int s = end;
    while (s > 0 && identChar(text.charAt(s - 1))) {
      s--;
    }
    return s < end ? Optional.of(new int[] {s, end}) : Optional.empty();
  }

  private static boolean identChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

}
