package io.linkguard.bfd.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Removed sessions that still tell their peer AdminDown (RFC 5880 §6.8.16) until their
 * time is up; then the engine closes them. Keeping them here instead of sleeping in the
 * caller lets a reload that removes many sessions send every AdminDown at once and wait
 * once. Engine thread only, except {@link #size()}.
 */
final class Retirements {
    /** What the engine does when a session's time is up: close it and free its discriminator. */
    interface Closer {
        void close(ManagedSession s);
    }

    private record Retiring(ManagedSession session, long closeAtNanos) {
    }

    private final List<Retiring> retiring = new ArrayList<>();
    private volatile int size;

    void add(ManagedSession s, long closeAtNanos) {
        retiring.add(new Retiring(s, closeAtNanos));
        size = retiring.size();
    }

    /** Closes those whose time is over; returns the next close time, or Long.MAX_VALUE if none is left. */
    long closeDue(long nowNanos, Closer closer) {
        long next = Long.MAX_VALUE;
        for (var it = retiring.iterator(); it.hasNext(); ) {
            Retiring r = it.next();
            if (nowNanos - r.closeAtNanos() >= 0) {
                it.remove();
                closer.close(r.session());
            } else if (next == Long.MAX_VALUE || r.closeAtNanos() - next < 0) {
                next = r.closeAtNanos();
            }
        }
        size = retiring.size();
        return next;
    }

    /**
     * Closes at once, before their time, those {@code which} selects, e.g. the retiring session a
     * new session to the same peer replaces. Returns how many.
     */
    int closeNow(java.util.function.Predicate<ManagedSession> which, Closer closer) {
        int closed = 0;
        for (var it = retiring.iterator(); it.hasNext(); ) {
            Retiring r = it.next();
            if (which.test(r.session())) {
                it.remove();
                closer.close(r.session());
                closed++;
            }
        }
        size = retiring.size();
        return closed;
    }

    /** At engine shutdown, after the engine thread stopped. */
    void closeAll(Closer closer) {
        retiring.forEach(r -> closer.close(r.session()));
        retiring.clear();
        size = 0;
    }

    int size() {
        return size;
    }
}
