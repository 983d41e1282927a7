package io.linkguard.agent.events;

import io.linkguard.agent.failover.ActionResult;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The facts waiting for one link's controller: many producers (probe, bfd, pmtu and failover threads),
 * one consumer (the {@code links} thread). Lock-free, so an engine never waits for the controller.
 *
 * <p>Engine facts are bounded ({@link #CAPACITY}): a full inbox drops the fact and counts it, since an
 * engine must never block nor let a stalled controller grow the heap. Dropping is safe: a probe result is
 * superseded by the next one (health judges a window, a lost sample only thins it), a PMTU result by the
 * next search, and a dropped BFD change is marked so the controller asks the engine for the session's
 * current state (BfdEngine.currentState) once there is room. Facts that are never sent again
 * ({@link LinkFact#neverDropped()}: action results, route drift, interface readings) are not bounded: at most
 * one run per link is in flight, so they are few, and the retry logic needs every failure.
 */
public final class LinkInbox {
    public static final int CAPACITY = 1024;

    private final String link;
    private final int capacity;
    private final Consumer<LinkInbox> ready;
    /** Whether this inbox waits in the consumer's ready queue: only the first fact after a drain signals. */
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Queue<LinkFact> facts = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    /** The unbounded lane: {@link LinkFact#neverDropped()} facts. */
    private final Queue<LinkFact> actionRuns = new ConcurrentLinkedQueue<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean bfdLost = new AtomicBoolean();

    /** @param wake tells the consumer there is something to drain (once until {@link #unqueue}) */
    public LinkInbox(String link, int capacity, Runnable wake) {
        this(link, capacity, inbox -> wake.run());
    }

    /** @param ready hands this inbox to the consumer's ready queue when its first fact since a drain arrives */
    LinkInbox(String link, int capacity, Consumer<LinkInbox> ready) {
        this.link = link;
        this.capacity = capacity;
        this.ready = ready;
    }

    public String link() {
        return link;
    }

    /** From any thread. Returns false if the inbox was full and the fact was dropped (and counted). */
    public boolean offer(LinkFact fact) {
        if (fact.neverDropped()) {
            actionRuns.add(fact);
            signal();
            return true;
        }
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            dropped.incrementAndGet();
            if (fact instanceof LinkFact.Bfd) {
                bfdLost.set(true);
            }
            return false;
        }
        facts.add(fact);
        signal();
        return true;
    }

    /** Queues this inbox for the consumer unless it is queued already: one wake-up per batch, not per fact. */
    private void signal() {
        if (queued.compareAndSet(false, true)) {
            ready.accept(this);
        }
    }

    /** The consumer took this inbox off its ready queue and drains it now: the next fact signals again. */
    void unqueue() {
        queued.set(false);
    }

    /** On the consumer's thread: hands at most {@code max} waiting facts to {@code to}, in arrival order per lane. */
    int drain(int max, Consumer<LinkFact> to) {
        int n = 0;
        LinkFact f;
        while (n < max && (f = actionRuns.poll()) != null) {
            to.accept(f);
            n++;
        }
        while (n < max && (f = facts.poll()) != null) {
            size.decrementAndGet();
            to.accept(f);
            n++;
        }
        if (n == max && (!actionRuns.isEmpty() || !facts.isEmpty())) {
            signal(); // more than one drain's worth: queue again rather than wait for the tick
        }
        return n;
    }

    /** Only the action results (the controller's own close, once no loop drains it). */
    void drainActions(Consumer<ActionResult> to) {
        LinkFact f;
        while ((f = actionRuns.poll()) != null) {
            if (f instanceof LinkFact.ActionRun(var r)) {
                to.accept(r);
            } else if (f instanceof LinkFact.Reasserted(var r)) {
                to.accept(r);
            } // a drift found while closing: the next controller (or start-up) reconciles
        }
    }

    /** Facts dropped since the last call. */
    long takeDropped() {
        return dropped.get() == 0 ? 0 : dropped.getAndSet(0); // a read first: most drains find none
    }

    /** Whether a BFD change was dropped since the last call. */
    boolean takeBfdLost() {
        return bfdLost.get() && bfdLost.getAndSet(false);
    }

    /** Facts waiting (engine lane), for tests. */
    int size() {
        return size.get();
    }
}
