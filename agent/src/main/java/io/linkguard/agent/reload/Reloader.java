package io.linkguard.agent.reload;

import io.linkguard.agent.Agent;
import io.linkguard.agent.config.Config;
import io.linkguard.agent.config.ConfigException;
import io.linkguard.agent.config.ConfigLoader;
import io.linkguard.agent.log.Log;
import io.linkguard.agent.systemd.SdNotify;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * SIGHUP: read the config file again and apply it in place. An invalid file
 * changes nothing: the running config stays, every error is logged with its
 * file and line, and {@code linkguard_config_last_reload_successful} drops to
 * 0 until a good reload. Reloads run one at a time on their own thread; a
 * SIGHUP that arrives during a reload asks for one more afterwards (the file
 * may have changed again), never for a queue of them.
 */
public final class Reloader implements AutoCloseable {
    private final Agent agent;
    private final Optional<Path> file;
    private final SdNotify notify;
    private final Semaphore requested = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;

    public Reloader(Agent agent, Optional<Path> file, SdNotify notify) {
        this.agent = agent;
        this.file = file;
        this.notify = notify;
        this.thread = Thread.ofPlatform().name("reload").daemon(true).start(this::loop);
    }

    /** Asks for a reload; returns at once (safe to call from a signal handler). */
    public void request() {
        if (requested.availablePermits() == 0) {
            requested.release();
        }
    }

    private void loop() {
        while (running) {
            try {
                requested.acquire();
                requested.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            reloadOnce();
        }
    }

    /** One reload. Returns true if the new config was applied in full. */
    public boolean reloadOnce() {
        if (file.isEmpty()) {
            Log.notice("reload: running on the embedded default config, nothing to read again");
            return true;
        }
        notify.reloading();
        try {
            Config next;
            try {
                next = ConfigLoader.load(file.get());
            } catch (ConfigException e) {
                e.errors().forEach(err -> Log.error("reload rejected: %s", err));
                Log.error("reload rejected: %d error(s) in %s; the running config stays in force",
                        e.errors().size(), file.get());
                agent.reloadRejected();
                return false;
            }
            return agent.reload(next);
        } finally {
            notify.ready("running; last reload at " + java.time.Instant.now());
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
