package io.linkguard.agent.health;

import java.util.OptionalLong;

/**
 * The flap penalty of one link, in the spirit of RFC 2439 (BGP route flap damping) applied to a link
 * instead of a route. Pure: time comes in as monotonic nanoseconds, and nothing is scheduled; the
 * penalty is decayed lazily whenever it is read.
 *
 * <p>RFC 2439 §4.1: every flap adds a fixed penalty; the penalty decays exponentially with a half-life;
 * above the cutoff ("suppress") threshold the link is suppressed, and it stays so until the penalty has
 * decayed below the reuse threshold. RFC 2439 §4.2: the penalty is capped at a ceiling, so that a link
 * is never suppressed longer than the maximum hold-down time after its last flap.
 *
 * <p>Not thread-safe: {@link LinkHealth} owns it.
 */
final class FlapDampening {

    private final LinkPolicy.Dampening policy;
    private final double halfLifeNanos;
    private final double ceiling;
    /** The penalty as of {@link #updatedNanos}. */
    private double penalty;
    private long updatedNanos;
    /** Set when a flap pushes the penalty above the suppress threshold; ends when it decays below reuse. */
    private boolean suppressedFlag;

    FlapDampening(LinkPolicy.Dampening policy) {
        this.policy = policy;
        this.halfLifeNanos = policy.halfLife().toNanos();
        this.ceiling = policy.ceiling();
    }

    /** The link left UP at {@code nowNanos}: add the penalty. */
    void flap(long nowNanos) {
        double current = penalty(nowNanos);
        // A suppression that has already ended by decay ends before this flap is counted.
        suppressedFlag = suppressedFlag && current >= policy.reuse();
        // RFC 2439 §4.2: the ceiling bounds the suppression after the last flap to the max hold-down time.
        penalty = Math.min(current + policy.penalty(), ceiling);
        updatedNanos = nowNanos;
        if (penalty > policy.suppress()) {
            suppressedFlag = true;
        }
    }

    /** The penalty at {@code nowNanos}: {@code p * 2^(-elapsed / halfLife)}. */
    double penalty(long nowNanos) {
        if (penalty == 0) {
            return 0;
        }
        long elapsed = Math.max(0, nowNanos - updatedNanos);
        // RFC 2439 §4.1: exponential decay, halving every half-life.
        return penalty * Math.pow(2, -elapsed / halfLifeNanos);
    }

    /** Whether the link must not carry traffic because it flapped too much (RFC 2439 §4.1 "suppressed"). */
    boolean suppressed(long nowNanos) {
        return suppressedFlag && penalty(nowNanos) >= policy.reuse();
    }

    /**
     * When the suppression ends if no further flap comes: the time the penalty decays to the reuse
     * threshold, {@code updated + halfLife * log2(p / reuse)}; empty when not suppressed.
     */
    OptionalLong reuseAtNanos(long nowNanos) {
        if (!suppressed(nowNanos)) {
            return OptionalLong.empty();
        }
        double halfLives = Math.log(penalty / policy.reuse()) / Math.log(2);
        return OptionalLong.of(updatedNanos + (long) Math.ceil(halfLives * halfLifeNanos));
    }
}
