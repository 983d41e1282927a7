package io.linkguard.agent.health;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One link's health at one instant, for {@link FailoverDecision}, metrics and {@code GET /status}.
 *
 * @param state          the state
 * @param sinceNanos     when the link entered it (monotonic nanoseconds, like every time here)
 * @param lossRatio      ICMP loss over the window, 0..1; NaN without samples
 * @param medianRttNanos median ICMP RTT over the window; -1 without replies
 * @param jitterNanos    ICMP jitter over the window: the mean difference of consecutive RTTs (RFC 3550
 *                       §6.4.1's D); NaN with fewer than two replies
 * @param samples        ICMP results in the window
 * @param penalty        the flap penalty now (RFC 2439)
 * @param suppressed     whether the link must not carry traffic because it flapped
 * @param lastTransition the latest state change, if any
 * @param atNanos        the instant of this snapshot
 * @param reason         why the link is in its state now ({@link LinkHealth#reason()}); empty before the first
 *                       judgement
 */
public record LinkHealthSnapshot(LinkState state, long sinceNanos, double lossRatio, long medianRttNanos,
                                 double jitterNanos, int samples, double penalty, boolean suppressed,
                                 Optional<HealthTransition> lastTransition, long atNanos, Optional<Cause> reason) {

    public LinkHealthSnapshot {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastTransition, "lastTransition");
        Objects.requireNonNull(reason, "reason");
    }

    /** The cause of the present state and its one line for an operator. */
    public record Cause(HealthTransition.Reason reason, String detail) {
        public Cause {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** How long the link has been in its state. */
    public Duration inStateFor() {
        return Duration.ofNanos(atNanos - sinceNanos);
    }

    /** How long the link has been UP without a break; zero when it is not UP. */
    public Duration stableUpFor() {
        return state == LinkState.UP ? inStateFor() : Duration.ZERO;
    }
}
