package io.linkguard.bfd.session;

import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.ControlPacket;
import io.linkguard.bfd.packet.Diagnostic;

/**
 * What a session knows of its peer: the remote variables of RFC 5880 §6.8.1
 * and the fields of the last packet accepted that the Detection Time (§6.8.4)
 * and the Echo rule (§6.8.6) need.
 *
 * <p>Not thread-safe: owned by one {@link BfdSession}, on the thread that drives it.
 */
final class RemoteState {
    // RFC 5880 §6.8.1: bfd.RemoteSessionState "MUST be initialized to Down", bfd.RemoteDiscr "MUST
    // be initialized to zero", bfd.RemoteMinRxInterval "MUST be initialized to 1",
    // bfd.RemoteDemandMode "MUST be initialized to zero".
    private BfdState sessionState = BfdState.DOWN;
    private long discr;
    private long minRxMicros = 1;
    private boolean demandMode;
    private Diagnostic diag = Diagnostic.NONE;
    private int detectMult;
    private long desiredMinTxMicros;
    private long minEchoRxMicros;
    private long lastRxNanos;

    /** Learn from a packet that passed the §6.8.6 checks (including one AdminDown discards). */
    void learn(ControlPacket packet, long nowNanos) {
        // RFC 5880 §6.8.6: "Set bfd.RemoteDiscr to the value of My Discriminator. Set
        // bfd.RemoteState to the value of the State (Sta) field. Set bfd.RemoteDemandMode to the
        // value of the Demand (D) bit. Set bfd.RemoteMinRxInterval to the value of Required Min RX
        // Interval."
        discr = packet.myDiscriminator();
        sessionState = packet.state();
        demandMode = packet.demand();
        minRxMicros = packet.requiredMinRxMicros();
        // RFC 5880 §6.8.6: "If the Required Min Echo RX Interval field is zero, the transmission of
        // BFD Echo packets, if any, MUST cease."
        minEchoRxMicros = packet.requiredMinEchoRxMicros();
        // RFC 5880 §6.8.4: the Detection Time uses the Detect Mult and Desired Min TX Interval
        // last received, and runs from the last packet received.
        detectMult = packet.detectMult();
        desiredMinTxMicros = packet.desiredMinTxMicros();
        diag = packet.diagnostic();
        lastRxNanos = nowNanos;
    }

    /**
     * A Detection Time passed in silence. The last State and Diag received stay, for diagnosis.
     * bfd.RemoteDemandMode also returns to its initial value (a choice: no peer is known, so none
     * can be in Demand mode).
     */
    void forget() {
        // RFC 5880 §6.8.1: bfd.RemoteDiscr "MUST be set to zero" if "a period of a Detection Time
        // passes without the receipt of a valid, authenticated BFD packet from the remote system".
        discr = 0;
        // RFC 5880 §6.8.18: "If the remote system does not receive any BFD Control packets for a
        // Detection Time, it SHOULD reset bfd.RemoteMinRxInterval to its initial value of 1".
        minRxMicros = 1;
        demandMode = false;
    }

    /** Whether a peer is known (bfd.RemoteDiscr is nonzero). */
    /** Whether {@code s} shows the remote variables as they are now. */
    boolean sameAs(SessionSnapshot s) {
        return s.remoteSessionState() == sessionState && s.remoteDiag() == diag && s.remoteDiscr() == discr
                && s.remoteMinRxMicros() == minRxMicros && s.remoteDesiredMinTxMicros() == desiredMinTxMicros
                && s.remoteMinEchoRxMicros() == minEchoRxMicros && s.remoteDetectMult() == detectMult()
                && s.remoteDemandMode() == demandMode;
    }

    boolean known() {
        return discr != 0;
    }

    BfdState sessionState() {
        return sessionState;
    }

    long discr() {
        return discr;
    }

    long minRxMicros() {
        return minRxMicros;
    }

    boolean demandMode() {
        return demandMode;
    }

    Diagnostic diag() {
        return diag;
    }

    int detectMult() {
        return detectMult;
    }

    long desiredMinTxMicros() {
        return desiredMinTxMicros;
    }

    long minEchoRxMicros() {
        return minEchoRxMicros;
    }

    long lastRxNanos() {
        return lastRxNanos;
    }
}
