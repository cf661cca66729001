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
 * <p>JSqlParser is used only where the token reader is not enough: the tables of a query whose
 * FROM clauses the reader cannot follow, and data statements the reader rejects. Parsing a
 * statement with JSqlParser costs far more than recognizing it at token level, so it stays off
 * the common path, runs on the calling thread, and its failure leaves the token-level result.
 */
package dev.lockstep.core.recognize;
