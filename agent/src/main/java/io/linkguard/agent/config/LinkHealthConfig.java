package io.linkguard.agent.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How a link's health is judged and when its traffic fails over ({@code links[].health}); every key is
 * optional. Loss thresholds are written {@code 5%} or {@code 0.05}; each pair is a hysteresis: a state is
 * entered at {@code value >= enter} and left at {@code value <= leave}.
 *
 * <pre>
 * health:
 *   window: 10s                  # ICMP results older than this stop counting
 *   min_samples: 5               # ICMP results needed in the window before judging
 *   loss: {degraded_enter: 5%, degraded_leave: 1%, down_enter: 50%, down_leave: 20%}
 *   rtt: {degraded_enter: 250ms, degraded_leave: 200ms}      # median RTT; off by default
 *   jitter: {degraded_enter: 30ms, degraded_leave: 20ms}     # off by default
 *   tcp_failures: 3              # consecutive failures of one TCP target: degraded
 *   min_time_in_state: 2s        # except to down, which is immediate
 *   failback_delay: 30s          # up this long before traffic returns to the primary path
 *   failover_on: degraded        # or down
 *   dampening: {penalty: 1000, half_life: 60s, suppress: 2000, reuse: 750, max_suppress: 15m}  # RFC 2439
 * </pre>
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
 */
public record LinkHealthConfig(Duration window, int minSamples, LossThresholds loss, Optional<DelayThresholds> rtt,
                               Optional<DelayThresholds> jitter, int tcpFailures, Duration minTimeInState,
                               Duration failbackDelay, FailoverOn failoverOn, Dampening dampening) {

    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
    public static final int DEFAULT_MIN_SAMPLES = 5;
    public static final int DEFAULT_TCP_FAILURES = 3;
    public static final Duration DEFAULT_MIN_TIME_IN_STATE = Duration.ofSeconds(2);
    public static final Duration DEFAULT_FAILBACK_DELAY = Duration.ofSeconds(30);
    /** What a link without a {@code health} section gets. */
    public static final LinkHealthConfig DEFAULTS = new LinkHealthConfig(DEFAULT_WINDOW, DEFAULT_MIN_SAMPLES,
            LossThresholds.DEFAULT, Optional.empty(), Optional.empty(), DEFAULT_TCP_FAILURES,
            DEFAULT_MIN_TIME_IN_STATE, DEFAULT_FAILBACK_DELAY, FailoverOn.DEGRADED, Dampening.DEFAULT);

    public LinkHealthConfig {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(rtt, "rtt");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(minTimeInState, "minTimeInState");
        Objects.requireNonNull(failbackDelay, "failbackDelay");
        Objects.requireNonNull(failoverOn, "failoverOn");
        Objects.requireNonNull(dampening, "dampening");
    }

    /** Loss ratios, 0..1: {@code degradedLeave < degradedEnter < downEnter}, {@code downLeave < downEnter}. */
    public record LossThresholds(double degradedEnter, double degradedLeave, double downEnter, double downLeave) {

        public static final LossThresholds DEFAULT = new LossThresholds(0.05, 0.01, 0.50, 0.20);
    }

    /** RTT or jitter thresholds: {@code degradedLeave < degradedEnter}. */
    public record DelayThresholds(Duration degradedEnter, Duration degradedLeave) {

        public DelayThresholds {
            Objects.requireNonNull(degradedEnter, "degradedEnter");
            Objects.requireNonNull(degradedLeave, "degradedLeave");
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

        public Dampening {
            Objects.requireNonNull(halfLife, "halfLife");
            Objects.requireNonNull(maxSuppress, "maxSuppress");
        }

        /** RFC 2439 §4.2: the highest penalty, the one that decays to {@code reuse} in {@code maxSuppress}. */
        public double ceiling() {
            return reuse * Math.pow(2, (double) maxSuppress.toNanos() / halfLife.toNanos());
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
