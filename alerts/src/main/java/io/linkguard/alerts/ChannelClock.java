package io.linkguard.alerts;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.locks.LockSupport;

/**
 * The time a channel's thread runs on: monotonic nanoseconds for its deadlines (group window, retries,
 * rate limit, close), the wall clock for what people read (message times, the age of what waits,
 * Retry-After dates), and the wait between deadlines. {@link #SYSTEM} in the agent; tests pass a fake
 * whose waits end when the test moves time on, so a 30-second outage takes no 30 seconds.
 */
interface ChannelClock extends InstantSource {

    /** Monotonic nanoseconds, as {@link System#nanoTime}: only differences mean anything. */
    long nanoTime();

    /**
     * Waits at most {@code nanos}, less if {@link #unpark} is called for this thread (before or during the
     * wait), like {@link LockSupport#parkNanos(Object, long)}; may also return early for no reason, so
     * callers check what is due again.
     */
    void parkNanos(Object blocker, long nanos);

    /** Ends {@code thread}'s current or next {@link #parkNanos}. */
    void unpark(Thread thread);

    /** The system's clocks and {@link LockSupport}. */
    ChannelClock SYSTEM = new ChannelClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Instant instant() {
            return Instant.now();
        }

        @Override
        public void parkNanos(Object blocker, long nanos) {
            LockSupport.parkNanos(blocker, nanos);
        }

        @Override
        public void unpark(Thread thread) {
            LockSupport.unpark(thread);
        }
    };
}
