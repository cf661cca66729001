package dev.lockstep.cli;

import dev.lockstep.core.service.LintService;

/** Builds the lint service every command uses. */
final class Services {
  private Services() {}

  static LintService lintService() {
    return LintService.createDefault();
  }
}
