package io.linkguard.bfd.engine;

import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.Diagnostic;

import java.net.InetAddress;

/**
 * A session changed state.
 *
 * @param name        the session's link name
 * @param peer        the remote system
 * @param from        previous state
 * @param to          new state
 * @param localDiag   bfd.LocalDiag after the change: why we went down (e.g. detection time expired)
 * @param remoteDiag  the peer's diagnostic from its last packet (e.g. administratively down)
 * @param epochMillis when, wall clock
 */
public record BfdStateChange(String name, InetAddress peer, BfdState from, BfdState to, Diagnostic localDiag,
                             Diagnostic remoteDiag, long epochMillis) {

    /** The diagnostic that explains the change: ours when we detected it, the peer's when it told us. */
    public Diagnostic cause() {
        return localDiag != Diagnostic.NONE ? localDiag : remoteDiag;
    }
}
