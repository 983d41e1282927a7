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
    private final java.util.concurrent.atomic.AtomicLong cutShort = new java.util.concurrent.atomic.AtomicLong();

    /**
     * How long a removed session keeps sending AdminDown: two transmit intervals and a little,
     * at most a second. RFC 5880 §6.8.16 asks only that the peer learn of it "if possible".
     */
    static long adminDownNanos(long txIntervalMicros) {
        return Math.min(1_000_000_000L, txIntervalMicros * 2_000 + 20_000_000L);
    }

    /**
     * A new session to the same endpoints as a retiring one closes that one at once (counted in
     * {@link #cutShort()}): a reload that restarts a session (remove, then add) must not let the
     * old one's AdminDown overlap the new one's Down/Init, or the peer's bfd.RemoteDiscr would flip
     * between them and each AdminDown would push its session Down again (RFC 5880 §6.8.6). The old
     * one has sent its AdminDown at least once, which is all §6.8.16 asks ("if possible").
     */
    void replacedBy(BfdSessionConfig config, Closer closer) {
        cutShort.addAndGet(closeNow(r -> sameEndpoints(r.config, config), closer));
    }

    /** Whether two sessions talk to the same session at the peer: same peer, source, interface and kind. */
    private static boolean sameEndpoints(BfdSessionConfig a, BfdSessionConfig b) {
        return a.peer().equals(b.peer()) && a.local().equals(b.local())
                && a.interfaceName().equals(b.interfaceName()) && a.multihop() == b.multihop();
    }

    /** Retiring sessions closed before their AdminDown time was over, because a new session replaced them. */
    long cutShort() {
        return cutShort.get();
    }

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
