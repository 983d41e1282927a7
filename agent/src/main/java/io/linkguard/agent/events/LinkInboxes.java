package io.linkguard.agent.events;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Every running link's inbox, by link name: where engines publish facts, and what wakes the one thread
 * that drains them. Built before the engines and the controllers and handed to both, so neither knows the
 * other (no callbacks from the BFD engine into the agent's links).
 */
public final class LinkInboxes {
    private final Map<String, LinkInbox> byLink = new ConcurrentHashMap<>();
    /** Inboxes that received facts since the consumer last took them: it drains these, not every link. */
    private final Queue<LinkInbox> ready = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean signalled = new AtomicBoolean();
    private volatile Thread consumer;

    /**
     * From an engine's thread: the fact goes to the link's inbox, if the link runs. Returns false if it
     * did not (no such link, or its inbox was full; the inbox counts that).
     */
    public boolean publish(String link, LinkFact fact) {
        LinkInbox inbox = byLink.get(link);
        return inbox != null && inbox.offer(fact);
    }

    /** A new inbox for {@code link}, replacing any earlier one (whose controller is being retired). */
    public LinkInbox open(String link) {
        LinkInbox inbox = new LinkInbox(link, LinkInbox.CAPACITY, this::ready);
        byLink.put(link, inbox);
        return inbox;
    }

    /** Forgets {@code inbox} if it is still the link's. */
    public void close(LinkInbox inbox) {
        byLink.remove(inbox.link(), inbox);
    }

    private void ready(LinkInbox inbox) {
        ready.add(inbox);
        wake();
    }

    /**
     * On the consumer's thread: the next inbox that received facts since it was last taken, or null. Facts
     * offered to it from now on queue it again, so none is left waiting while the consumer sleeps.
     */
    public LinkInbox pollReady() {
        LinkInbox inbox = ready.poll();
        if (inbox != null) {
            inbox.unqueue();
        }
        return inbox;
    }

    /**
     * On the consumer's thread, before it drains every inbox (a tick): takes every inbox off the ready
     * queue, so a fact that arrives from now on queues its inbox again and wakes the consumer. Without
     * this, an inbox drained by the tick would stay marked as queued and its next fact would wake no one.
     */
    public void clearReady() {
        while (pollReady() != null) {
            // each one is unqueued by pollReady
        }
    }

    /** Wakes the consumer (to stop it, say). */
    public void wakeConsumer() {
        signalled.set(true);
        Thread t = consumer;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Wakes the consumer if it waits; cheap when it is already awake. */
    void wake() {
        if (!signalled.getAndSet(true)) {
            Thread t = consumer;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    /**
     * On the consumer's thread: waits up to {@code max} unless a fact arrived since the last call. May
     * return early (a spurious wake-up); the caller drains and waits again.
     */
    public void await(Duration max) {
        consumer = Thread.currentThread();
        if (!signalled.getAndSet(false)) {
            LockSupport.parkNanos(this, max.toNanos());
            signalled.set(false);
        }
    }
}
