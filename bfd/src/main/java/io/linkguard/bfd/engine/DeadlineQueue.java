package io.linkguard.bfd.engine;

import java.util.PriorityQueue;

/**
 * When each session next needs its timers run. A min-heap with lazy
 * invalidation: a session is re-queued only when its deadline moves earlier;
 * an entry that fires early (because the deadline moved later, e.g. a packet
 * reset the detection timer) just runs the session's timers, which do nothing
 * and report the real deadline. This keeps a received packet O(1) on the hot
 * path instead of a heap removal. Not thread-safe: the engine thread owns it.
 */
final class DeadlineQueue<S extends DeadlineQueue.Scheduled> {
    /** A session's bookkeeping: the earliest deadline it is queued for. */
    interface Scheduled {
        long queuedAtNanos();

        void queuedAtNanos(long nanos);
    }

    private record Entry<S>(long deadlineNanos, long order, S item) {
    }

    private final PriorityQueue<Entry<S>> heap = new PriorityQueue<>((a, b) -> {
        int c = Long.compare(a.deadlineNanos, b.deadlineNanos);
        return c != 0 ? c : Long.compare(a.order, b.order);
    });
    private long order;

    /** Makes sure {@code item} is run at or before {@code deadlineNanos}. */
    void schedule(S item, long deadlineNanos) {
        if (deadlineNanos < item.queuedAtNanos()) {
            item.queuedAtNanos(deadlineNanos);
            heap.add(new Entry<>(deadlineNanos, order++, item));
        }
    }

    /** The earliest deadline queued, or Long.MAX_VALUE. */
    long nextDeadline() {
        Entry<S> e = heap.peek();
        return e == null ? Long.MAX_VALUE : e.deadlineNanos;
    }

    /**
     * Removes and returns one item due at {@code nowNanos}, or null. Stale
     * entries (the item was re-queued earlier since) are skipped.
     */
    S pollDue(long nowNanos) {
        while (true) {
            Entry<S> e = heap.peek();
            if (e == null || e.deadlineNanos > nowNanos) {
                return null;
            }
            heap.poll();
            if (e.item.queuedAtNanos() == e.deadlineNanos) {
                e.item.queuedAtNanos(Long.MAX_VALUE);
                return e.item;
            }
        }
    }

    int size() {
        return heap.size();
    }
}
