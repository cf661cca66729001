package dev.lockstep.cli;

import dev.lockstep.core.rule.RuleRegistry;
import dev.lockstep.core.service.LintService;
import dev.lockstep.lsp.LockstepLsp;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lockstep lsp}: the language server on standard input and output. */
@Command(name = "lsp", mixinStandardHelpOptions = true, versionProvider = LockstepCommand.Version.class,
    description = {"Serve the Language Server Protocol on standard input and output: diagnostics, hovers,"
        + " inlay hints, code actions and more in any editor, from the same engine and configuration as"
        + " 'lockstep lint'."},
    footer = {"", "Editors start this command themselves; see the README's Editors section."})
public final class LspCommand implements Callable<Integer> {
  private final Environment env;
  private final Supplier<LintService> service;

  @Option(names = "--stdio", description = "Use standard input and output (the default and only transport;"
      + " accepted because many editors pass it).")
  boolean stdio;

  LspCommand(Environment env, Supplier<LintService> service) {
    this.env = env;
    this.service = service;
  }

  @Override
  public Integer call() {
    InputStream in = new FileInputStream(FileDescriptor.in);
    OutputStream out = new FileOutputStream(FileDescriptor.out);
    // The protocol owns standard output: anything else printed goes to standard error.
    PrintStream previous = System.out;
    System.setOut(env.err());
    try {
      RuleRegistry registry = RuleRegistry.load(LspCommand.class.getClassLoader());
      return LockstepLsp.serve(in, out, service.get(), registry, Project::ruleDocUri, Project.version());
    } finally {
      System.setOut(previous);
    }
  }
}
