package io.linkguard.agent.health;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link LinkHealth} judges a link. Every threshold has an enter and a leave value (hysteresis), so
 * that a figure hovering around one threshold does not toggle the state on every probe.
 *
 * @param window         ICMP results older than this slide out of the loss, RTT and jitter figures; also
 *                       how long a configured BFD session may take to come Up after start
 * @param minSamples     ICMP results the window must hold before loss is judged (and successful ones before
 *                       RTT and jitter are): one lost probe out of two is no evidence of 50% loss
 * @param lossDegraded   loss ratio (0..1) thresholds for DEGRADED
 * @param lossDown       loss ratio thresholds for DOWN; {@code lossDegraded.enter < lossDown.enter}
 * @param rttDegraded    median RTT thresholds for DEGRADED; empty: RTT is not judged
 * @param jitterDegraded jitter thresholds for DEGRADED; empty: jitter is not judged
 * @param tcpFailures    consecutive failures of one TCP target that make the link DEGRADED
 * @param minTimeInState how long a state lasts at least before it may change, except to DOWN (at once)
 *                       and from UNKNOWN (nothing to keep)
 * @param dampening      flap dampening
 */
public record LinkPolicy(Duration window, int minSamples, Hysteresis lossDegraded, Hysteresis lossDown,
                         Optional<DelayHysteresis> rttDegraded, Optional<DelayHysteresis> jitterDegraded,
                         int tcpFailures, Duration minTimeInState, Dampening dampening) {

    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
    public static final int DEFAULT_MIN_SAMPLES = 5;
    public static final Hysteresis DEFAULT_LOSS_DEGRADED = new Hysteresis(0.05, 0.01);
    public static final Hysteresis DEFAULT_LOSS_DOWN = new Hysteresis(0.50, 0.20);
    public static final int DEFAULT_TCP_FAILURES = 3;
    public static final Duration DEFAULT_MIN_TIME_IN_STATE = Duration.ofSeconds(2);

    public LinkPolicy {
        Objects.requireNonNull(lossDegraded, "lossDegraded");
        Objects.requireNonNull(lossDown, "lossDown");
        Objects.requireNonNull(rttDegraded, "rttDegraded");
        Objects.requireNonNull(jitterDegraded, "jitterDegraded");
        Objects.requireNonNull(dampening, "dampening");
        requirePositive(window, "window");
        if (minSamples < 1 || tcpFailures < 1) {
            throw new IllegalArgumentException("minSamples " + minSamples + ", tcpFailures " + tcpFailures
                    + " (expected: >= 1)");
        }
        if (minTimeInState.isNegative()) {
            throw new IllegalArgumentException("minTimeInState " + minTimeInState + " (expected: >= 0)");
        }
        if (lossDegraded.enter() >= lossDown.enter()) {
            throw new IllegalArgumentException("loss degraded enter " + lossDegraded.enter()
                    + " (expected: < down enter " + lossDown.enter() + ")");
        }
    }

    /** The defaults: loss 5%/1% degraded, 50%/20% down, no RTT or jitter thresholds, dampening on. */
    public static LinkPolicy defaults() {
        return new LinkPolicy(DEFAULT_WINDOW, DEFAULT_MIN_SAMPLES, DEFAULT_LOSS_DEGRADED, DEFAULT_LOSS_DOWN,
                Optional.empty(), Optional.empty(), DEFAULT_TCP_FAILURES, DEFAULT_MIN_TIME_IN_STATE,
                Dampening.DEFAULT);
    }

    public LinkPolicy withWindow(Duration value, int samples) {
        return new LinkPolicy(value, samples, lossDegraded, lossDown, rttDegraded, jitterDegraded, tcpFailures,
                minTimeInState, dampening);
    }

    public LinkPolicy withRttDegraded(DelayHysteresis value) {
        return new LinkPolicy(window, minSamples, lossDegraded, lossDown, Optional.of(value), jitterDegraded,
                tcpFailures, minTimeInState, dampening);
    }

    public LinkPolicy withJitterDegraded(DelayHysteresis value) {
        return new LinkPolicy(window, minSamples, lossDegraded, lossDown, rttDegraded, Optional.of(value),
                tcpFailures, minTimeInState, dampening);
    }

    public LinkPolicy withMinTimeInState(Duration value) {
        return new LinkPolicy(window, minSamples, lossDegraded, lossDown, rttDegraded, jitterDegraded, tcpFailures,
                value, dampening);
    }

    public LinkPolicy withDampening(Dampening value) {
        return new LinkPolicy(window, minSamples, lossDegraded, lossDown, rttDegraded, jitterDegraded, tcpFailures,
                minTimeInState, value);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " " + duration + " (expected: > 0)");
        }
    }

    /** Enter at {@code value >= enter}, leave at {@code value <= leave}; ratios 0..1, {@code leave < enter}. */
    public record Hysteresis(double enter, double leave) {

        public Hysteresis {
            if (!(0 <= leave && leave < enter && enter <= 1)) {
                throw new IllegalArgumentException("enter " + enter + ", leave " + leave
                        + " (expected: 0 <= leave < enter <= 1)");
            }
        }
    }

    /** Like {@link Hysteresis} for a delay (RTT, jitter): {@code 0 < leave < enter}. */
    public record DelayHysteresis(Duration enter, Duration leave) {

        public DelayHysteresis {
            requirePositive(leave, "leave");
            if (leave.compareTo(enter) >= 0) {
                throw new IllegalArgumentException("enter " + enter + ", leave " + leave
                        + " (expected: leave < enter)");
            }
        }
    }

    /**
     * Flap dampening in the spirit of RFC 2439 §4.2's parameters.
     *
     * @param penalty     added each time the link leaves UP (RFC 2439's per-flap increment); 0 turns dampening off
     * @param halfLife    the penalty halves in this time
     * @param suppress    above this penalty the link is suppressed (RFC 2439's "cutoff threshold")
     * @param reuse       below this penalty a suppressed link may carry traffic again; {@code reuse < suppress}
     * @param maxSuppress the longest a link stays suppressed after its last flap (RFC 2439's "maximum hold
     *                    down time"): it caps the penalty at {@link #ceiling()}
     */
    public record Dampening(double penalty, Duration halfLife, double suppress, double reuse, Duration maxSuppress) {

        public static final Dampening DEFAULT = new Dampening(1000, Duration.ofSeconds(60), 2000, 750,
                Duration.ofMinutes(15));

        public Dampening {
            requirePositive(halfLife, "halfLife");
            requirePositive(maxSuppress, "maxSuppress");
            if (penalty < 0 || !(0 < reuse && reuse < suppress)) {
                throw new IllegalArgumentException("penalty " + penalty + ", reuse " + reuse + ", suppress "
                        + suppress + " (expected: penalty >= 0, 0 < reuse < suppress)");
            }
        }

        /**
         * The highest penalty: RFC 2439 §4.2 derives it from the maximum hold-down time, as the penalty that
         * decays to the reuse threshold in exactly that time: {@code reuse * 2^(maxSuppress / halfLife)}.
         */
        public double ceiling() {
            return reuse * Math.pow(2, (double) maxSuppress.toNanos() / halfLife.toNanos());
        }
    }
}
