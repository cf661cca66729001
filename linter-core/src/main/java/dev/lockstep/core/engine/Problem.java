package dev.lockstep.core.engine;

/**
 * Something that kept lockstep from linting an input completely: a path that does not exist, an
 * unreadable file, a layout it could not order. Reported beside findings; never fatal for the rest.
 *
 * @param path the input as given or the file's display path
 * @param message what went wrong, for a person
 */
public record Problem(String path, String message) {}
