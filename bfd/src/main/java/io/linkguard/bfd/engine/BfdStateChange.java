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
 * @param remoteState the peer's state from its last packet
 * @param epochMillis when, wall clock
 */
public record BfdStateChange(String name, InetAddress peer, BfdState from, BfdState to, Diagnostic localDiag,
                             Diagnostic remoteDiag, BfdState remoteState, long epochMillis) {

    /**
     * The diagnostic that explains the change: ours when we detected it; the
     * peer's when it told us (RFC 5880 §6.8.6: our diag is then 3, "neighbor
     * signaled session down", and the peer's says why, e.g. 7 "administratively
     * down", which an operator must not mistake for a failure).
     */
    public Diagnostic cause() {
        if (localDiag == Diagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN) {
            // FRR bfdd 8.4 sends AdminDown with diagnostic 0: the state itself says why.
            if (remoteState == BfdState.ADMIN_DOWN) {
                return Diagnostic.ADMINISTRATIVELY_DOWN;
            }
            if (remoteDiag != Diagnostic.NONE) {
                return remoteDiag;
            }
        }
        return localDiag != Diagnostic.NONE ? localDiag : remoteDiag;
    }

    /**
     * What the change says about direction, when it can tell (one-way loss is
     * common on tunnels and hard to see with ping). RFC 5880 §6.8.6: a peer
     * whose detection time expired reports Down with diagnostic 1; if we still
     * hear it, the packets we send are the ones being lost.
     */
    public String explanation() {
        if (to == BfdState.DOWN && localDiag == Diagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN
                && remoteDiag == Diagnostic.CONTROL_DETECTION_TIME_EXPIRED) {
            return "the peer stopped hearing us while we still hear it: loss in the direction toward the peer";
        }
        return cause().description();
    }
}
