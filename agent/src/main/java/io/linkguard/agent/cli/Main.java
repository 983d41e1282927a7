package io.linkguard.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code linkguard} command line. */
@Command(name = "linkguard", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Watches a site-to-site tunnel with ICMP and TCP probes and exports what it measures.",
        subcommands = {RunCommand.class, CheckConfigCommand.class, ConfigSchemaCommand.class, PingCommand.class,
                BfdCommand.class,
                MtuCommand.class,
                AlertCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit codes. 1 is ping's "no reply"; 2 is a usage or set-up error an operator must fix. */
    public static final int EXIT_OK = 0;
    public static final int EXIT_NO_REPLY = 1;
    public static final int EXIT_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExitCodeExceptionMapper(t -> EXIT_ERROR);
        // Operators get one line naming the problem, never a stack trace.
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("linkguard: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            return EXIT_ERROR;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("linkguard: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try 'linkguard " + ex.getCommandLine().getCommandName()
                    .replace("linkguard", "").trim() + " --help'.");
            return EXIT_ERROR;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (run, check-config, ping)");
    }
}
