package io.linkguard.agent.reload;

import io.linkguard.agent.config.Config;
import io.linkguard.config.ConfigException;
import io.linkguard.agent.config.ConfigLoader;
import io.linkguard.core.log.Log;
import io.linkguard.agent.systemd.SdNotify;
import io.linkguard.core.supervise.Heartbeat;
import io.linkguard.core.supervise.Loops;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * SIGHUP: read the config file again and apply it in place. An invalid file
 * changes nothing: the running config stays, every error is logged with its
 * file and line, and {@code linkguard_config_last_reload_successful} drops to
 * 0 until a good reload. Reloads run one at a time on their own thread; a
 * SIGHUP that arrives during a reload asks for one more afterwards (the file
 * may have changed again), never for a queue of them.
 *
 * <p>The thread is a supervised loop ({@link Loops}): a reload that throws is
 * logged, counted in {@code linkguard_internal_errors_total{thread="reload"}}
 * and reported as a failed reload, and the next SIGHUP is served as usual.
 */
public final class Reloader implements AutoCloseable {
    /** What a reload acts on: the running agent, or a test's fake. */
    public interface Target {
        boolean reload(Config next);

        void reloadRejected();
    }

    /** Longest wait for a SIGHUP, so the loop beats its heartbeat while idle. */
    private static final long IDLE_WAIT_MILLIS = 1000;
    /**
     * How long a reload may go without a beat before the watchdog calls the loop stuck: a reload stops
     * and starts probes, BFD sessions and alert channels, and waits up to 15 s for a link's hooks.
     */
    static final Duration MAX_SILENCE = Duration.ofSeconds(60);

    private final Target agent;
    private final Optional<Path> file;
    private final SdNotify notify;
    private final Loops loops;
    private final Semaphore requested = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;

    public Reloader(Target agent, Optional<Path> file, SdNotify notify) {
        this(agent, file, notify, Loops.process());
    }

    Reloader(Target agent, Optional<Path> file, SdNotify notify, Loops loops) {
        this.agent = agent;
        this.file = file;
        this.notify = notify;
        this.loops = loops;
        this.thread = Thread.ofPlatform().name("reload").daemon(true).start(this::loop);
    }

    /** Asks for a reload; returns at once (safe to call from a signal handler). */
    public void request() {
        if (requested.availablePermits() == 0) {
            requested.release();
        }
    }

    private void loop() {
        Heartbeat heartbeat = loops.enter(MAX_SILENCE);
        while (running) {
            heartbeat.beat();
            try {
                if (!requested.tryAcquire(IDLE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                requested.drainPermits();
            } catch (InterruptedException e) {
                break;
            }
            try {
                reloadOnce();
            } catch (RuntimeException e) {
                // A bug in applying a config must not end the thread: later SIGHUPs would be ignored.
                loops.failed(e);
                Log.error("reload failed: %s; the agent runs on with what was applied, send SIGHUP to retry", e);
                try {
                    agent.reloadRejected();
                } catch (RuntimeException again) {
                    loops.failed(again);
                }
            } catch (Error e) {
                loops.fatal(Thread.currentThread().getName(), "reload failed", e);
                return;
            }
        }
        heartbeat.close();
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
