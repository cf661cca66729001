/**
 * Configuration: {@code lockstep.yaml} ({@link dev.lockstep.core.config.ConfigLoader}, {@link
 * dev.lockstep.core.config.LockstepConfig}) and exclusion globs ({@link
 * dev.lockstep.core.config.Exclusion}). A configuration problem is a {@link
 * dev.lockstep.core.config.ConfigException} whose message names the file, the line, the key and
 * the valid choices; surfaces report it as a usage error (exit code 2).
 */
package dev.lockstep.core.config;
