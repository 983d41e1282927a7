package io.linkguard.bfd.session;

import io.linkguard.bfd.packet.BfdState;

/**
 * The Poll Sequence of RFC 5880 §6.5 and the deferred timer changes of §6.8.3.
 * Holds two views of the local intervals: the advertised ones
 * (bfd.DesiredMinTxInterval and bfd.RequiredMinRxInterval, sent in every
 * packet) and the ones in effect for the local transmit rate and the local
 * Detection Time. They differ only while a Poll Sequence is in progress.
 *
 * <p>Changes are deferred while the peer may be timing this session (local
 * state Init or Up). §6.8.3 requires the deferral only in Up; deferring in
 * Init too is allowed and keeps a peer that is already Up from timing out when
 * the local transmit interval grows. If the intervals change again while a
 * Poll Sequence is in progress, a new one starts when the Final arrives: the
 * Final only proves that the peer saw the values advertised when the first
 * Poll was sent (or later ones).
 *
 * <p>Not thread-safe: owned by one {@link BfdSession}, on the thread that drives it.
 */
final class PollSequence {
    /** The configured intervals, from which the advertised ones follow with the session state (§6.8.3). */
    private long configuredDesiredMinTxMicros;
    private long configuredRequiredMinRxMicros;
    private long advertisedDesiredMinTxMicros;
    private long advertisedRequiredMinRxMicros;
    private long txDesiredInEffectMicros;
    private long rxRequiredInEffectMicros;
    private boolean inProgress;
    private boolean repollNeeded;
    private long polledDesiredMinTxMicros;
    private long polledRequiredMinRxMicros;

    PollSequence(long desiredMinTxMicros, long requiredMinRxMicros) {
        advertisedDesiredMinTxMicros = desiredMinTxMicros;
        advertisedRequiredMinRxMicros = requiredMinRxMicros;
        txDesiredInEffectMicros = desiredMinTxMicros;
        rxRequiredInEffectMicros = requiredMinRxMicros;
        configuredDesiredMinTxMicros = desiredMinTxMicros;
        configuredRequiredMinRxMicros = requiredMinRxMicros;
    }

    /** The intervals of a new session, which is Down: RFC 5880 §6.8.3, the slow rate at first. */
    static PollSequence configured(long desiredMinTxMicros, long requiredMinRxMicros) {
        PollSequence p = new PollSequence(Timers.effectiveDesiredMinTxMicros(desiredMinTxMicros, false),
                requiredMinRxMicros);
        p.configuredDesiredMinTxMicros = desiredMinTxMicros;
        return p;
    }

    /** New configured intervals, advertised as {@link #follow} says for the session state {@code state}. */
    void configure(long desiredMinTxMicros, long requiredMinRxMicros, BfdState state) {
        configuredDesiredMinTxMicros = desiredMinTxMicros;
        configuredRequiredMinRxMicros = requiredMinRxMicros;
        follow(state);
    }

    /**
     * RFC 5880 §6.8.3: bfd.DesiredMinTxInterval is at least one second while not Up; moving in
     * or out of Up changes it, which (in Init or Up) starts a Poll Sequence.
     */
    void follow(BfdState state) {
        update(Timers.effectiveDesiredMinTxMicros(configuredDesiredMinTxMicros, state == BfdState.UP),
                configuredRequiredMinRxMicros, state == BfdState.INIT || state == BfdState.UP);
    }

    /** Whether {@code s} shows the advertised intervals and Poll Sequence as they are now. */
    boolean sameAs(SessionSnapshot s) {
        return s.desiredMinTxMicros() == advertisedDesiredMinTxMicros
                && s.requiredMinRxMicros() == advertisedRequiredMinRxMicros && s.pollInProgress() == inProgress;
    }

    /**
     * Sets new values of bfd.DesiredMinTxInterval and bfd.RequiredMinRxInterval.
     *
     * @param peerTiming whether the peer may be timing this session (local state Init or Up);
     *                   when false, the values take effect at once and any Poll Sequence ends
     */
    void update(long desiredMinTxMicros, long requiredMinRxMicros, boolean peerTiming) {
        boolean changed = desiredMinTxMicros != advertisedDesiredMinTxMicros
                || requiredMinRxMicros != advertisedRequiredMinRxMicros;
        advertisedDesiredMinTxMicros = desiredMinTxMicros;
        advertisedRequiredMinRxMicros = requiredMinRxMicros;
        if (!peerTiming) {
            inProgress = false;
            repollNeeded = false;
            txDesiredInEffectMicros = desiredMinTxMicros;
            rxRequiredInEffectMicros = requiredMinRxMicros;
            return;
        }
        if (!changed) {
            return;
        }
        // RFC 5880 §6.8.3: "If bfd.DesiredMinTxInterval is increased and bfd.SessionState is Up,
        // the actual transmission interval used MUST NOT change until the Poll Sequence described
        // above has terminated." A decrease applies at once.
        txDesiredInEffectMicros = Math.min(txDesiredInEffectMicros, desiredMinTxMicros);
        // RFC 5880 §6.8.3: "If bfd.RequiredMinRxInterval is reduced and bfd.SessionState is Up, the
        // previous value of bfd.RequiredMinRxInterval MUST be used when calculating the Detection
        // Time for the remote system until the Poll Sequence described above has terminated."
        rxRequiredInEffectMicros = Math.max(rxRequiredInEffectMicros, requiredMinRxMicros);
        // RFC 5880 §6.8.3: "If either bfd.DesiredMinTxInterval is changed or
        // bfd.RequiredMinRxInterval is changed, a Poll Sequence MUST be initiated (see section 6.5)."
        if (inProgress) {
            repollNeeded = true;
        } else {
            start();
        }
    }

    /**
     * A packet with the Final (F) bit arrived.
     *
     * @return whether it ended (or advanced) a Poll Sequence in progress
     */
    boolean finalReceived() {
        if (!inProgress) {
            return false;
        }
        // RFC 5880 §6.5: "When the system sending the Poll sequence receives a packet with Final,
        // the Poll Sequence is terminated"; §6.8.3: the deferred interval changes now apply, up to
        // the values the peer is known to have seen.
        txDesiredInEffectMicros = Math.min(advertisedDesiredMinTxMicros, polledDesiredMinTxMicros);
        rxRequiredInEffectMicros = Math.max(advertisedRequiredMinRxMicros, polledRequiredMinRxMicros);
        if (repollNeeded) {
            repollNeeded = false;
            start();
        } else {
            inProgress = false;
        }
        return true;
    }

    private void start() {
        inProgress = true;
        polledDesiredMinTxMicros = advertisedDesiredMinTxMicros;
        polledRequiredMinRxMicros = advertisedRequiredMinRxMicros;
    }

    boolean inProgress() {
        return inProgress;
    }

    long advertisedDesiredMinTxMicros() {
        return advertisedDesiredMinTxMicros;
    }

    long advertisedRequiredMinRxMicros() {
        return advertisedRequiredMinRxMicros;
    }

    /** The bfd.DesiredMinTxInterval that sets the local transmit rate now. */
    long txDesiredInEffectMicros() {
        return txDesiredInEffectMicros;
    }

    /** The bfd.RequiredMinRxInterval that sets the local Detection Time now. */
    long rxRequiredInEffectMicros() {
        return rxRequiredInEffectMicros;
    }
}
