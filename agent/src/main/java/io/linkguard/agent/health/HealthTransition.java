package io.linkguard.agent.health;

import java.util.Locale;
import java.util.Objects;

/**
 * One change of a link's state, with the reason an operator reads in the log, the alert and
 * {@code GET /status}.
 *
 * @param from      the state before
 * @param to        the state after
 * @param reason    what caused it; {@link Reason#label()} is the metric label value
 * @param detail    one line for an operator, e.g. {@code loss 31.0% over 10s >= 5.0% (degraded enter)}
 * @param value     the figure that crossed the threshold, in base units: a ratio (0..1) for loss, seconds
 *                  for RTT and jitter, consecutive failures for TCP; NaN when there is none (BFD, MTU)
 * @param threshold the threshold it crossed, in the same unit; NaN when there is none
 * @param atNanos   when, on the caller's monotonic clock ({@link System#nanoTime()} in the agent)
 */
public record HealthTransition(LinkState from, LinkState to, Reason reason, String detail, double value,
                               double threshold, long atNanos) {

    public HealthTransition {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        if (from == to) {
            throw new IllegalArgumentException("not a transition: " + from + " -> " + to);
        }
    }

    /** Why a link changed state. The {@code *_ABOVE} reasons make it worse; their pairs make it better. */
    public enum Reason {
        /** The first judgement after start: UNKNOWN to UP. */
        STARTUP,
        /** The BFD session left Up (RFC 5880 §6.8.6 detection or a signal from the peer), or never came Up. */
        BFD_DOWN,
        BFD_UP,
        /** The peer (or we) took BFD administratively down: RFC 5880 §6.8.16 says not to treat it as a failure. */
        BFD_ADMIN_DOWN,
        LOSS_ABOVE,
        LOSS_BELOW,
        RTT_ABOVE,
        RTT_BELOW,
        JITTER_ABOVE,
        JITTER_BELOW,
        TCP_FAILING,
        TCP_RECOVERED,
        MTU_BELOW_EXPECTED,
        MTU_RECOVERED,
        /** Better again without one signal to credit (e.g. its cause was no longer tracked). */
        PROBES_RECOVERED,
        /**
         * No ICMP or TCP result arrived for a while (no sample within max(3 x interval, 2 s) for every
         * sample-based probe of the link): the link is UNKNOWN, not still UP on stale evidence.
         */
        NO_SAMPLES,
        /** The link's interface does not exist (rtnetlink): at start, or deleted while running. */
        INTERFACE_ABSENT,
        /** The link's interface exists but its source address is configured on no interface. */
        SOURCE_ABSENT,
        /** The kernel says the link's interface is operationally down (IFF_RUNNING, IFLA_OPERSTATE). */
        INTERFACE_DOWN,
        /** The interface is present and up again (and the source address configured). */
        INTERFACE_UP;

        /** The metric label value, e.g. {@code loss_above}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code up -> degraded (loss_above): loss 31.0% over 10s >= 5.0% (degraded enter)}, for logs. */
    @Override
    public String toString() {
        return from.label() + " -> " + to.label() + " (" + reason.label() + "): " + detail;
    }
}
