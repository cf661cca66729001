package dev.lockstep.lsp;

import dev.lockstep.core.source.LineIndex;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/**
 * One open editor buffer: its URI as the client spells it, the file it stands for and its text.
 *
 * @param uri the client's URI (used verbatim in everything sent back)
 * @param path the file on disk, when the URI is a {@code file:} URI
 */
public record Document(String uri, Optional<Path> path, int version, String text) {

  /** The document after the client's changes (full or incremental, applied in order). */
  public Document apply(int newVersion, List<TextDocumentContentChangeEvent> changes) {
    String t = text;
    for (TextDocumentContentChangeEvent c : changes) {
      Range r = c.getRange();
      if (r == null) {
        t = c.getText();
      } else {
        LineIndex lines = new LineIndex(t);
        int start = lines.offset(r.getStart().getLine(), r.getStart().getCharacter());
        int end = lines.offset(r.getEnd().getLine(), r.getEnd().getCharacter());
        if (end < start) {
          int x = start;
          start = end;
          end = x;
        }
        t = t.substring(0, start) + c.getText() + t.substring(end);
      }
    }
    return new Document(uri, path, newVersion, t);
  }

  /**
   * The name of a buffer that was never saved, for {@code untitled:} URIs: {@code Untitled-1} for
   * {@code untitled:Untitled-1}, or the path the editor will offer to save it as.
   */
  public static Optional<String> untitledName(String uri) {
    try {
      URI u = URI.create(uri);
      if (!"untitled".equalsIgnoreCase(u.getScheme())) {
        return Optional.empty();
      }
      String name = u.getSchemeSpecificPart();
      return name == null || name.isBlank() ? Optional.empty() : Optional.of(name);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The file a URI names, for {@code file:} URIs. */
  public static Optional<Path> pathOf(String uri) {
    try {
      URI u = URI.create(uri);
      if (!"file".equalsIgnoreCase(u.getScheme())) {
        return Optional.empty();
      }
      return Optional.of(Path.of(u).toAbsolutePath().normalize());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
