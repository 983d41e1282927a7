package io.linkguard.agent.config;

import io.linkguard.config.Key;
import io.linkguard.config.Section;
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

    static final Key<Integer> PORT = Key.integer("port", null, 1, 65535, "the TCP port on the peer").required();
    static final Key<Duration> INTERVAL = Key.duration("interval", DEFAULT_INTERVAL, Duration.ofMillis(100),
            Duration.ofHours(1), "time between two connection attempts");
    static final Key<Duration> TIMEOUT = Key.duration("timeout", DEFAULT_TIMEOUT, Duration.ofMillis(10),
            Duration.ofSeconds(60), "time after which an attempt counts as failed; less than the interval");
    static final Section SECTION = new Section(" for a " + TYPE + " probe", ProbeParser.TYPE_KEY, PORT, INTERVAL,
            TIMEOUT);

    public TcpProbeConfig {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
