package io.linkguard.agent.cli;

import io.linkguard.alerts.ChannelTester;
import io.linkguard.alerts.config.ChannelConfig;
import io.linkguard.agent.config.Config;
import io.linkguard.config.ConfigException;
import io.linkguard.agent.config.ConfigLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code linkguard alert ...}: alert channel tools. */
@Command(name = "alert", mixinStandardHelpOptions = true, description = "Alert channels: send a test message.",
        subcommands = {AlertCommand.Test.class})
final class AlertCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (test)");
    }

    /**
     * {@code linkguard alert test [CHANNEL]}: a test message to every channel (or one), sent now without
     * the spool. Exit 0 if every channel accepted it, 1 if any did not, 2 for a usage or config error.
     */
    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Send a test message to each configured alert channel (or only CHANNEL) and print "
                    + "what each endpoint answered. Exit status: 0 all accepted, 1 some failed, 2 usage or "
                    + "config error.")
    static final class Test implements Callable<Integer> {
        static final int EXIT_SOME_FAILED = 1;

        @Parameters(arity = "0..1", paramLabel = "CHANNEL", description = "only this channel (by name)")
        String channel;

        @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "/etc/linkguard/linkguard.yml",
                description = "YAML config file (default: ${DEFAULT-VALUE})")
        Path config;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Config cfg;
            try {
                cfg = ConfigLoader.load(config);
            } catch (ConfigException e) {
                e.errors().forEach(err::println);
                return Main.EXIT_ERROR;
            }
            if (cfg.alerts().isEmpty()) {
                err.println(config + ": no alerts: section, no channel to test");
                return Main.EXIT_ERROR;
            }
            List<ChannelConfig> channels = ChannelTester.select(cfg.alerts().get(), Optional.ofNullable(channel));
            if (channels.isEmpty()) {
                err.println("linkguard: no alert channel named " + channel + " in " + config + " (configured: "
                        + String.join(", ", cfg.alerts().get().channels().stream().map(ChannelConfig::name)
                        .toList()) + ")");
                return Main.EXIT_ERROR;
            }
            List<ChannelTester.Result> results;
            try {
                results = ChannelTester.run(channels, cfg.agent().node());
            } catch (IOException e) {
                err.println("linkguard: " + e.getMessage());
                return Main.EXIT_ERROR;
            }
            for (ChannelTester.Result r : results) {
                out.printf("%s (%s): %s, %s%n", r.channel(), r.type(),
                        r.status().map(s -> "HTTP " + s).orElse("no HTTP answer"), r.detail());
            }
            out.flush();
            return results.stream().allMatch(ChannelTester.Result::ok) ? Main.EXIT_OK : EXIT_SOME_FAILED;
        }
    }
}
