package io.linkguard.agent.runtime;

import io.linkguard.agent.events.LinkController;
import io.linkguard.agent.events.LinkInboxes;
import io.linkguard.core.supervise.Heartbeat;
import io.linkguard.core.supervise.Loops;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code links} thread: the one thread every link's controller runs on. It drains each link's
 * inbox as soon as facts arrive (an engine's publish wakes it), and ticks every link each
 * {@link #TICK} (windows slide, dampening decays, failback delays and retries come due). A controller
 * that throws is reported by {@link Loops} and the others go on.
 */
final class LinksLoop implements AutoCloseable {
    static final Duration TICK = Duration.ofMillis(100);

    private final LinkInboxes inboxes;
    private final Supplier<List<LinkController>> controllers;
    private final Thread thread;
    private volatile boolean running;

    LinksLoop(LinkInboxes inboxes, Supplier<List<LinkController>> controllers) {
        this.inboxes = inboxes;
        this.controllers = controllers;
        this.thread = Thread.ofPlatform().name("links").daemon(true).unstarted(this::run);
    }

    void start() {
        running = true;
        thread.start();
    }

    private void run() {
        Loops loops = Loops.process();
        Heartbeat heartbeat = loops.enter(Loops.DEFAULT_MAX_SILENCE);
        long tickNanos = TICK.toNanos();
        long nextTick = System.nanoTime() + tickNanos;
        while (running) {
            heartbeat.beat();
            drainAll(loops);
            long now = System.nanoTime();
            if (now - nextTick >= 0) {
                for (LinkController c : controllers.get()) {
                    loops.runGuarded(c::tick); // one link's bug spares the rest
                }
                nextTick = Math.max(nextTick + tickNanos, now); // after a stall, no burst of catch-up ticks
            }
            inboxes.await(Duration.ofNanos(Math.max(0, nextTick - System.nanoTime())));
        }
        drainAll(loops); // the facts of the shutdown itself (BFD AdminDown) reach the log and alerts
        heartbeat.close();
    }

    private void drainAll(Loops loops) {
        for (LinkController c : controllers.get()) {
            loops.runGuarded(c::drain);
        }
    }

    /** Stops after one last drain; waits up to 5 s for it. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        inboxes.wakeConsumer();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
