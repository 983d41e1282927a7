package io.linkguard.probes.sched;

import io.linkguard.core.supervise.Heartbeat;
import io.linkguard.core.supervise.Loops;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * One dedicated platform thread that fires every probe at its time, on the
 * monotonic clock. A single thread keeps probe timing independent of the
 * common pool and of virtual-thread carriers, and lets the agent measure its
 * own lateness: each periodic firing reports (ran - due) to a {@link LagListener}.
 */
public final class TimerThreadScheduler implements ProbeScheduler {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private final LongSupplier nanoTime;
    private final LagListener lagListener;
    private final Loops loops;
    /** Longest wait of the thread, so it beats its heartbeat at least once a second. */
    private static final long MAX_WAIT_NANOS = 1_000_000_000L;
    private final Thread thread;
    private long order;
    private volatile boolean closed;

    public TimerThreadScheduler(String name, LagListener lagListener) {
        this(name, lagListener, System::nanoTime);
    }

    TimerThreadScheduler(String name, LagListener lagListener, LongSupplier nanoTime) {
        this(name, lagListener, nanoTime, Loops.process());
    }

    TimerThreadScheduler(String name, LagListener lagListener, LongSupplier nanoTime, Loops loops) {
        this.loops = loops;
        this.nanoTime = nanoTime;
        this.lagListener = lagListener;
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::loop);
        this.thread.setPriority(Thread.MAX_PRIORITY);
        this.thread.start();
    }

    private final class Entry implements Comparable<Entry>, Cancellable {
        long dueNanos;
        final long periodNanos;
        final Runnable task;
        final long seq = order++;
        volatile boolean cancelled;

        Entry(long dueNanos, long periodNanos, Runnable task) {
            this.dueNanos = dueNanos;
            this.periodNanos = periodNanos;
            this.task = task;
        }

        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(dueNanos, o.dueNanos);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }

        @Override
        public void cancel() {
            cancelled = true;
            lock.lock();
            try {
                queue.remove(this);
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period " + period + " (expected: > 0)");
        }
        return add(initialDelay, period.toNanos(), task);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        return add(delay, 0, task);
    }

    private Cancellable add(Duration delay, long periodNanos, Runnable task) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("scheduler closed");
            }
            Entry e = new Entry(nanoTime.getAsLong() + Math.max(0, delay.toNanos()), periodNanos, task);
            queue.add(e);
            if (queue.peek() == e) {
                changed.signal();
            }
            return e;
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        Heartbeat heartbeat = loops.enter(Loops.DEFAULT_MAX_SILENCE);
        while (!closed) {
            heartbeat.beat();
            Entry e;
            lock.lock();
            try {
                e = queue.peek();
                long now = nanoTime.getAsLong();
                if (e == null) {
                    changed.awaitNanos(MAX_WAIT_NANOS);
                    continue;
                }
                if (e.dueNanos - now > 0) {
                    // Bounded, so the heartbeat shows the thread alive while the next probe is far off.
                    changed.awaitNanos(Math.min(e.dueNanos - now, MAX_WAIT_NANOS));
                    continue;
                }
                queue.poll();
            } catch (InterruptedException ie) {
                return;
            } finally {
                lock.unlock();
            }
            fire(e);
        }
        heartbeat.close();
    }

    private void fire(Entry e) {
        if (e.cancelled) {
            return;
        }
        long ran = nanoTime.getAsLong();
        // A probe task must not kill the timer thread: a RuntimeException is logged and counted, an
        // Error halts the process (Loops).
        loops.runGuarded(e.task);
        if (e.periodNanos > 0) {
            long next = FixedRate.nextDue(e.dueNanos, ran, e.periodNanos);
            lagListener.onLag(ran - e.dueNanos, FixedRate.skipped(e.dueNanos, next, e.periodNanos));
            lock.lock();
            try {
                if (!e.cancelled && !closed) {
                    e.dueNanos = next;
                    queue.add(e);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
