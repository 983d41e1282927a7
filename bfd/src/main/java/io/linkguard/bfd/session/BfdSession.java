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
 * <p>Not thread-safe, and no locks: one thread drives a session (in the agent, the BFD engine's
 * thread) and the listener runs on it. Other threads read only what that thread hands them: the
 * {@link SessionSnapshot}s it publishes (see {@link #unchangedSince}) and the
 * {@link SessionCounters}, which any thread may read.
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

    private int detectMult;

    // RFC 5880 §6.8.1: bfd.SessionState and bfd.LocalDiag start as Down and 0 (No Diagnostic).
    private BfdState sessionState = BfdState.DOWN;
    private Diagnostic localDiag = Diagnostic.NONE;
    private final RemoteState remote = new RemoteState();

    private boolean packetsShutdown;
    private final FinalRateLimit finals = new FinalRateLimit();
    private long lastStateChangeNanos;
    private long stateChanges;
    private final SessionCounters counters = new SessionCounters();

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
        this.detectMult = params.detectMult();
        this.timers = PollSequence.configured(params.desiredMinTxMicros(), params.requiredMinRxMicros());
        this.tx = new TxSchedule(Objects.requireNonNull(random, "random"));
        this.lastStateChangeNanos = nowNanos;
        tx.startNow(nowNanos, periodicIntervalMicros());
    }

    /**
     * Processes a packet the caller has demultiplexed and authenticated: the rest of RFC 5880
     * §6.8.6. May transmit (a Final reply, or a packet announcing a state change).
     */
    public ReceiveResult receive(ControlPacket packet, long nowNanos) {
        counters.received();
        Optional<BfdDropReason> drop = ReceptionChecks.check(packet);
        // RFC 5880 §6.8.6: a nonzero Your Discriminator MUST select the session; a mismatch here
        // means the caller's demultiplexing went wrong, and the packet is not ours.
        if (drop.isEmpty() && packet.yourDiscriminator() != 0 && packet.yourDiscriminator() != localDiscr) {
            drop = Optional.of(BfdDropReason.UNKNOWN_DISCRIMINATOR);
        }
        if (drop.isPresent()) {
            counters.dropped();
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
            counters.discardedAdminDown();
            adoptTxInterval(nowNanos);
            return ReceiveResult.discardedAdminDown();
        }
        boolean changed = apply(Fsm.next(sessionState, Event.received(packet.state())), nowNanos);
        if (packet.poll() && finals.allowed(nowNanos, timers.txDesiredInEffectMicros())) {
            // RFC 5880 §6.8.6, §6.8.7: "If the Poll (P) bit is set, send a BFD Control packet to the
            // remote system with the Poll (P) bit clear, and the Final (F) bit set", as soon as
            // practicable and without respect to the transmission timer.
            sendFinal(changed, nowNanos);
        } else if (packet.poll()) {
            // Every Poll is answered, but at most one Final per transmit interval (FinalRateLimit).
            // The Final owed goes out when the interval is over (runTimers).
            finals.defer();
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
    public long runTimers(long nowNanos) {
        if (remote.known() && nowNanos - detectionDeadlineNanos() >= 0) {
            peerSilent(nowNanos);
        }
        adoptTxInterval(nowNanos);
        if (finals.owed() && finals.allowed(nowNanos, timers.txDesiredInEffectMicros())) {
            // RFC 5880 §6.5: the deferred answer to a Poll; it also serves as a periodic packet if one is due.
            sendFinal(tx.due(nowNanos), nowNanos);
        } else if (tx.due(nowNanos)) {
            send(false, true, nowNanos);
        }
        long deadline = nowNanos + IDLE_WAKEUP_NANOS;
        if (tx.scheduled()) {
            deadline = tx.nextTxNanos();
        }
        if (finals.owed() && finals.nextAllowedNanos(timers.txDesiredInEffectMicros()) - deadline < 0) {
            deadline = finals.nextAllowedNanos(timers.txDesiredInEffectMicros());
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
    public long echoRxAllowedMicros() {
        return sessionState == BfdState.UP && remote.known() ? remote.minEchoRxMicros() : 0;
    }

    /**
     * RFC 5880 §6.8.5: "If the Echo function is active ... and no Echo packets have been
     * received for the Detection Time, the session has gone down -- the local system MUST set
     * bfd.SessionState to Down and bfd.LocalDiag to 2 (Echo Function Failed)."
     */
    public void echoFailed(long nowNanos) {
        if (sessionState == BfdState.UP
                && apply(new Transition(BfdState.DOWN, Optional.of(Diagnostic.ECHO_FUNCTION_FAILED), true), nowNanos)) {
            send(false, true, nowNanos);
        }
    }

    /** RFC 5880 §6.8.16: disable the session; AdminDown packets keep going at the slow rate. */
    public void adminDown(long nowNanos) {
        if (apply(Fsm.next(sessionState, Event.ADMIN_DOWN), nowNanos)) {
            send(false, true, nowNanos);
        }
        adoptTxInterval(nowNanos);
    }

    /** RFC 5880 §6.8.16: enable the session again (AdminDown -> Down); packets resume. */
    public void adminUp(long nowNanos) {
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
    public void shutdownPackets() {
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
    public void changeParameters(long desiredMinTxMicros, long requiredMinRxMicros, int detectMult, long nowNanos) {
        SessionParameters.validateTimers(desiredMinTxMicros, requiredMinRxMicros, detectMult);
        this.detectMult = detectMult;
        timers.configure(desiredMinTxMicros, requiredMinRxMicros, sessionState);
        adoptTxInterval(nowNanos);
    }

    /** The packet the session would send now; {@code fin} answers a Poll (RFC 5880 §6.8.7). */
    public ControlPacket buildPacket(boolean fin) {
        // RFC 5880 §6.8.7: field values; §6.5: "A BFD Control packet MUST NOT have both the Poll
        // (P) and Final (F) bits set"; D is never set since bfd.DemandMode is 0; C is 0 because
        // this implementation shares fate with the control plane.
        return new ControlPacket(ControlPacket.VERSION, localDiag, sessionState, timers.inProgress() && !fin, fin,
                false, false, false, detectMult, localDiscr, remote.discr(), timers.advertisedDesiredMinTxMicros(),
                timers.advertisedRequiredMinRxMicros(), requiredMinEchoRxMicros, Optional.empty());
    }

    public SessionSnapshot snapshot() {
        return new SessionSnapshot(sessionState, localDiag, localDiscr, passive,
                timers.advertisedDesiredMinTxMicros(), timers.advertisedRequiredMinRxMicros(),
                requiredMinEchoRxMicros, detectMult, false,
                remote.sessionState(), remote.diag(), remote.discr(), remote.minRxMicros(),
                remote.desiredMinTxMicros(), remote.minEchoRxMicros(), remote.detectMult(), remote.demandMode(),
                tx.intervalMicros(), detectionTimeMicros(), timers.inProgress(),
                lastStateChangeNanos, stateChanges, counters.packetsReceived(), counters.packetsTransmitted(),
                counters.packetsDropped(), counters.packetsDiscardedAdminDown());
    }

    /**
     * Whether {@code s} still shows everything but the packet counters as they are now: state,
     * diagnostics, timers, the remote variables. Allocates nothing, so the driving thread can ask
     * after every packet and publish a new snapshot only when this says false; readers add the
     * current counters from {@link #counters()}.
     */
    public boolean unchangedSince(SessionSnapshot s) {
        return s.sessionState() == sessionState && s.localDiag() == localDiag && s.stateChanges() == stateChanges
                && s.detectMult() == detectMult && timers.sameAs(s) && remote.sameAs(s)
                && s.txIntervalMicros() == tx.intervalMicros() && s.detectionTimeMicros() == detectionTimeMicros();
    }

    /** The packet counters, which any thread may read. */
    public SessionCounters counters() {
        return counters;
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
        timers.follow(sessionState);
        listener.stateChanged(from, sessionState, localDiag, nowNanos);
        return true;
    }

    private void send(boolean fin, boolean restartsPeriodicTimer, long nowNanos) {
        // RFC 5880 §6.8.7: "A system MUST NOT transmit BFD Control packets if bfd.RemoteDiscr is
        // zero and the system is taking the Passive role"; §6.8.16: ceased after AdminDown.
        if ((passive && !remote.known()) || packetsShutdown) {
            return;
        }
        counters.transmitted();
        listener.transmit(buildPacket(fin));
        if (restartsPeriodicTimer) {
            adoptTxInterval(nowNanos);
            tx.sent(nowNanos, detectMult);
        }
    }

    /** Polls whose Final waited for the rate limit (RFC 5880 §6.5); each still got one. */
    public long finalsDeferred() {
        return finals.deferred();
    }

    private void sendFinal(boolean restartsPeriodicTimer, long nowNanos) {
        send(true, restartsPeriodicTimer, nowNanos);
        finals.sent(nowNanos);
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
    public long detectionTimeMicros() {
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
