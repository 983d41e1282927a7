package io.linkguard.probes.pmtu;

import java.time.Duration;

/**
 * PROBE_TIMER of one search (RFC 8899 §5.1.1): how long to wait for a probe's reply. Until a
 * reply has come back it is the configured timeout. After that it is four times the slowest
 * round trip seen so far in this search, never under 100 ms and never over the configured
 * timeout: a black-hole search spends most of its time waiting out probes that will never be
 * answered, and on a path with a 1 ms RTT there is no point in waiting a whole second for each.
 * A reply that arrives after its wait still confirms its size while the search runs, so a slow
 * reply costs time, not a wrong answer.
 */
final class ProbeTimer {
    static final long FLOOR_NANOS = Duration.ofMillis(100).toNanos();
    static final int RTT_FACTOR = 4;

    private final long maxNanos;
    private long slowestRttNanos = -1;

    ProbeTimer(Duration max) {
        this.maxNanos = max.toNanos();
    }

    void onReply(long rttNanos) {
        slowestRttNanos = Math.max(slowestRttNanos, Math.max(0, rttNanos));
    }

    long waitNanos() {
        if (slowestRttNanos < 0) {
            return maxNanos;
        }
        long adaptive = Math.max(FLOOR_NANOS, RTT_FACTOR * slowestRttNanos);
        return Math.min(maxNanos, adaptive);
    }
}
