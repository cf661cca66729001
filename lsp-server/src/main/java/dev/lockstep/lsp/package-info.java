/**
 * The lockstep language server: protocol glue over the same {@code LintService} and {@code
 * OptionsResolver} the CLI uses.
 *
 * <ul>
 *   <li>{@link dev.lockstep.lsp.Analyzer} is the language service: it lints a document version with
 *       the options the CLI would resolve for that file (plus the editor's {@code pgVersion}/{@code
 *       tool} overrides) and every open buffer as an overlay, and keeps the latest {@link
 *       dev.lockstep.lsp.Analysis} per document. It knows nothing of the protocol.
 *   <li>{@link dev.lockstep.lsp.Converters}, {@code Hovers}, {@code Hints}, {@code Actions}, {@code
 *       Symbols} and {@code Definitions} turn an analysis into LSP values.
 *   <li>{@link dev.lockstep.lsp.Workspace} holds the open documents and decides when to lint:
 *       leading-edge debounce per document, only the latest version published, other open
 *       documents re-linted shortly after any change (they may have it in their history).
 *   <li>{@link dev.lockstep.lsp.LockstepLanguageServer} and its two services only convert and
 *       delegate; {@link dev.lockstep.lsp.LockstepLsp} starts it on a pair of streams.
 * </ul>
 *
 * <p>Pushed diagnostics are linted on one thread; requests run on a small pool and are
 * cancellable. Nothing is written to standard output except protocol messages; logs go to the
 * client with {@code window/logMessage}.
 */
package dev.lockstep.lsp;
