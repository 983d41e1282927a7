package io.linkguard.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A {@link ChannelClock} whose time moves only when the test moves it. A channel thread's
 * {@link #parkNanos} ends when the test has moved time past its end, or when the thread is unparked
 * (an event came in); it never sleeps. The test drives time like a discrete-event simulation: it waits
 * until every channel thread is parked with nothing due and no wake-up pending ({@link #awaitIdle}; the
 * only real-time wait, and it waits for a state, not for a duration), then moves time to the earliest
 * moment a thread waits for, and so on. What happens between is what the real clock would make happen,
 * at the same fake moments, so a 30-second outage runs in the time its sends take.
 */
final class FakeChannelClock implements ChannelClock {
    /** How long {@link #awaitIdle} waits (real time) for the channel threads to settle before failing. */
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(20);
    private static final Instant WALL_START = Instant.parse("2026-03-01T12:00:00Z");
    private static final long START_NANOS = TimeUnit.DAYS.toNanos(3); // any value: only differences count

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // Guarded by lock.
    private long nanos = START_NANOS;
    private final Map<Thread, Long> parkedUntil = new HashMap<>();
    private final Set<Thread> permits = new HashSet<>();
    private final Set<Thread> channelThreads = new HashSet<>();

    @Override
    public long nanoTime() {
        lock.lock();
        try {
            return nanos;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Instant instant() {
        return WALL_START.plusNanos(nanoTime() - START_NANOS);
    }

    @Override
    public void parkNanos(Object blocker, long waitNanos) {
        Thread me = Thread.currentThread();
        lock.lock();
        try {
            channelThreads.add(me);
            if (permits.remove(me)) {
                return;
            }
            long until = nanos + waitNanos;
            parkedUntil.put(me, until);
            changed.signalAll();
            while (nanos - until < 0 && !permits.contains(me)) {
                changed.await();
            }
        } catch (InterruptedException e) {
            me.interrupt();
        } finally {
            permits.remove(me);
            parkedUntil.remove(me);
            changed.signalAll();
            lock.unlock();
        }
    }

    @Override
    public void unpark(Thread thread) {
        lock.lock();
        try {
            permits.add(thread);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every channel thread is parked with nothing due now and no wake-up pending. */
    void awaitIdle() {
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        lock.lock();
        try {
            while (!idle()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("channel threads did not settle: parked " + parkedUntil
                            + ", wake-ups pending " + permits + ", now " + nanos);
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            lock.unlock();
        }
    }

    private boolean idle() {
        if (channelThreads.isEmpty()) {
            return false; // not started yet
        }
        for (Thread t : channelThreads) {
            if (!t.isAlive()) {
                continue;
            }
            Long until = parkedUntil.get(t);
            if (until == null || until - nanos <= 0 || permits.contains(t)) {
                return false;
            }
        }
        return true;
    }

    /** Moves time on by {@code d}, stopping at every moment a channel thread waits for and letting it run. */
    void advance(Duration d) {
        long target = nanoTime() + d.toNanos();
        awaitIdle();
        while (nanoTime() - target < 0) {
            step(target);
        }
    }

    /**
     * Moves time on, as {@link #advance}, until {@code condition} holds (checked whenever the channel threads
     * have settled) or {@code limit} of fake time has passed.
     *
     * @return whether the condition holds
     */
    boolean runUntil(BooleanSupplier condition, Duration limit) {
        long target = nanoTime() + limit.toNanos();
        awaitIdle();
        while (!condition.getAsBoolean()) {
            if (nanoTime() - target >= 0) {
                return false;
            }
            step(target);
        }
        return true;
    }

    /** Moves time to the earliest moment a thread waits for (at most {@code target}) and lets it settle. */
    private void step(long target) {
        lock.lock();
        try {
            long next = target;
            for (long until : parkedUntil.values()) {
                if (until - next < 0) {
                    next = until;
                }
            }
            nanos = next;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        awaitIdle();
    }
}
