package dev.lockstep.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import dev.lockstep.core.service.LintService;
import java.util.Arrays;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Parses arguments, runs one command and maps every outcome to an exit code. Never exits the process. */
public final class Cli {
  private final Environment env;
  private final Supplier<LintService> service;

  public Cli(Environment env) {
    this(env, Services::lintService);
  }

  /** With a given lint service (tests). */
  Cli(Environment env, Supplier<LintService> service) {
    this.env = env;
    this.service = service;
  }

  /** Runs {@code lockstep args...} and returns the exit code. */
  public int run(String... args) {
    boolean debug = Arrays.asList(args).contains("--debug");
    CommandLine cl = commandLine(args.length > 0 ? args[0] : "");
    cl.setParameterExceptionHandler((ex, a) -> {
      CommandLine failed = ex.getCommandLine();
      env.err().println("lockstep: " + ex.getMessage());
      env.err().println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
      return ExitCodes.USAGE;
    });
    cl.setExecutionExceptionHandler((ex, failed, parseResult) -> handle(ex, debug));
    try {
      return cl.execute(args);
    } catch (RuntimeException e) {
      return handle(e, debug);
    }
  }

  /** Every command, in the order {@code --help} lists them. */
  private java.util.LinkedHashMap<String, Supplier<Object>> commands() {
    java.util.LinkedHashMap<String, Supplier<Object>> c = new java.util.LinkedHashMap<>();
    c.put("lint", () -> new LintCommand(env, service));
    c.put("plan", () -> new PlanCommand(env, service));
    c.put("rollback", () -> new RollbackCommand(env, service));
    c.put("trace", () -> new TraceCommand(env, service));
    c.put("rules", () -> new RulesCommand(env));
    c.put("explain", () -> new ExplainCommand(env));
    c.put("lsp", () -> new LspCommand(env, service));
    c.put("daemon", () -> new DaemonCommand(env));
    return c;
  }

  /**
   * The command line for {@code lockstep first ...}: when {@code first} names a command, only that
   * command's model is built (picocli reads each command's annotations by reflection, which is a
   * good part of a short run's start-up); otherwise all of them, for help and for suggestions.
   */
  CommandLine commandLine(String first) {
    CommandLine cl = new CommandLine(new LockstepCommand());
    java.util.LinkedHashMap<String, Supplier<Object>> commands = commands();
    Supplier<Object> only = commands.get(first);
    if (only != null) {
      cl.addSubcommand(first, only.get());
    } else {
      commands.forEach((name, command) -> cl.addSubcommand(name, command.get()));
    }
    cl.setOut(new PrintWriter(env.out(), true));
    cl.setErr(new PrintWriter(env.err(), true));
    return cl;
  }

  private int handle(Exception ex, boolean debug) {
    if (ex instanceof UsageException) {
      env.err().println("lockstep: " + ex.getMessage());
      return ExitCodes.USAGE;
    }
    env.err().println("lockstep: internal error: " + ex);
    env.err().println("This is a bug in lockstep " + Project.version() + ". Please report it at " + Project.ISSUES
        + " with the command line and, if you can, the migration file.");
    if (debug) {
      StringWriter sw = new StringWriter();
      ex.printStackTrace(new PrintWriter(sw));
      env.err().print(sw);
    } else {
      env.err().println("Run again with --debug to see the stack trace.");
    }
    env.err().flush();
    return ExitCodes.INTERNAL;
  }
}
