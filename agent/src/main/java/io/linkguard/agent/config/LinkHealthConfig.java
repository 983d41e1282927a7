package io.linkguard.agent.config;

import io.linkguard.config.Key;
import io.linkguard.config.Section;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How a link's health is judged and when its traffic fails over ({@code links[].health}); every key is
 * optional. Loss thresholds are written {@code 5%} or {@code 0.05}; each pair is a hysteresis: a state is
 * entered at {@code value >= enter} and left at {@code value <= leave}.
 *
 * The keys, with their defaults and bounds, are declared below; README shows an example.
 *
 * @param window         the sliding window of ICMP results
 * @param minSamples     ICMP results the window must hold before loss, RTT and jitter are judged
 * @param loss           loss thresholds
 * @param rtt            median RTT thresholds for degraded; empty: not judged
 * @param jitter         jitter thresholds for degraded; empty: not judged
 * @param tcpFailures    consecutive failures of one TCP target that make the link degraded
 * @param minTimeInState the shortest time in a state before it changes (except to down)
 * @param failbackDelay  how long the link must be up before traffic returns to the primary path
 * @param failoverOn     which state moves traffic to the backup path
 * @param dampening      flap dampening
 * @param interfaceDown  what the kernel saying the link's interface is operationally down does to the link
 */
