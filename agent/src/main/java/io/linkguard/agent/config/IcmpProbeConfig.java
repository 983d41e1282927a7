package io.linkguard.agent.config;

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

    public IcmpProbeConfig {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
