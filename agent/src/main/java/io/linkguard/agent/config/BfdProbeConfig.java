package io.linkguard.agent.config;

import io.linkguard.bfd.packet.AuthType;
import io.linkguard.config.Key;
import io.linkguard.config.Section;

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
    /** 10 ms is the floor FRR bfdd accepts too; below it a JVM on a shared host cannot promise timely packets. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(10);
    static final Duration MAX_INTERVAL = Duration.ofSeconds(60);

    static final Key<Duration> INTERVAL = Key.duration("interval", DEFAULT_INTERVAL, MIN_INTERVAL, MAX_INTERVAL,
            "bfd.DesiredMinTxInterval once Up");
    static final Key<Duration> RX_INTERVAL = Key.duration("rx_interval", null, MIN_INTERVAL, MAX_INTERVAL,
            "bfd.RequiredMinRxInterval; default: the interval");
    static final Key<Integer> MULTIPLIER = Key.integer("multiplier", DEFAULT_DETECT_MULT, 1, 255, "bfd.DetectMult");
    static final Key<Boolean> MULTIHOP = Key.bool("multihop", false,
            "RFC 5883 multihop on port 4784; needs the link's source");
    static final Key<Integer> MIN_TTL = Key.integer("min_ttl", DEFAULT_MULTIHOP_MIN_TTL, 1, 255,
            "multihop only: the lowest received TTL accepted");
    static final Key<Boolean> PASSIVE = Key.bool("passive", false, "RFC 5880 §6.1 passive role");
    static final Key<AuthType> AUTH_TYPE = Key.label("type", null, AuthType::label, "auth type",
            "RFC 5880 §6.7 authentication type", AuthType.values()).required();
    static final Key<String> AUTH_KEY_FILE = Key.text("key_file", null, "file holding the key, mode 0600")
            .required();
    static final Key<Integer> AUTH_KEY_ID = Key.integer("key_id", 1, 0, 255, "Auth Key ID");
    static final Section AUTH = new Section(" for bfd auth", AUTH_TYPE, AUTH_KEY_FILE, AUTH_KEY_ID);
    /** Read by {@link BfdProbeParser} after the session's own rules, and its key file checked. */
    static final Key<Auth> AUTH_KEY = Key.<Auth>of("auth", null, null, AUTH.schema(),
            "RFC 5880 §6.7 authentication").readByCaller();
    static final Key<Boolean> ECHO = Key.bool("echo", false,
            "run the Echo function (RFC 5880 §6.4); IPv4 single hop with a source address only");
    static final Key<Duration> ECHO_INTERVAL = Key.duration("echo_interval", null, MIN_INTERVAL, MAX_INTERVAL,
            "interval of echo packets; default: the interval");
    static final Section SECTION = new Section(" for a " + TYPE + " probe", ProbeParser.TYPE_KEY, INTERVAL,
            RX_INTERVAL, MULTIPLIER, MULTIHOP, MIN_TTL, PASSIVE, AUTH_KEY, ECHO, ECHO_INTERVAL);

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
