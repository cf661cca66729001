/**
 * Project discovery: which migration files exist below the given paths, which tool runs them, in
 * which order, in which SQL dialect, and how each file is sent to the database.
 *
 * <ul>
 *   <li>{@link dev.lockstep.core.project.ProjectDiscovery#discover} turns input paths into {@link
 *       dev.lockstep.core.project.DiscoveryResult}: one {@link
 *       dev.lockstep.core.project.MigrationSet} per history (the full ordered history, for replay)
 *       with the files to lint, plus input problems and deliberately skipped files. It never
 *       throws for bad inputs.
 *   <li>{@link dev.lockstep.core.project.MigrationTool} names the tools (stable ids for
 *       configuration and {@code --tool}); each has a default {@link
 *       dev.lockstep.core.project.ExecutionModel}.
 *   <li>{@link dev.lockstep.core.project.ExecutionDirectives#effectiveModel} refines a file's model
 *       from the directives in its comments ({@code -- +goose NO TRANSACTION}, {@code --
 *       migrate:up transaction:false}, {@code -- no-transaction}, {@code -- lockstep:execution
 *       ...}).
 * </ul>
 *
 * Everything is deterministic: sets, files, problems are sorted, independent of the order of the
 * inputs and of the file system's listing order. All values are records with immutable
 * collections.
 */
package dev.lockstep.core.project;