public record LinkHealthConfig(Duration window, int minSamples, LossThresholds loss, Optional<DelayThresholds> rtt,
                               Optional<DelayThresholds> jitter, int tcpFailures, Duration minTimeInState,
                               Duration failbackDelay, FailoverOn failoverOn, Dampening dampening,
                               InterfaceDown interfaceDown) {

    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
    public static final int DEFAULT_MIN_SAMPLES = 5;
    public static final int DEFAULT_TCP_FAILURES = 3;
    public static final Duration DEFAULT_MIN_TIME_IN_STATE = Duration.ofSeconds(2);
    public static final Duration DEFAULT_FAILBACK_DELAY = Duration.ofSeconds(30);
    /** What a link without a {@code health} section gets. */
    public static final LinkHealthConfig DEFAULTS = new LinkHealthConfig(DEFAULT_WINDOW, DEFAULT_MIN_SAMPLES,
            LossThresholds.DEFAULT, Optional.empty(), Optional.empty(), DEFAULT_TCP_FAILURES,
            DEFAULT_MIN_TIME_IN_STATE, DEFAULT_FAILBACK_DELAY, FailoverOn.DEGRADED, Dampening.DEFAULT,
            InterfaceDown.DOWN);

    /** The same judgement with the interface rule set to {@code value}. */
    public LinkHealthConfig withInterfaceDown(InterfaceDown value) {
        return new LinkHealthConfig(window, minSamples, loss, rtt, jitter, tcpFailures, minTimeInState, failbackDelay,
                failoverOn, dampening, value);
    }

    /** At 10 ms probes a 10 min window holds 60000 results: the most a link keeps in memory. */
    static final Key<Duration> WINDOW = Key.duration("window", DEFAULT_WINDOW, Duration.ofSeconds(1),
            Duration.ofMinutes(10), "ICMP results older than this stop counting");
    static final Key<Integer> MIN_SAMPLES = Key.integer("min_samples", DEFAULT_MIN_SAMPLES, 1, 10_000,
            "ICMP results needed in the window before loss, RTT and jitter are judged");
    static final Key<LossThresholds> LOSS = Key.of("loss", LossThresholds.DEFAULT,
            (field, problems) -> new HealthParser(problems).loss(field), LossThresholds.SECTION.schema(),
            "loss thresholds, each pair a hysteresis");
    static final Key<DelayThresholds> RTT = DelayThresholds.key("rtt", "median RTT thresholds; absent: not judged");
    static final Key<DelayThresholds> JITTER = DelayThresholds.key("jitter", "jitter thresholds; absent: not judged");
    static final Key<Integer> TCP_FAILURES = Key.integer("tcp_failures", DEFAULT_TCP_FAILURES, 1, 100,
            "consecutive failures of one TCP target that make the link degraded");
    static final Key<Duration> MIN_TIME_IN_STATE = Key.duration("min_time_in_state", DEFAULT_MIN_TIME_IN_STATE,
            Duration.ZERO, Duration.ofMinutes(10), "the shortest time in a state before it changes (except to down)");
    /** Longer keeps traffic on the (often metered) backup long after the tunnel recovered. */
    static final Key<Duration> FAILBACK_DELAY = Key.duration("failback_delay", DEFAULT_FAILBACK_DELAY, Duration.ZERO,
            Duration.ofHours(1), "how long the link must be up before traffic returns to the primary path");
    static final Key<FailoverOn> FAILOVER_ON = Key.label("failover_on", FailoverOn.DEGRADED, FailoverOn::label, null,
            "which state moves traffic to the backup path", FailoverOn.values());
    static final Key<Dampening> DAMPENING = Key.of("dampening", Dampening.DEFAULT,
            (field, problems) -> new HealthParser(problems).dampening(field), Dampening.SECTION.schema(),
            "flap dampening after RFC 2439; penalty 0 turns it off");
    /**
     * The kernel says so at once (rtnetlink, IFF_RUNNING or IFLA_OPERSTATE), before any probe times out;
     * {@code ignore} is for an interface whose carrier flaps harmlessly (some PPP and USB modems).
     */
    static final Key<InterfaceDown> INTERFACE_DOWN = Key.label("interface_down", InterfaceDown.DOWN,
            InterfaceDown::label, null, "what the link's interface going operationally down does: down makes the"
                    + " link down at once (reason interface_down), ignore leaves it to the probes",
            InterfaceDown.values());
    static final Section SECTION = new Section(" for health", WINDOW, MIN_SAMPLES, LOSS, RTT, JITTER, TCP_FAILURES,
            MIN_TIME_IN_STATE, FAILBACK_DELAY, FAILOVER_ON, DAMPENING, INTERFACE_DOWN);

    public LinkHealthConfig {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(rtt, "rtt");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(minTimeInState, "minTimeInState");
        Objects.requireNonNull(failbackDelay, "failbackDelay");
        Objects.requireNonNull(failoverOn, "failoverOn");
        Objects.requireNonNull(dampening, "dampening");
        Objects.requireNonNull(interfaceDown, "interfaceDown");
    }

    /** Loss ratios, 0..1: {@code degradedLeave < degradedEnter < downEnter}, {@code downLeave < downEnter}. */
    public record LossThresholds(double degradedEnter, double degradedLeave, double downEnter, double downLeave) {

        public static final LossThresholds DEFAULT = new LossThresholds(0.05, 0.01, 0.50, 0.20);

        static final Key<Double> DEGRADED_ENTER = Key.ratio("degraded_enter", DEFAULT.degradedEnter(),
                "loss at or above which the link is degraded");
        static final Key<Double> DEGRADED_LEAVE = Key.ratio("degraded_leave", DEFAULT.degradedLeave(),
                "loss at or below which it is no longer degraded");
        static final Key<Double> DOWN_ENTER = Key.ratio("down_enter", DEFAULT.downEnter(),
                "loss at or above which the link is down");
        static final Key<Double> DOWN_LEAVE = Key.ratio("down_leave", DEFAULT.downLeave(),
                "loss at or below which it is no longer down");
        static final Section SECTION = new Section(" for loss", DEGRADED_ENTER, DEGRADED_LEAVE, DOWN_ENTER,
                DOWN_LEAVE);
    }

    /** RTT or jitter thresholds: {@code degradedLeave < degradedEnter}. */
    public record DelayThresholds(Duration degradedEnter, Duration degradedLeave) {

        public DelayThresholds {
            Objects.requireNonNull(degradedEnter, "degradedEnter");
            Objects.requireNonNull(degradedLeave, "degradedLeave");
        }

        static final Key<Duration> ENTER = Key.duration("degraded_enter", null, Duration.ofMillis(1),
                Duration.ofSeconds(60), "at or above this the link is degraded").required();
        static final Key<Duration> LEAVE = Key.duration("degraded_leave", null, Duration.ofMillis(1),
                Duration.ofSeconds(60), "at or below this it is no longer degraded").required();

        /** {@code rtt:} or {@code jitter:}. */
        static Section section(String key) {
            return new Section(" for " + key, ENTER, LEAVE);
        }

        static Key<DelayThresholds> key(String key, String doc) {
            return Key.of(key, null, (field, problems) -> new HealthParser(problems).delays(field, section(key)),
                    section(key).schema(), doc);
        }
    }

    /**
     * Flap dampening after RFC 2439: each departure from up adds {@code penalty}, which halves every
     * {@code halfLife}; above {@code suppress} traffic stays off the link until the penalty is below
     * {@code reuse}, at most {@code maxSuppress} after the last flap. A penalty of 0 turns it off.
     */
    public record Dampening(int penalty, Duration halfLife, int suppress, int reuse, Duration maxSuppress) {

        public static final Dampening DEFAULT = new Dampening(1000, Duration.ofSeconds(60), 2000, 750,
                Duration.ofMinutes(15));
        static final int MAX_PENALTY = 1_000_000;
        static final Key<Integer> PENALTY = Key.integer("penalty", DEFAULT.penalty(), 0, MAX_PENALTY,
                "added at each departure from up");
        static final Key<Duration> HALF_LIFE = Key.duration("half_life", DEFAULT.halfLife(), Duration.ofSeconds(1),
                Duration.ofHours(2), "the penalty halves in this time");
        static final Key<Integer> SUPPRESS = Key.integer("suppress", DEFAULT.suppress(), 1, MAX_PENALTY,
                "above this penalty traffic stays off the link");
        static final Key<Integer> REUSE = Key.integer("reuse", DEFAULT.reuse(), 1, MAX_PENALTY,
                "below this penalty the link is used again");
        static final Key<Duration> MAX_SUPPRESS = Key.duration("max_suppress", DEFAULT.maxSuppress(),
                Duration.ofSeconds(1), Duration.ofHours(24), "the longest suppression after the last flap");
        static final Section SECTION = new Section(" for dampening", PENALTY, HALF_LIFE, SUPPRESS, REUSE,
                MAX_SUPPRESS);

        public Dampening {
            Objects.requireNonNull(halfLife, "halfLife");
            Objects.requireNonNull(maxSuppress, "maxSuppress");
        }

        /** RFC 2439 §4.2: the highest penalty, the one that decays to {@code reuse} in {@code maxSuppress}. */
        public double ceiling() {
            return reuse * Math.pow(2, (double) maxSuppress.toNanos() / halfLife.toNanos());
        }
    }

    /** What an operationally down interface does to its link. */
    public enum InterfaceDown {
        DOWN, IGNORE;

        /** As written in the config: {@code down}, {@code ignore}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which state moves traffic to the backup path. */
    public enum FailoverOn {
        DEGRADED, DOWN;

        /** As written in the config: {@code degraded}, {@code down}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
