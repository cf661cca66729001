package dev.lockstep.core.ir;

import dev.lockstep.core.source.Span;

/**
 * An SQL expression as written, with what the recognizer could tell about it.
 *
 * @param text the expression's source text
 * @param span where it is in the file
 * @param volatility the volatility of the functions it calls
 * @param constant whether it is a literal or a cast of a literal ({@code 'x'::text}, {@code 0},
 *     {@code false}, {@code ARRAY[]::text[]})
 */
public record Expr(String text, Span span, Volatility volatility, boolean constant) {}
