package io.linkguard.bfd.session;

import io.linkguard.bfd.BfdDropReason;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.ControlPacket;
import io.linkguard.bfd.packet.Diagnostic;

import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One BFD session in Asynchronous mode (RFC 5880 §6.8): the §6.8.1 state
 * variables, reception (§6.8.6), the Detection Time (§6.8.4), periodic
 * transmission (§6.8.7), Poll Sequences (§6.5, §6.8.3) and administrative
 * control (§6.8.16). Pure: no sockets, threads or clocks. Every time is the
 * caller's monotonic nanoseconds (compared by subtraction, so it may wrap);
 * randomness comes from the injected generator.
 *
 * <p>Thread-safe: every public method is {@code synchronized}, so a receive
 * thread, a timer thread and a metrics reader may share a session. The
 * listener is called with the lock held (see {@link SessionListener}).
 *
 * <p>Driving it: call {@link #receive} for each packet the caller has
 * demultiplexed and authenticated, then {@link #runTimers}, and sleep until
 * the deadline it returns or the next packet, whichever comes first.
 *
 * <p>Choices where the RFC leaves room: Demand mode is not supported
 * (bfd.DemandMode stays 0, the D bit is never sent) but a peer's Demand mode
 * is honoured; the first packet of an active session is due at once; a packet
 * is sent at once on every local state change and the periodic timer restarts
 * from it; AdminDown packets continue at the slow rate until
 * {@link #shutdownPackets()}; when bfd.RemoteDiscr is zeroed after a silent
 * Detection Time (§6.8.1), bfd.RemoteMinRxInterval returns to 1 (§6.8.18) and
 * bfd.RemoteDemandMode to 0.
 */
public final class BfdSession {
    private static final long IDLE_WAKEUP_NANOS = 1_000_000_000L;

    private final long localDiscr;
    private final boolean passive;
    private final long requiredMinEchoRxMicros;
    private final SessionListener listener;
    private final PollSequence timers;
    private final TxSchedule tx;

    private long configuredDesiredMinTxMicros;
    private long configuredRequiredMinRxMicros;
    private int detectMult;

    // RFC 5880 §6.8.1: bfd.SessionState and bfd.LocalDiag start as Down and 0 (No Diagnostic).
    private BfdState sessionState = BfdState.DOWN;
    private Diagnostic localDiag = Diagnostic.NONE;
    private final RemoteState remote = new RemoteState();

    private boolean packetsShutdown;
    /** RFC 5880 §6.5 Final rate limit: when the last Final went out, and whether a Poll still awaits one. */
    private boolean finalEverSent;
    private long lastFinalNanos;
    private boolean finalOwed;
    private long finalsDeferred;
    private long lastStateChangeNanos;
    private long stateChanges;
    private long packetsReceived;
    private long packetsTransmitted;
    private long packetsDropped;
    private long packetsDiscardedAdminDown;

    public BfdSession(SessionParameters params, long localDiscriminator, RandomGenerator random,
                      SessionListener listener, long nowNanos) {
        Objects.requireNonNull(params, "params");
        // RFC 5880 §6.8.1: bfd.LocalDiscr MUST be nonzero (and fits the 32-bit field).
        if (localDiscriminator <= 0 || localDiscriminator > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(
                    "localDiscriminator " + localDiscriminator + " (expected: 1.." + 0xFFFF_FFFFL + ")");
        }
        this.localDiscr = localDiscriminator;
        this.passive = params.passive();
        this.requiredMinEchoRxMicros = params.requiredMinEchoRxMicros();
        this.listener = Objects.requireNonNull(listener, "listener");
        this.configuredDesiredMinTxMicros = params.desiredMinTxMicros();
        this.configuredRequiredMinRxMicros = params.requiredMinRxMicros();
        this.detectMult = params.detectMult();
        this.timers = new PollSequence(Timers.effectiveDesiredMinTxMicros(configuredDesiredMinTxMicros, false),
                configuredRequiredMinRxMicros);
        this.tx = new TxSchedule(Objects.requireNonNull(random, "random"));
        this.lastStateChangeNanos = nowNanos;
        tx.startNow(nowNanos, periodicIntervalMicros());
    }

    /**
     * Processes a packet the caller has demultiplexed and authenticated: the rest of RFC 5880
     * §6.8.6. May transmit (a Final reply, or a packet announcing a state change).
     */
    public synchronized ReceiveResult receive(ControlPacket packet, long nowNanos) {
        packetsReceived++;
        Optional<BfdDropReason> drop = ReceptionChecks.check(packet);
        // RFC 5880 §6.8.6: a nonzero Your Discriminator MUST select the session; a mismatch here
        // means the caller's demultiplexing went wrong, and the packet is not ours.
        if (drop.isEmpty() && packet.yourDiscriminator() != 0 && packet.yourDiscriminator() != localDiscr) {
            drop = Optional.of(BfdDropReason.UNKNOWN_DISCRIMINATOR);
        }
        if (drop.isPresent()) {
            packetsDropped++;
            return ReceiveResult.dropped(drop.get());
        }
        // RFC 5880 §6.8.6: the remote variables are updated before the AdminDown step, and every
        // valid packet restarts the RemoteDiscr timeout (§6.8.1) and the Detection Time (§6.8.4).
        remote.learn(packet, nowNanos);
        if (packet.fin()) {
            // RFC 5880 §6.8.6: "If a Poll Sequence is being transmitted by the local system and the
            // Final (F) bit in the received packet is set, the Poll Sequence MUST be terminated."
            timers.finalReceived();
        }
        if (sessionState == BfdState.ADMIN_DOWN) {
            // RFC 5880 §6.8.6: "If bfd.SessionState is AdminDown, discard the packet".
            packetsDiscardedAdminDown++;
            adoptTxInterval(nowNanos);
            return ReceiveResult.discardedAdminDown();
        }
        boolean changed = apply(Fsm.next(sessionState, Event.received(packet.state())), nowNanos);
        if (packet.poll() && finalAllowed(nowNanos)) {
            // RFC 5880 §6.8.6, §6.8.7: "If the Poll (P) bit is set, send a BFD Control packet to the
            // remote system with the Poll (P) bit clear, and the Final (F) bit set", as soon as
            // practicable and without respect to the transmission timer.
            sendFinal(changed, nowNanos);
        } else if (packet.poll()) {
            // Every Poll is answered, but at most one Final per transmit interval: each Final is a
            // packet (and, with authentication, a digest) the sender of a Poll flood would
            // otherwise get for free. The Final owed goes out when the interval is over (runTimers).
            finalOwed = true;
            finalsDeferred++;
            if (changed) {
                send(false, true, nowNanos);
            }
        } else if (changed) {
            send(false, true, nowNanos);
        }
        adoptTxInterval(nowNanos);
        return ReceiveResult.accepted(changed);
    }

    /**
     * Fires what is due at {@code nowNanos}: Detection Time expiry, then periodic transmission.
     *
     * @return the next deadline (monotonic nanoseconds); {@code nowNanos} + 1 s when nothing is
     *         scheduled, so an idle caller still wakes up now and then
     */
    public synchronized long runTimers(long nowNanos) {
        if (remote.known() && nowNanos - detectionDeadlineNanos() >= 0) {
            peerSilent(nowNanos);
        }
        adoptTxInterval(nowNanos);
        if (finalOwed && finalAllowed(nowNanos)) {
            // RFC 5880 §6.5: the deferred answer to a Poll; it also serves as a periodic packet if one is due.
            sendFinal(tx.due(nowNanos), nowNanos);
        } else if (tx.due(nowNanos)) {
            send(false, true, nowNanos);
        }
        long deadline = nowNanos + IDLE_WAKEUP_NANOS;
        if (tx.scheduled()) {
            deadline = tx.nextTxNanos();
        }
        if (finalOwed && nextFinalNanos() - deadline < 0) {
            deadline = nextFinalNanos();
        }
        if (remote.known() && (!tx.scheduled() || detectionDeadlineNanos() - deadline < 0)) {
            deadline = detectionDeadlineNanos();
        }
        return deadline;
    }

    /**
     * The peer's Required Min Echo RX Interval while the session is Up, else 0:
     * RFC 5880 §6.8.9, echo packets only in Up and only if the peer allows them.
     */
    public synchronized long echoRxAllowedMicros() {
        return sessionState == BfdState.UP && remote.known() ? remote.minEchoRxMicros() : 0;
    }

    /**
     * RFC 5880 §6.8.5: "If the Echo function is active ... and no Echo packets have been
     * received for the Detection Time, the session has gone down -- the local system MUST set
     * bfd.SessionState to Down and bfd.LocalDiag to 2 (Echo Function Failed)."
     */
    public synchronized void echoFailed(long nowNanos) {
        if (sessionState == BfdState.UP
                && apply(new Transition(BfdState.DOWN, Optional.of(Diagnostic.ECHO_FUNCTION_FAILED), true), nowNanos)) {
            send(false, true, nowNanos);
        }
    }

    /** RFC 5880 §6.8.16: disable the session; AdminDown packets keep going at the slow rate. */
    public synchronized void adminDown(long nowNanos) {
        if (apply(Fsm.next(sessionState, Event.ADMIN_DOWN), nowNanos)) {
            send(false, true, nowNanos);
        }
        adoptTxInterval(nowNanos);
    }

    /** RFC 5880 §6.8.16: enable the session again (AdminDown -> Down); packets resume. */
    public synchronized void adminUp(long nowNanos) {
        packetsShutdown = false;
        if (apply(Fsm.next(sessionState, Event.ADMIN_UP), nowNanos)) {
            send(false, true, nowNanos);
        }
        adoptTxInterval(nowNanos);
    }

    /**
     * RFC 5880 §6.8.16: "Cease the transmission of BFD Control packets" once the peer has had
     * time to learn of AdminDown (the RFC asks for at least a Detection Time of them first).
     *
     * @throws IllegalStateException unless the session is AdminDown
     */
    public synchronized void shutdownPackets() {
        if (sessionState != BfdState.ADMIN_DOWN) {
            throw new IllegalStateException("session is " + sessionState.display() + " (expected: AdminDown)");
        }
        packetsShutdown = true;
        tx.adopt(Timers.NO_PERIODIC_TX, detectMult, 0);
    }

    /**
     * New timers. In Init or Up they start a Poll Sequence (RFC 5880 §6.8.3, §6.5) carried on
     * the periodic packets; an increase of the transmit interval and a decrease of the receive
     * interval take effect only when the Final arrives. In Down or AdminDown they apply at once.
     */
    public synchronized void changeParameters(long desiredMinTxMicros, long requiredMinRxMicros, int detectMult,
                                              long nowNanos) {
        SessionParameters.validateTimers(desiredMinTxMicros, requiredMinRxMicros, detectMult);
        this.configuredDesiredMinTxMicros = desiredMinTxMicros;
        this.configuredRequiredMinRxMicros = requiredMinRxMicros;
        this.detectMult = detectMult;
        updateAdvertisedTimers();
        adoptTxInterval(nowNanos);
    }

    /** The packet the session would send now; {@code fin} answers a Poll (RFC 5880 §6.8.7). */
    public synchronized ControlPacket buildPacket(boolean fin) {
        // RFC 5880 §6.8.7: field values; §6.5: "A BFD Control packet MUST NOT have both the Poll
        // (P) and Final (F) bits set"; D is never set since bfd.DemandMode is 0; C is 0 because
        // this implementation shares fate with the control plane.
        return new ControlPacket(ControlPacket.VERSION, localDiag, sessionState, timers.inProgress() && !fin, fin,
                false, false, false, detectMult, localDiscr, remote.discr(), timers.advertisedDesiredMinTxMicros(),
                timers.advertisedRequiredMinRxMicros(), requiredMinEchoRxMicros, Optional.empty());
    }

    public synchronized SessionSnapshot snapshot() {
        return new SessionSnapshot(sessionState, localDiag, localDiscr, passive,
                timers.advertisedDesiredMinTxMicros(), timers.advertisedRequiredMinRxMicros(),
                requiredMinEchoRxMicros, detectMult, false,
                remote.sessionState(), remote.diag(), remote.discr(), remote.minRxMicros(),
                remote.desiredMinTxMicros(), remote.minEchoRxMicros(), remote.detectMult(), remote.demandMode(),
                tx.intervalMicros(), detectionTimeMicros(), timers.inProgress(),
                lastStateChangeNanos, stateChanges, packetsReceived, packetsTransmitted, packetsDropped,
                packetsDiscardedAdminDown);
    }

    private void peerSilent(long nowNanos) {
        // RFC 5880 §6.8.1: bfd.RemoteDiscr is zeroed after a silent Detection Time.
        remote.forget();
        // RFC 5880 §6.8.4: "If Demand mode is not active, and a period of time equal to the
        // Detection Time passes without receiving a BFD Control packet from the remote system, and
        // bfd.SessionState is Init or Up, the session has gone down -- the local system MUST set
        // bfd.SessionState to Down and bfd.LocalDiag to 1 (Control Detection Time Expired)."
        if (apply(Fsm.next(sessionState, Event.DETECTION_TIMER_EXPIRED), nowNanos)) {
            send(false, true, nowNanos);
        }
    }

    private boolean apply(Transition t, long nowNanos) {
        if (!t.changed()) {
            return false;
        }
        BfdState from = sessionState;
        sessionState = t.next();
        t.diagnosticToSet().ifPresent(d -> localDiag = d);
        lastStateChangeNanos = nowNanos;
        stateChanges++;
        updateAdvertisedTimers();
        listener.stateChanged(from, sessionState, localDiag, nowNanos);
        return true;
    }

    private void updateAdvertisedTimers() {
        // RFC 5880 §6.8.3: bfd.DesiredMinTxInterval is at least one second while not Up; moving in
        // or out of Up changes it, which (in Init or Up) starts a Poll Sequence.
        timers.update(Timers.effectiveDesiredMinTxMicros(configuredDesiredMinTxMicros, sessionState == BfdState.UP),
                configuredRequiredMinRxMicros, sessionState == BfdState.INIT || sessionState == BfdState.UP);
    }

    private void send(boolean fin, boolean restartsPeriodicTimer, long nowNanos) {
        // RFC 5880 §6.8.7: "A system MUST NOT transmit BFD Control packets if bfd.RemoteDiscr is
        // zero and the system is taking the Passive role"; §6.8.16: ceased after AdminDown.
        if ((passive && !remote.known()) || packetsShutdown) {
            return;
        }
        packetsTransmitted++;
        listener.transmit(buildPacket(fin));
        if (restartsPeriodicTimer) {
            adoptTxInterval(nowNanos);
            tx.sent(nowNanos, detectMult);
        }
    }

    /** Polls whose Final waited for the rate limit (RFC 5880 §6.5); each still got one. */
    public synchronized long finalsDeferred() {
        return finalsDeferred;
    }

    private void sendFinal(boolean restartsPeriodicTimer, long nowNanos) {
        send(true, restartsPeriodicTimer, nowNanos);
        finalEverSent = true;
        lastFinalNanos = nowNanos;
        finalOwed = false;
    }

    private boolean finalAllowed(long nowNanos) {
        return !finalEverSent || nowNanos - nextFinalNanos() >= 0;
    }

    /**
     * One Final per bfd.DesiredMinTxInterval in effect, never per the negotiated interval: RFC 5880
     * §6.8.7, "If rate limiting is in effect, the advertised value of Desired Min TX Interval MUST be
     * greater than or equal to the interval between transmitted packets imposed by the rate limiting
     * function." A peer's larger Required Min RX would otherwise stretch the limit past what we
     * advertise. The value in effect is never above the advertised one (§6.8.3: an increase waits
     * for the Final), and it is at least one second while not Up.
     */
    private long nextFinalNanos() {
        return lastFinalNanos + Timers.microsToNanos(timers.txDesiredInEffectMicros());
    }

    private void adoptTxInterval(long nowNanos) {
        tx.adopt(periodicIntervalMicros(), detectMult, nowNanos);
    }

    private long periodicIntervalMicros() {
        // RFC 5880 §6.8.7: no transmission by a Passive system that knows no peer, none after
        // AdminDown packets were shut down (§6.8.16).
        if ((passive && !remote.known()) || packetsShutdown) {
            return Timers.NO_PERIODIC_TX;
        }
        // RFC 5880 §6.8.7: "A system MUST NOT periodically transmit BFD Control packets if Demand
        // mode is active on the remote system (bfd.RemoteDemandMode is 1, bfd.SessionState is Up,
        // and bfd.RemoteSessionState is Up) and a Poll Sequence is not being transmitted."
        if (remote.demandMode() && sessionState == BfdState.UP && remote.sessionState() == BfdState.UP
                && !timers.inProgress()) {
            return Timers.NO_PERIODIC_TX;
        }
        return Timers.negotiatedTxIntervalMicros(timers.txDesiredInEffectMicros(), remote.minRxMicros(),
                sessionState == BfdState.UP);
    }

    /** RFC 5880 §6.8.4: the Detection Time now; 0 while no remote system is known. */
    public synchronized long detectionTimeMicros() {
        if (!remote.known()) {
            return 0;
        }
        return Timers.detectionTimeMicros(remote.detectMult(), timers.rxRequiredInEffectMicros(),
                remote.desiredMinTxMicros());
    }

    private long detectionDeadlineNanos() {
        // RFC 5880 §6.8.4: the Detection Time runs from the last packet received.
        return remote.lastRxNanos() + Timers.microsToNanos(detectionTimeMicros());
    }
}
