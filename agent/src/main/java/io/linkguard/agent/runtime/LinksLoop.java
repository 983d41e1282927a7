package io.linkguard.agent.runtime;

import io.linkguard.agent.events.LinkController;
import io.linkguard.agent.events.LinkInboxes;
import io.linkguard.core.supervise.Heartbeat;
import io.linkguard.core.supervise.Loops;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code links} thread: the one thread every link's controller runs on. It drains each link's
 * inbox as soon as facts arrive (an engine's publish wakes it), and ticks every link each
 * {@link #TICK} (windows slide, dampening decays, failback delays and retries come due). A controller
 * that throws is reported by {@link Loops} and the others go on. The reload thread hands it the
 * controllers to run ({@link #run(List)}) and, before retiring one it took away, waits for the pass
 * that might still be using it ({@link #awaitPass}), so a retired controller is never touched again.
 */
final class LinksLoop implements AutoCloseable {
    static final Duration TICK = Duration.ofMillis(100);

    private final LinkInboxes inboxes;
    private final Thread thread;
    private final AtomicLong passes = new AtomicLong();
    private volatile List<LinkController> controllers = List.of();
    private volatile boolean running;

    LinksLoop(LinkInboxes inboxes) {
        this.inboxes = inboxes;
        this.thread = Thread.ofPlatform().name("links").daemon(true).unstarted(this::run);
    }

    /** From then on the loop runs {@code next}, in that order (config order). */
    void run(List<LinkController> next) {
        controllers = List.copyOf(next);
    }

    /** What the loop runs now. */
    List<LinkController> controllers() {
        return controllers;
    }

    /**
     * Waits (at most 2 s) until the loop has begun and ended a pass after this call: a controller no
     * longer in {@link #run(List)}'s list is then no longer used by the loop.
     */
    void awaitPass() {
        if (!running || Thread.currentThread() == thread || !thread.isAlive()) {
            return;
        }
        long target = passes.get() + 2;
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (passes.get() < target && thread.isAlive() && System.nanoTime() - deadline < 0) {
            inboxes.wakeConsumer();
            LockSupport.parkNanos(1_000_000L);
        }
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
                for (LinkController c : controllers) {
                    loops.runGuarded(c::tick); // one link's bug spares the rest
                }
                nextTick = Math.max(nextTick + tickNanos, now); // after a stall, no burst of catch-up ticks
            }
            passes.incrementAndGet();
            inboxes.await(Duration.ofNanos(Math.max(0, nextTick - System.nanoTime())));
        }
        drainAll(loops); // the facts of the shutdown itself (BFD AdminDown) reach the log and alerts
        heartbeat.close();
    }

    private void drainAll(Loops loops) {
        for (LinkController c : controllers) {
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
