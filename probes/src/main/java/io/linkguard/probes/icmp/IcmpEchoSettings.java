package io.linkguard.probes.icmp;

import java.time.Duration;

/**
 * Settings of one ICMP echo stream.
 *
 * @param interval     time between requests
 * @param timeout      how long a request waits for its reply before it counts as lost
 * @param payloadBytes ICMP payload after the 8-byte echo header (ping's -s)
 * @param dontFragment set DF (IPv4) / IPV6_DONTFRAG semantics via PMTUDISC_DO
 * @param tos          IPv4 TOS / IPv6 traffic class
 * @param windowSize   completed probes in the loss window
 */
public record IcmpEchoSettings(Duration interval, Duration timeout, int payloadBytes, boolean dontFragment,
                               int tos, int windowSize) {
    public static final IcmpEchoSettings DEFAULT =
            new IcmpEchoSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), 56, false, 0, 100);
}
