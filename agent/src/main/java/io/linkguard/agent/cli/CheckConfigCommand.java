package io.linkguard.agent.cli;

import io.linkguard.agent.config.Config;
import io.linkguard.config.ConfigException;
import io.linkguard.agent.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code linkguard check-config FILE}: validates a config and prints the same messages the agent would. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Validate a config file. Prints every error as FILE:LINE: KEY: MESSAGE.")
final class CheckConfigCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() {
        try {
            Config cfg = ConfigLoader.load(file);
            long probes = cfg.links().stream().mapToLong(l -> l.probes().size()).sum();
            System.out.printf("%s: OK (%d link(s), %d probe(s), listen %s)%n", file, cfg.links().size(), probes,
                    cfg.agent().listen());
            return Main.EXIT_OK;
        } catch (ConfigException e) {
            e.errors().forEach(System.err::println);
            return Main.EXIT_ERROR;
        }
    }
}
