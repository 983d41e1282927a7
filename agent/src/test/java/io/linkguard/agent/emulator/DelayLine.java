package io.linkguard.agent.emulator;

import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Packets waiting for their due time, ordered by due time (then by arrival), and
 * the one platform thread that hands each to a {@link Sink} at that time.
 *
 * <p>The sender sleeps until {@link #spinNanos} before the head is due and busy-spins
 * the rest: a timed park alone wakes tens of µs late, more under load. A packet that
 * arrives with an earlier due time than the head wakes the sender. The queue is bounded;
 * {@link #offer} refuses beyond {@code capacity} and the caller counts the drop.
 */
final class DelayLine {
    /** One packet on the line; {@code sequence} keeps arrival order among equal due times. */
    record Packet(byte[] bytes, long dueNanos, long sequence) {
    }

    /** Receives each packet on the sender thread at (just after) its due time. */
    interface Sink {
        void deliver(Packet packet, long nowNanos);
    }

    /** How long to park at most before re-checking for shutdown. */
    static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final long DEFAULT_SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Packet> queue = new PriorityQueue<>((a, b) -> {
        int byDue = Long.compare(a.dueNanos() - b.dueNanos(), 0);
        return byDue != 0 ? byDue : Long.compare(a.sequence(), b.sequence());
    });
    private final int capacity;
    private final long spinNanos;
    private final LongSupplier clock;
    private final Sink sink;
    private final Thread sender;
    private long nextSequence;
    private volatile boolean running = true;

    /**
     * @param threadSetup runs first on the sender thread (e.g. to make it SCHED_FIFO)
     */
    DelayLine(String name, int capacity, long spinNanos, LongSupplier clock, Sink sink, Runnable threadSetup) {
        this.capacity = capacity;
        this.spinNanos = spinNanos;
        this.clock = clock;
        this.sink = sink;
        this.sender = Thread.ofPlatform().name(name).daemon().unstarted(() -> {
            threadSetup.run();
            sendLoop();
        });
    }

    void start() {
        sender.start();
    }

    /** Queues a packet; false when the line is full. */
    boolean offer(byte[] bytes, long dueNanos) {
        lock.lock();
        try {
            if (queue.size() >= capacity) {
                return false;
            }
            Packet p = new Packet(bytes, dueNanos, nextSequence++);
            queue.add(p);
            if (queue.peek() == p) {
                changed.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    private void sendLoop() {
        while (running) {
            Packet next = takeWhenAlmostDue();
            if (next == null) {
                continue;
            }
            long now = clock.getAsLong();
            while (now - next.dueNanos() < 0) {
                Thread.onSpinWait();
                now = clock.getAsLong();
            }
            sink.deliver(next, now);
        }
    }

    /** The head once it is within the spin window of its due time, or null to loop again. */
    private Packet takeWhenAlmostDue() {
        lock.lock();
        try {
            Packet head = queue.peek();
            if (head == null) {
                changed.awaitNanos(IDLE_PARK_NANOS);
                return null;
            }
            long wait = head.dueNanos() - clock.getAsLong() - spinNanos;
            if (wait > 0) {
                changed.awaitNanos(Math.min(wait, IDLE_PARK_NANOS));
                return null;
            }
            return queue.poll();
        } catch (InterruptedException e) {
            running = false;
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the sender (packets still queued are discarded) and waits for it, at most {@code waitMillis}. */
    void stop(long waitMillis) throws InterruptedException {
        running = false;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        sender.join(waitMillis);
    }
}
