package io.linkguard.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code linkguard bfd ...}: BFD tools. */
@Command(name = "bfd", mixinStandardHelpOptions = true, description = "BFD sessions: show the agent's, or probe a peer.",
        subcommands = {BfdProbeCommand.class, BfdShowCommand.class})
final class BfdCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (show, probe)");
    }
}
