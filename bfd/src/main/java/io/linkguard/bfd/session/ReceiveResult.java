package io.linkguard.bfd.session;

import io.linkguard.bfd.BfdDropReason;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link BfdSession#receive} did with a packet.
 *
 * @param outcome      accepted, dropped with a reason, or discarded because the session is AdminDown
 * @param drop         the reason when {@code outcome} is {@link Outcome#DROPPED}, else empty
 * @param stateChanged whether the packet changed the session state
 */
public record ReceiveResult(Outcome outcome, Optional<BfdDropReason> drop, boolean stateChanged) {
    public enum Outcome {
        /** Passed every check; counted for the Detection Time (RFC 5880 §6.8.6, last step). */
        ACCEPTED,
        /** Failed a §6.8.6 check; {@link #drop} says which. */
        DROPPED,
        /**
         * RFC 5880 §6.8.6: "If bfd.SessionState is AdminDown, discard the packet". The remote
         * variables were still updated, since the RFC does so before this step.
         */
        DISCARDED_ADMIN_DOWN
    }

    public ReceiveResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(drop, "drop");
        if (drop.isPresent() != (outcome == Outcome.DROPPED)) {
            throw new IllegalArgumentException("drop " + drop + " (expected: present iff DROPPED)");
        }
    }

    static ReceiveResult accepted(boolean stateChanged) {
        return new ReceiveResult(Outcome.ACCEPTED, Optional.empty(), stateChanged);
    }

    static ReceiveResult dropped(BfdDropReason reason) {
        return new ReceiveResult(Outcome.DROPPED, Optional.of(reason), false);
    }

    static ReceiveResult discardedAdminDown() {
        return new ReceiveResult(Outcome.DISCARDED_ADMIN_DOWN, Optional.empty(), false);
    }
}
