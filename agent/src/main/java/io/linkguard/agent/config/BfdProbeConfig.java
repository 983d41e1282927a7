package io.linkguard.agent.config;

import io.linkguard.bfd.packet.AuthType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A BFD session to the link's peer ({@code type: bfd}), RFC 5880 with RFC 5881
 * (single hop) or RFC 5883 (multihop).
 *
 * @param desiredMinTx  bfd.DesiredMinTxInterval once Up ({@code interval:})
 * @param requiredMinRx bfd.RequiredMinRxInterval ({@code rx_interval:}, default: the interval)
 * @param detectMult    bfd.DetectMult ({@code multiplier:})
 * @param multihop      RFC 5883 on port 4784; needs the link's {@code source}
 * @param minTtl        multihop: lowest received TTL accepted ({@code min_ttl:})
 * @param passive       RFC 5880 §6.1 passive role
 * @param auth          RFC 5880 §6.7 authentication, if any
 * @param echoInterval  run the Echo function (RFC 5880 §6.4) at this interval ({@code echo: true},
 *                      {@code echo_interval:}); IPv4 single hop with a source address only
 */
public record BfdProbeConfig(Duration desiredMinTx, Duration requiredMinRx, int detectMult, boolean multihop,
                             int minTtl, boolean passive, Optional<Auth> auth, Optional<Duration> echoInterval)
        implements ProbeConfig {

    public static final String TYPE = "bfd";
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(300);
    public static final int DEFAULT_DETECT_MULT = 3;
    public static final int DEFAULT_MULTIHOP_MIN_TTL = 254;

    /** Where the key is, not the key: secrets are read when the session starts and never kept in config. */
    public record Auth(AuthType type, Path keyFile, int keyId) {
    }

    public BfdProbeConfig {
        Objects.requireNonNull(desiredMinTx, "desiredMinTx");
        Objects.requireNonNull(requiredMinRx, "requiredMinRx");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(echoInterval, "echoInterval");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Duration interval() {
        return desiredMinTx;
    }

    /** The detection time this side asks of the peer: multiplier x the receive interval. */
    @Override
    public Duration timeout() {
        return requiredMinRx.multipliedBy(detectMult);
    }
}
