package io.linkguard.agent.runtime;

import io.linkguard.agent.events.LinkController;
import io.linkguard.agent.events.LinkInbox;
import io.linkguard.agent.events.LinkInboxes;
import io.linkguard.core.supervise.Heartbeat;
import io.linkguard.core.supervise.Loops;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
    /** The controllers in config order, and by inbox (identity), replaced together by {@link #run(List)}. */
    private record Running(List<LinkController> list, Map<LinkInbox, LinkController> byInbox) {
    }

    private volatile Running controllers = new Running(List.of(), Map.of());
    private volatile boolean running;

    LinksLoop(LinkInboxes inboxes) {
        this.inboxes = inboxes;
        this.thread = Thread.ofPlatform().name("links").daemon(true).unstarted(this::run);
    }

    /** From then on the loop runs {@code next}, in that order (config order). */
    void run(List<LinkController> next) {
        Map<LinkInbox, LinkController> byInbox = new IdentityHashMap<>();
        next.forEach(c -> byInbox.put(c.inbox(), c));
        controllers = new Running(List.copyOf(next), byInbox);
        inboxes.wakeConsumer(); // facts published before the hand-over are drained now, not at the next tick
    }

    /** What the loop runs now. */
    List<LinkController> controllers() {
        return controllers.list();
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
        Running seen = null;
        while (running) {
            heartbeat.beat();
            Running now = controllers;
            long nowNanos = System.nanoTime();
            boolean tick = nowNanos - nextTick >= 0;
            if (tick || now != seen) {
                inboxes.clearReady(); // first: a fact arriving during the pass queues its inbox again
                drainAll(now, loops); // new controllers may hold facts published before they were handed over
                seen = now;
            } else {
                drainReady(now, loops);
            }
            if (tick) {
                List<LinkController> list = now.list();
                for (int i = 0; i < list.size(); i++) {
                    loops.runGuarded(list.get(i).tickTask()); // one link's bug spares the rest
                }
                nextTick = Math.max(nextTick + tickNanos, nowNanos); // after a stall, no burst of catch-up ticks
            }
            passes.incrementAndGet();
            inboxes.await(Duration.ofNanos(Math.max(0, nextTick - System.nanoTime())));
        }
        drainAll(controllers, loops); // the facts of the shutdown itself (BFD AdminDown) reach the log and alerts
        heartbeat.close();
    }

    /** Every link: on a tick, and when the controllers change. */
    private static void drainAll(Running r, Loops loops) {
        List<LinkController> list = r.list();
        for (int i = 0; i < list.size(); i++) {
            loops.runGuarded(list.get(i).drainTask());
        }
    }

    /**
     * Only the links whose inbox received facts: with 1000 links a BFD change must not cost a pass over all
     * of them. At most one round over the links, so a flood into one inbox cannot hold the loop (what is left
     * stays queued and the next await returns at once).
     */
    private void drainReady(Running r, Loops loops) {
        int budget = Math.max(1, r.list().size());
        LinkInbox inbox;
        while ((inbox = inboxes.pollReady()) != null) {
            LinkController c = r.byInbox().get(inbox);
            if (c != null) { // null: a retired link's inbox, or a controller not handed over yet (drained then)
                loops.runGuarded(c.drainTask());
            }
            if (--budget == 0) {
                inboxes.wakeConsumer(); // the rest on the next pass, without waiting for the tick
                return;
            }
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
