package io.linkguard.bfd.session;

import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.ControlPacket;
import io.linkguard.bfd.packet.Diagnostic;

/**
 * What a {@link BfdSession} asks of its owner. Both methods are called on the
 * thread that drives the session, in the middle of a call into it: they must be
 * quick and must not change the same session (queue the packet or event
 * instead); reading it ({@link BfdSession#snapshot()}) is fine.
 */
public interface SessionListener {
    /**
     * Send this packet now. The packet carries no authentication section: the
     * transport adds it (and sets the A bit) when the session is authenticated.
     */
    void transmit(ControlPacket packet);

    /** The session state changed; {@code localDiag} is bfd.LocalDiag after the change. */
    void stateChanged(BfdState from, BfdState to, Diagnostic localDiag, long nowNanos);
}
