package io.linkguard.probes.sched;

/** Told how late each periodic firing ran: the agent's own timing error. */
@FunctionalInterface
public interface LagListener {
    void onLag(long lagNanos, long skippedSlots);

    LagListener NONE = (lag, skipped) -> { };
}
