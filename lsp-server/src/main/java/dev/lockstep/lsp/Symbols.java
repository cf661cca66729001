package dev.lockstep.lsp;

import dev.lockstep.core.engine.StatementResult;
import dev.lockstep.core.ir.Operation;
import dev.lockstep.core.source.Span;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;

/** {@code textDocument/documentSymbol}: one symbol per statement, with its operations as children. */
final class Symbols {
  private static final int MAX_NAME = 80;

  private Symbols() {}

  static List<DocumentSymbol> symbols(Analysis a) {
    List<DocumentSymbol> out = new ArrayList<>();
    String text = a.document().text();
    for (StatementResult s : a.statements()) {
      String name = firstLine(s.span().of(text));
      DocumentSymbol sym = new DocumentSymbol(name.isEmpty() ? "statement " + (s.index() + 1) : name,
          kind(s.operations().isEmpty() ? null : s.operations().get(0)), Converters.range(a.lines(), s.span()),
          Converters.range(a.lines(), s.span()));
      EffectsText.summary(s).ifPresent(sym::setDetail);
      if (s.operations().size() > 1) {
        List<DocumentSymbol> children = new ArrayList<>();
        for (Operation op : s.operations()) {
          Span sp = clamp(op.span(), s.span());
          String opName = op.kind() + op.table().map(t -> " " + EffectsText.name(t)).orElse("");
          children.add(new DocumentSymbol(opName, kind(op), Converters.range(a.lines(), sp),
              Converters.range(a.lines(), sp)));
        }
        sym.setChildren(children);
      }
      out.add(sym);
    }
    return out;
  }

  private static Span clamp(Span op, Span stmt) {
    int start = Math.max(stmt.start(), Math.min(op.start(), stmt.end()));
    int end = Math.max(start, Math.min(op.end(), stmt.end()));
    return new Span(start, end);
  }

  private static String firstLine(String stmt) {
    String t = stmt.strip();
    int nl = t.indexOf('\n');
    if (nl >= 0) {
      t = t.substring(0, nl).strip();
    }
    t = t.replaceAll("\\s+", " ");
    return t.length() > MAX_NAME ? t.substring(0, MAX_NAME - 1) + "…" : t;
  }

  private static SymbolKind kind(Operation op) {
    if (op == null) {
      return SymbolKind.Null;
    }
    String k = op.kind();
    if (k.equals("create-table")) {
      return SymbolKind.Struct;
    }
    if (k.contains("column")) {
      return SymbolKind.Field;
    }
    if (k.contains("index")) {
      return SymbolKind.Key;
    }
    if (k.contains("enum") || k.contains("type")) {
      return SymbolKind.Enum;
    }
    if (k.contains("constraint")) {
      return SymbolKind.Property;
    }
    if (k.contains("view")) {
      return SymbolKind.Interface;
    }
    return SymbolKind.Event;
  }
}
