package io.linkguard.agent.cli;

import io.linkguard.agent.runtime.Agent;
import io.linkguard.agent.config.Config;
import io.linkguard.config.ConfigException;
import io.linkguard.agent.config.ConfigLoader;
import io.linkguard.core.log.Log;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.linkguard.agent.reload.Reloader;
import io.linkguard.agent.systemd.SdNotify;
import io.linkguard.agent.systemd.Watchdog;
import io.linkguard.probes.sched.LagListener;
import io.linkguard.probes.net.ProcessSignals;
import sun.misc.Signal;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code linkguard run}: the daemon. Runs until SIGTERM or SIGINT, then shuts
 * down cleanly; SIGHUP reloads the config. Under systemd ({@code Type=notify})
 * it reports READY=1 once every probe runs, and pings the watchdog while the
 * probe scheduler is healthy.
 */
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
        SdNotify notify = SdNotify.fromEnvironment(System.getenv());
        Optional<Watchdog> watchdog = Watchdog.fromEnvironment(System.getenv(), notify);
        Agent agent = new Agent(cfg, watchdog.map(w -> (LagListener) w).orElse(LagListener.NONE));
        Reloader reloader = new Reloader(agent, Optional.ofNullable(config), notify);
        // SIGTERM and SIGINT run shutdown hooks: stop probes, close sockets, then let main return.
        Thread hook = Thread.ofPlatform().name("shutdown").unstarted(() -> {
            Log.notice("stopping");
            notify.stopping();
            watchdog.ifPresent(Watchdog::close);
            reloader.close();
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
        // systemd's ExecReload sends SIGHUP (the convention of sshd, nginx, Prometheus). Inherited
        // SIG_IGN (nohup) would make the JVM skip our handler without a word: reset it first.
        if (ProcessSignals.restoreDefault(ProcessSignals.SIGHUP)) {
            Log.info("SIGHUP was ignored by the parent (nohup?); reset so that it reloads the config");
        }
        Signal.handle(new Signal("HUP"), sig -> reloader.request());
        watchdog.ifPresent(w -> w.start(agent.scheduler()));
        notify.ready("running: " + cfg.links().size() + " link(s)");
        stopped.await();
        return Main.EXIT_OK;
    }
}
