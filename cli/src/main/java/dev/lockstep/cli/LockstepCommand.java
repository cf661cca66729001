package dev.lockstep.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code lockstep}: the root command. */
@Command(name = "lockstep", mixinStandardHelpOptions = true, versionProvider = LockstepCommand.Version.class,
    description = "Predicts what each statement of your migrations does to a live PostgreSQL database"
        + " (locks, rewrites, scans) and reports the ones that would hurt, with fixes.",
    footer = {"", "Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage/config/input error,"
        + " 70 internal error."})
public final class LockstepCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of internal errors.")
  boolean debug;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** {@code lockstep --version}. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"lockstep " + Project.version()};
    }
  }
}
