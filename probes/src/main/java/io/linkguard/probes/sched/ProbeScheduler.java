package io.linkguard.probes.sched;

import java.time.Duration;

/**
 * Runs probe work at its time. Injected, so timer logic can run on a fake
 * clock in tests. Tasks must be short and must not block: they send a packet
 * or start a connect and return.
 */
public interface ProbeScheduler extends AutoCloseable {
    /** A handle to cancel a scheduled task. */
    interface Cancellable {
        void cancel();
    }

    /** Runs {@code task} every {@code period}, first after {@code initialDelay}. */
    Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task);

    /** Runs {@code task} once after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable task);

    @Override
    void close();
}
