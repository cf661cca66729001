/**
 * Source text model: positions ({@link dev.lockstep.core.source.Span},
 * {@link dev.lockstep.core.source.LineIndex}), tokens ({@link dev.lockstep.core.source.Lexer}) and
 * statements ({@link dev.lockstep.core.source.Splitter}).
 *
 * <p>Conventions that consumers rely on:
 *
 * <ul>
 *   <li>All offsets are UTF-16 indices into the file text as a Java {@code String}; a token's
 *       {@code text} is exactly {@code fileText.substring(start, end)}.
 *   <li>Lexing never throws. Unterminated quotes, comments and dollar quotes produce one
 *       {@code ERROR} token that runs to the end of the file; the splitter reports every
 *       {@code ERROR} token as a {@link dev.lockstep.core.source.SplitResult.LexProblem} and keeps
 *       it as a code token of the statement it occurs in.
 *   <li>"Code tokens" are all tokens except comments. Each code token is in exactly one statement,
 *       with two exceptions: delimiter command lines ({@code DELIMITER //}, lexed as
 *       {@code PSQL_META}, see {@link dev.lockstep.core.source.Lexer#delimiterArgument}) are in no
 *       statement and not in the comment list, and a lone terminator ({@code ;} with nothing
 *       before it) is in no statement: empty statements do not exist.
 *   <li>A custom delimiter is lexed as a {@code SEMICOLON} token whose text is the delimiter, so
 *       {@link dev.lockstep.core.source.SqlStatement#body()} strips it like a {@code ;}.
 *   <li>{@code TEMPLATE} tokens (Go templates, Flyway and synapse placeholders) are code tokens
 *       that stand for an identifier or type substituted before execution.
 * </ul>
 */
package dev.lockstep.core.source;
