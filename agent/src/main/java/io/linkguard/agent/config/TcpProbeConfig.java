package io.linkguard.agent.config;

import java.time.Duration;
import java.util.Objects;

/**
 * TCP connect probe ({@code type: tcp}): measures the time to complete a TCP handshake with the peer.
 *
 * @param port     the TCP port on the peer, 1..65535
 * @param interval time between two connection attempts
 * @param timeout  time after which an attempt counts as failed; always shorter than the interval
 */
public record TcpProbeConfig(int port, Duration interval, Duration timeout) implements ProbeConfig {

    public static final String TYPE = "tcp";
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    public TcpProbeConfig {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
