/**
 * Recognition: split statements to lockstep's operation IR ({@link dev.lockstep.core.ir.Operation}).
 *
 * <p>{@link dev.lockstep.core.recognize.Recognizer} is the entry point. It reads a statement's code
 * tokens with a small cursor ({@code Cursor}) and PostgreSQL's grammar for the commands migrations
 * use: tables and their actions ({@code Tables}), data types ({@code Types}), expressions with
 * their volatility and whether they are constants ({@code Expressions}), and data statements
 * ({@code Dml}). Every operation carries the span of its own clause; a statement the reader does
 * not understand becomes one {@link dev.lockstep.core.ir.Operation.Unrecognized} whose reason
 * names the token where reading stopped.
 *
 * <p>Which tables a query or data statement reads, per query block and with the conditions that
 * restrict each, comes from the token reader {@code TokenReads}: PostgreSQL's operator precedence,
 * joins, subqueries, {@code WITH} queries and set operations. JSqlParser is asked only where that
 * reader gives up (statements outside its grammar, such as {@code GROUPING SETS} or text that does
 * not parse) and where the table list of a query cannot be read at token level; on the PostgreSQL
 * corpus that is 2 statements of 25,225. Parsing with JSqlParser costs far more than reading
 * tokens, so it stays off the common path, runs on the calling thread, and its failure leaves the
 * token-level result. {@code TokenReadsCorpusTest} compares the two readings over the corpus.
 */
package dev.lockstep.core.recognize;
