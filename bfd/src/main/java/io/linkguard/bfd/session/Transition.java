package io.linkguard.bfd.session;

import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.Diagnostic;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of one step of {@link Fsm}.
 *
 * @param next             the state after the event (equal to the old state when nothing changes)
 * @param diagnosticToSet  the new bfd.LocalDiag, or empty to keep the current one
 * @param changed          whether the session state changed
 */
public record Transition(BfdState next, Optional<Diagnostic> diagnosticToSet, boolean changed) {
    public Transition {
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(diagnosticToSet, "diagnosticToSet");
    }

    static Transition stay(BfdState state) {
        return new Transition(state, Optional.empty(), false);
    }

    static Transition to(BfdState next) {
        return new Transition(next, Optional.empty(), true);
    }

    static Transition to(BfdState next, Diagnostic diagnostic) {
        return new Transition(next, Optional.of(diagnostic), true);
    }
}
