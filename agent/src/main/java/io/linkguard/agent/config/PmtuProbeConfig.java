package io.linkguard.agent.config;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Path-MTU discovery ({@code type: pmtu}): a DPLPMTUD-style search (RFC 8899)
 * with DF-set ICMP echoes to the peer over the link's pinned path.
 *
 * @param interval         time between full searches
 * @param checkInterval    time between cheap checks (one probe at the current path MTU, one small):
 *                         large failing while small passes starts a search at once
 * @param expected         the MTU the tunnel should carry (its configured MTU), bytes; below it the
 *                         link is Degraded if {@code degrade}
 * @param degrade          whether an MTU below {@code expected} makes the link Degraded
 * @param max              the largest size probed; empty means the interface MTU toward the peer
 * @param timeout          the longest wait for one probe's reply
 * @param maxProbes        the hard cap on probes per search
 */
public record PmtuProbeConfig(Duration interval, Duration checkInterval, OptionalInt expected, boolean degrade,
                              OptionalInt max, Duration timeout, int maxProbes) implements ProbeConfig {

    public static final String TYPE = "pmtu";
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_PROBES = 50;

    public PmtuProbeConfig {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(checkInterval, "checkInterval");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
