package io.linkguard.agent.config;

import io.linkguard.config.Key;
import io.linkguard.config.Section;
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
    /** RFC 791: every IPv4 router forwards 68 bytes; RFC 8200 §5: every IPv6 link 1280. */
    static final int MIN_V4 = 68;
    static final int MIN_V6 = 1280;
    static final int MAX_MTU = 65535;

    static final Key<Duration> INTERVAL = Key.duration("interval", DEFAULT_INTERVAL, Duration.ofSeconds(5),
            Duration.ofDays(1), "time between full searches");
    static final Key<Duration> CHECK_INTERVAL = Key.duration("check_interval", DEFAULT_CHECK_INTERVAL,
            Duration.ofSeconds(1), Duration.ofHours(1), "time between cheap checks at the current path MTU");
    /** The lower bound of the sizes depends on the peer's family: read by {@link ProbeParser}. */
    static final Key<Integer> EXPECTED = Key.integer("expected", null, MIN_V4, MAX_MTU,
            "the MTU the tunnel should carry, bytes (at least 1280 for an IPv6 peer)").readByCaller();
    static final Key<Boolean> DEGRADE = Key.bool("degrade", true, "whether an MTU below expected degrades the link");
    static final Key<Integer> MAX = Key.integer("max", null, MIN_V4, MAX_MTU,
            "the largest size probed; default: the interface MTU toward the peer").readByCaller();
    static final Key<Duration> TIMEOUT = Key.duration("timeout", DEFAULT_TIMEOUT, Duration.ofMillis(10),
            Duration.ofSeconds(10), "the longest wait for one probe's reply");
    static final Key<Integer> MAX_PROBES = Key.integer("max_probes", DEFAULT_MAX_PROBES, 5, 200,
            "the hard cap on probes per search");
    static final Section SECTION = new Section(" for a " + TYPE + " probe", ProbeParser.TYPE_KEY, INTERVAL,
            CHECK_INTERVAL, EXPECTED, DEGRADE, MAX, TIMEOUT, MAX_PROBES);

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
