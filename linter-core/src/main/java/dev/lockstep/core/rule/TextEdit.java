package dev.lockstep.core.rule;

import dev.lockstep.core.source.Span;

/** Replace {@code span} of the file's text with {@code replacement} (an insertion when the span is empty). */
public record TextEdit(Span span, String replacement) {}
