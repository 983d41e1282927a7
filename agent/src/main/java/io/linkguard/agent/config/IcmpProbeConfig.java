package io.linkguard.agent.config;

import io.linkguard.config.Key;
import io.linkguard.config.Section;
import java.time.Duration;
import java.util.Objects;

/**
 * ICMP echo probe ({@code type: icmp}).
 *
 * @param interval     time between two echo requests
 * @param timeout      time after which an unanswered request counts as lost (may exceed the interval)
 * @param payloadBytes ICMP payload size in bytes ({@code size:})
 * @param dontFragment set the DF bit / IPv6 don't-fragment option ({@code df:})
 * @param tos          IPv4 TOS byte or IPv6 traffic class, 0..255
 * @param lossWindow   number of most recent probes over which loss is computed ({@code window:})
 */
public record IcmpProbeConfig(
        Duration interval,
        Duration timeout,
        int payloadBytes,
        boolean dontFragment,
        int tos,
        int lossWindow) implements ProbeConfig {

    public static final String TYPE = "icmp";
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_PAYLOAD_BYTES = 56;
    public static final int DEFAULT_LOSS_WINDOW = 100;
    /** 65535 - 20 (IPv4 header) - 8 (ICMP header). */
    static final int MAX_SIZE_IPV4 = 65507;
    /** 65535 (IPv6 payload length, header excluded) - 8 (ICMPv6 header). */
    static final int MAX_SIZE_IPV6 = 65527;

    static final Key<Duration> INTERVAL = Key.duration("interval", DEFAULT_INTERVAL, Duration.ofMillis(10),
            Duration.ofHours(1), "time between two echo requests");
    static final Key<Duration> TIMEOUT = Key.duration("timeout", DEFAULT_TIMEOUT, Duration.ofMillis(10),
            Duration.ofSeconds(60), "time after which an unanswered request counts as lost");
    /** The upper bound depends on the peer's family: read by {@link ProbeParser}. */
    static final Key<Integer> SIZE = Key.integer("size", DEFAULT_PAYLOAD_BYTES, 0, MAX_SIZE_IPV6,
            "ICMP payload size in bytes (at most 65507 for an IPv4 peer)").readByCaller();
    static final Key<Boolean> DF = Key.bool("df", false, "set the don't-fragment bit");
    static final Key<Integer> TOS = Key.integer("tos", 0, 0, 255, "IPv4 TOS byte or IPv6 traffic class");
    static final Key<Integer> WINDOW = Key.integer("window", DEFAULT_LOSS_WINDOW, 10, 100_000,
            "number of most recent probes over which loss is computed");
    static final Section SECTION = new Section(" for a " + TYPE + " probe", ProbeParser.TYPE_KEY, INTERVAL, TIMEOUT,
            SIZE, DF, TOS, WINDOW);

    public IcmpProbeConfig {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
