package io.linkguard.bfd.session;

import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.Diagnostic;

/**
 * An immutable view of one session: the RFC 5880 §6.8.1 state variables, what
 * was learned from the last packet received, the timers in effect and the
 * counters. Intervals are in microseconds; times are the caller's monotonic
 * nanoseconds.
 *
 * @param sessionState              bfd.SessionState
 * @param localDiag                 bfd.LocalDiag
 * @param localDiscr                bfd.LocalDiscr
 * @param passive                   whether the session takes the Passive role (§6.1)
 * @param desiredMinTxMicros        bfd.DesiredMinTxInterval, as advertised (one second or more when
 *                                  not Up)
 * @param requiredMinRxMicros       bfd.RequiredMinRxInterval, as advertised
 * @param requiredMinEchoRxMicros   the advertised Required Min Echo RX Interval
 * @param detectMult                bfd.DetectMult
 * @param demandMode                bfd.DemandMode: always false, Demand mode is not supported
 * @param remoteSessionState        bfd.RemoteSessionState
 * @param remoteDiag                Diag of the last packet accepted (NONE before any)
 * @param remoteDiscr               bfd.RemoteDiscr (0 = no peer known)
 * @param remoteMinRxMicros         bfd.RemoteMinRxInterval
 * @param remoteDesiredMinTxMicros  Desired Min TX Interval of the last packet accepted
 * @param remoteMinEchoRxMicros     Required Min Echo RX Interval of the last packet accepted
 * @param remoteDetectMult          Detect Mult of the last packet accepted (0 before any)
 * @param remoteDemandMode          bfd.RemoteDemandMode
 * @param txIntervalMicros          negotiated periodic transmit interval in effect, before jitter;
 *                                  0 when no periodic packet is being sent
 * @param detectionTimeMicros       Detection Time in effect; 0 when no peer is known
 * @param pollInProgress            whether a Poll Sequence is being sent
 * @param lastStateChangeNanos      when the state last changed (creation time if never)
 * @param stateChanges              number of state changes
 * @param packetsReceived           packets handed to receive()
 * @param packetsTransmitted        packets handed to the listener
 * @param packetsDropped            packets dropped by a §6.8.6 check
 * @param packetsDiscardedAdminDown packets discarded because the session was AdminDown
 */
public record SessionSnapshot(BfdState sessionState, Diagnostic localDiag, long localDiscr, boolean passive,
                              long desiredMinTxMicros, long requiredMinRxMicros, long requiredMinEchoRxMicros,
                              int detectMult, boolean demandMode,
                              BfdState remoteSessionState, Diagnostic remoteDiag, long remoteDiscr,
                              long remoteMinRxMicros, long remoteDesiredMinTxMicros, long remoteMinEchoRxMicros,
                              int remoteDetectMult, boolean remoteDemandMode,
                              long txIntervalMicros, long detectionTimeMicros, boolean pollInProgress,
                              long lastStateChangeNanos, long stateChanges, long packetsReceived,
                              long packetsTransmitted, long packetsDropped, long packetsDiscardedAdminDown) {
    /**
     * RFC 5880 §6.8.6: "If the Required Min Echo RX Interval field is zero, the transmission of
     * BFD Echo packets, if any, MUST cease." Echo packets may be sent only while this is true.
     */
    public boolean echoPermitted() {
        return remoteDiscr != 0 && remoteMinEchoRxMicros != 0;
    }
}
