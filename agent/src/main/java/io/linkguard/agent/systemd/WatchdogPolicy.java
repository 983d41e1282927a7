package io.linkguard.agent.systemd;

import java.util.Optional;

/**
 * When the agent may tell systemd it is alive. A ping is a promise that the
 * probes run on time, so it is withheld when the probe scheduler has not
 * fired its heartbeat recently, or fired it late: a wedged or starved agent
 * then misses {@code WatchdogSec} and systemd restarts it, instead of a
 * thread that still answers pings hiding a scheduler that stopped.
 *
 * @param maxLagNanos the largest scheduler lag, and the longest silence of its
 *                    heartbeat, that still counts as healthy
 */
public record WatchdogPolicy(long maxLagNanos) {

    public WatchdogPolicy {
        if (maxLagNanos <= 0) {
            throw new IllegalArgumentException("maxLagNanos must be positive");
        }
    }

    /**
     * Why not to ping now, or empty if healthy.
     *
     * @param sinceBeatNanos time since the scheduler's heartbeat task last ran
     * @param worstLagNanos  the largest lag of any scheduled task since the last check
     */
    public Optional<String> problem(long sinceBeatNanos, long worstLagNanos) {
        if (sinceBeatNanos > maxLagNanos) {
            return Optional.of(String.format("probe scheduler silent for %d ms (bound %d ms)",
                    sinceBeatNanos / 1_000_000, maxLagNanos / 1_000_000));
        }
        if (worstLagNanos > maxLagNanos) {
            return Optional.of(String.format("probe scheduler ran %d ms late (bound %d ms)",
                    worstLagNanos / 1_000_000, maxLagNanos / 1_000_000));
        }
        return Optional.empty();
    }
}
