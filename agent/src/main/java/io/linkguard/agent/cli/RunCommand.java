package io.linkguard.agent.cli;

import io.linkguard.agent.Agent;
import io.linkguard.agent.config.Config;
import io.linkguard.agent.config.ConfigException;
import io.linkguard.agent.config.ConfigLoader;
import io.linkguard.agent.log.Log;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code linkguard run}: the daemon. Runs until SIGTERM or SIGINT, then shuts down cleanly. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the agent. Without --config it probes 127.0.0.1 with an embedded default config.")
final class RunCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML config file")
    Path config;

    @Option(names = "--debug", description = "log at debug level")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        if (debug) {
            Log.setThreshold(Log.Level.DEBUG);
        }
        Config cfg;
        try {
            cfg = config == null ? ConfigLoader.embeddedDefault() : ConfigLoader.load(config);
        } catch (ConfigException e) {
            e.errors().forEach(err -> Log.error("%s", err));
            return Main.EXIT_ERROR;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Agent agent = new Agent(cfg);
        // SIGTERM and SIGINT run shutdown hooks: stop probes, close sockets, then let main return.
        Thread hook = Thread.ofPlatform().name("shutdown").unstarted(() -> {
            Log.notice("stopping");
            agent.close();
            stopped.countDown();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            agent.start();
        } catch (Exception e) {
            Log.error("%s", e.getMessage());
            agent.close();
            return Main.EXIT_ERROR;
        }
        stopped.await();
        return Main.EXIT_OK;
    }
}
