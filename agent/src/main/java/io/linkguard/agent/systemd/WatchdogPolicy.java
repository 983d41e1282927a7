package io.linkguard.agent.systemd;

import io.linkguard.core.supervise.Heartbeat;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When the agent may tell systemd it is alive. A ping is a promise that the
 * probes run on time and every loop of the agent runs, so it is withheld when
 * the probe scheduler has not fired its heartbeat recently, or fired it late,
 * or when any supervised loop (icmp-rx-*, tcp-connect, probe-timer, bfd,
 * pmtu-*, alerts-*, reload) has not beaten within its own bound: a wedged or
 * starved agent then misses {@code WatchdogSec} and systemd restarts it,
 * instead of a thread that still answers pings hiding a loop that stopped.
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

    /**
     * Why not to ping because of a loop, or empty if every registered loop has
     * beaten within its bound. Names the loop silent the longest past its bound.
     *
     * @param beats    every registered loop's last beat (monotonic ns)
     * @param nowNanos now, on the same clock
     */
    public static Optional<String> staleLoop(List<Heartbeat.Beat> beats, long nowNanos) {
        return beats.stream()
                .filter(b -> nowNanos - b.lastNanos() > b.maxSilenceNanos())
                .max(Comparator.comparingLong(b -> nowNanos - b.lastNanos() - b.maxSilenceNanos()))
                .map(b -> String.format("loop %s silent for %d ms (bound %d ms)", b.thread(),
                        (nowNanos - b.lastNanos()) / 1_000_000, b.maxSilenceNanos() / 1_000_000));
    }
}
