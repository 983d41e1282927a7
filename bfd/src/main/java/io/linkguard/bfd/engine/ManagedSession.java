package io.linkguard.bfd.engine;

import io.linkguard.bfd.auth.Authenticator;
import io.linkguard.bfd.BfdDropReason;
import io.linkguard.bfd.echo.EchoChecks;
import io.linkguard.bfd.echo.EchoFunction;
import io.linkguard.bfd.echo.EchoPacket;
import io.linkguard.bfd.echo.EchoSysctl;
import io.linkguard.bfd.echo.NeighborTable;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.ControlPacket;
import io.linkguard.bfd.packet.ControlPacketCodec;
import io.linkguard.bfd.packet.Diagnostic;
import io.linkguard.bfd.session.BfdSession;
import io.linkguard.bfd.session.SessionListener;
import io.linkguard.bfd.session.SessionParameters;
import io.linkguard.bfd.session.SessionSnapshot;
import io.linkguard.probes.net.LinuxSocket;
import io.linkguard.probes.net.NativeSocketException;
import io.linkguard.probes.net.PacketSocket;
import io.linkguard.probes.net.RealtimeClock;

import java.net.Inet4Address;
import java.net.InetAddress;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * One configured session at run time: the pure {@link BfdSession}, its
 * transmit socket, its authenticator, and its place in the deadline queue.
 * Driven only by the engine thread; {@link #view()} may be read from any thread without a lock:
 * it combines the snapshot the engine thread last published (replaced only when the state, timers
 * or remote variables change, see {@link BfdSession#unchangedSince}) with counters kept in
 * atomics and volatiles.
 */
final class ManagedSession implements SessionListener, DeadlineQueue.Scheduled, ReceptionPipeline.Target {
    private static final int MAX_PACKET_BYTES = 24 + 28;

    final BfdSessionConfig config;
    final long localDiscriminator;
    final int ifindex;
    final BfdSession session;
    final Optional<Authenticator> auth;
    private final ControlSender tx;
    private final BfdEventListener events;
    private final ByteBuffer txBuffer = ByteBuffer.allocate(MAX_PACKET_BYTES);
    private final AtomicLong sendFailures = new AtomicLong();
    /**
     * Sends that reported ECONNREFUSED (an ICMP port-unreachable for an earlier packet); only those
     * whose retry was refused too are also in sendFailures (see {@link TxSocket#send}).
     */
    private final AtomicLong sendsRefused = new AtomicLong();
    /**
     * The Detection Time when the last valid packet arrived: RFC 5880 §6.8.1 clears
     * bfd.AuthSeqKnown only after 2 x Detection Time without one, and by then the session has
     * forgotten the remote (its own Detection Time reads 0). Engine thread only.
     */
    private long lastDetectionTimeNanos;
    private final EchoFunction echo;
    private final ByteBuffer echoBuffer = ByteBuffer.allocate(EchoPacket.PACKET_BYTES);
    private final AtomicLong echoSent = new AtomicLong();
    private final AtomicLong echoReceived = new AtomicLong();
    private final int echoSourcePort;
    private volatile long lastEchoRttNanos = -1;
    private String checkedEchoDevice;
    /** Where echoes find their next hop: the engine's, set before the session's first timers. */
    private NeighborTable.Source neighbors = NeighborTable.Source.NONE;
    /** Neighbour entries for the peer refused by {@link NeighborTable} (e.g. a hardware address not 6 bytes). */
    private final AtomicLong neighborsRefused = new AtomicLong();
    private String loggedNeighborRefusal;
    private long queuedAtNanos = Long.MAX_VALUE;
    /**
     * Set when the session is being removed (a reload dropped or changed it):
     * it still tells the peer AdminDown, but its own going AdminDown is a
     * configuration change, not a link event, so listeners are not told.
     */
    volatile boolean retiring;
    /** Set once removed: a stale deadline-queue entry must not run its timers. Engine thread only. */
    boolean removed;
    /** The session as other threads see it, counters aside. Written by the engine thread only. */
    private volatile SessionSnapshot published;

    /** Engine-wide counts that outlive a session: a removed session's refusals still count. Any thread reads. */
    static final class Totals {
        private final AtomicLong sendsRefused = new AtomicLong();
        private final AtomicLong neighborsRefused = new AtomicLong();

        long sendsRefused() {
            return sendsRefused.get();
        }

        long neighborsRefused() {
            return neighborsRefused.get();
        }
    }

    private final Totals totals;

    ManagedSession(BfdSessionConfig config, long localDiscriminator, int ifindex, Optional<Authenticator> auth,
                   ControlSender tx, RandomGenerator random, BfdEventListener events, long nowNanos) {
        this(config, localDiscriminator, ifindex, auth, tx, random, events, nowNanos, new Totals());
    }

    ManagedSession(BfdSessionConfig config, long localDiscriminator, int ifindex, Optional<Authenticator> auth,
                   ControlSender tx, RandomGenerator random, BfdEventListener events, long nowNanos, Totals totals) {
        this.totals = totals;
        this.config = config;
        this.localDiscriminator = localDiscriminator;
        this.ifindex = ifindex;
        this.auth = auth;
        this.tx = tx;
        this.events = events;
        this.echo = config.echoInterval()
                .map(i -> new EchoFunction(i.toNanos() / 1000, config.detectMult(), random.nextLong()))
                .orElse(null);
        // RFC 5881 §4: Echo packets, too, come from a port in 49152..65535, the same for the whole session.
        this.echoSourcePort = BfdPorts.randomSourcePort(random);
        // The session draws only its transmit jitter (RFC 5880 §6.8.7) from its generator: a fast one of
        // its own, seeded from the engine's. Jitter needs no secrecy, and SecureRandom allocated and
        // synchronized on every packet sent.
        this.session = new BfdSession(new SessionParameters(config.desiredMinTxMicros(), config.requiredMinRxMicros(),
                config.detectMult(), 0, config.passive()), localDiscriminator, new SplittableRandom(random.nextLong()),
                this, nowNanos);
        this.published = session.snapshot();
    }

    /** Engine thread: publishes a new snapshot if the last one no longer shows the session. Allocates only then. */
    private void publish() {
        if (!session.unchangedSince(published)) {
            published = session.snapshot();
        }
    }

    @Override
    public void transmit(ControlPacket packet) {
        ControlPacket out = auth.isPresent() ? auth.get().sign(packet) : packet;
        txBuffer.clear();
        ControlPacketCodec.encode(out, txBuffer);
        txBuffer.flip();
        // No route, a down interface, a refusal: the peer will time us out, and our own detection
        // timer will fire. Counted here, never thrown: an exception would end the engine thread.
        switch (tx.send(txBuffer)) {
            case SENT -> { }
            case SENT_AFTER_REFUSAL -> {
                sendsRefused.incrementAndGet();
                totals.sendsRefused.incrementAndGet();
            }
            case REFUSED -> {
                sendsRefused.incrementAndGet();
                totals.sendsRefused.incrementAndGet();
                sendFailures.incrementAndGet();
            }
            case BUFFER_FULL, FAILED -> sendFailures.incrementAndGet();
        }
    }

    @Override
    public void stateChanged(BfdState from, BfdState to, Diagnostic localDiag, long nowNanos) {
        // RFC 5880 §6.8.1: bfd.AuthSeqKnown is NOT cleared here. Clearing it on Down let a recorded
        // packet in again right after the Down; it expires 2 x Detection Time after the last valid
        // packet instead (runTimers), which is also when a restarted peer can resynchronize.
        if (retiring) {
            return;
        }
        publish(); // a listener that reads the engine's sessions sees the new state
        var snapshot = published;
        events.onStateChange(new BfdStateChange(config.name(), config.peer(), from, to, localDiag,
                snapshot.remoteDiag(), snapshot.remoteSessionState(), System.currentTimeMillis()));
    }

    /**
     * Runs the session's timers and, if configured, the Echo function's: sends
     * echoes that are due, and takes the session Down with diagnostic 2 when
     * echoes stop coming back (RFC 5880 §6.8.5). Returns the next deadline.
     */
    long runTimers(long nowNanos, PacketSocket packets) {
        if (auth.isPresent()) {
            auth.get().expireSequenceKnowledge(nowNanos, lastDetectionTimeNanos);
        }
        long deadline = session.runTimers(nowNanos);
        if (echo == null) {
            publish();
            return deadline;
        }
        echo.update(packets != null, session.echoRxAllowedMicros(), nowNanos);
        if (echo.failed(nowNanos)) {
            session.echoFailed(nowNanos);
            echo.update(false, 0, nowNanos);
            deadline = session.runTimers(nowNanos);
            publish();
            return deadline;
        }
        while (echo.txDue(nowNanos)) {
            sendEcho(packets, echo.sequence());
        }
        publish();
        return Math.min(deadline, echo.nextDeadline());
    }

    /** On the engine's thread, before the first {@link #runTimers}: where echoes find their next hop. */
    void neighbors(NeighborTable.Source source) {
        this.neighbors = source;
    }

    private void sendEcho(PacketSocket packets, long sequence) {
        var lookup = neighbors.lookup(config.peer());
        var neighbor = lookup.neighbor();
        if (lookup.refused().isPresent()) {
            // An entry we cannot put in an Ethernet frame (not 6 bytes, unparsable): refused and
            // counted as a lost echo; logged once per distinct reason, not once per echo.
            neighborsRefused.incrementAndGet();
            totals.neighborsRefused.incrementAndGet();
            if (!lookup.refused().get().equals(loggedNeighborRefusal)) {
                loggedNeighborRefusal = lookup.refused().get();
                System.err.println("<4>link " + config.name() + ": BFD echo: " + loggedNeighborRefusal);
            }
        }
        if (neighbor.isEmpty() || config.local().isEmpty()) {
            sendFailures.incrementAndGet(); // no usable neighbour entry yet: counts as a lost echo, detection decides
            return;
        }
        if (!neighbor.get().device().equals(checkedEchoDevice)) {
            checkedEchoDevice = neighbor.get().device();
            EchoSysctl.problem(checkedEchoDevice).ifPresent(p ->
                    System.err.println("<4>link " + config.name() + ": BFD echo: " + p));
        }
        echoBuffer.clear();
        EchoPacket.encode((Inet4Address) config.local().get(), echoSourcePort, localDiscriminator, sequence,
                RealtimeClock.nowNanos(), echoBuffer);
        echoBuffer.flip();
        try {
            if (packets.sendIpv4(echoBuffer, neighbor.get().ifindex(), neighbor.get().mac())) {
                echoSent.incrementAndGet();
            } else {
                sendFailures.incrementAndGet();
            }
        } catch (NativeSocketException e) {
            sendFailures.incrementAndGet();
        }
    }

    /**
     * A datagram on the echo port that names this session. It counts only if it passes
     * {@link EchoChecks} (our own address as source, TTL >= 254) and carries a sequence number
     * sent lately ({@link EchoFunction#returned}); then its RTT is the kernel receive stamp minus
     * the stamp it carried.
     *
     * @return why it was dropped, or null if accepted
     */
    BfdDropReason echoReturned(InetAddress source, int ttl, long sequence, long rxEpochNanos, long sentEpochNanos,
                               long nowNanos) {
        if (echo == null) {
            return BfdDropReason.ECHO_UNKNOWN_SESSION;
        }
        var bad = EchoChecks.check(source, ttl, config.local().orElse(null));
        if (bad.isPresent()) {
            return bad.get();
        }
        if (!echo.returned(sequence, nowNanos)) {
            return BfdDropReason.ECHO_UNKNOWN_SEQUENCE;
        }
        echoReceived.incrementAndGet();
        long rtt = rxEpochNanos - sentEpochNanos;
        // Both clocks read now, so the time between the kernel's stamp and this handling cancels out.
        if (RealtimeClock.stepped(RealtimeClock.nowNanos() - sentEpochNanos, nowNanos - echo.lastReturnedSentNanos())) {
            // The wall clock stepped while the echo was out: it came back (liveness counts it), but
            // receive minus send is no RTT (linkguard_bfd_echo_packets_received_total still counts it).
            return null;
        }
        rtt = Math.max(0, rtt);
        lastEchoRttNanos = rtt;
        events.onEchoRtt(config.name(), config.peer(), rtt);
        return null;
    }

    @Override
    public BfdSessionConfig config() {
        return config;
    }

    @Override
    public Optional<Authenticator> auth() {
        return auth;
    }

    @Override
    public BfdSession session() {
        return session;
    }

    @Override
    public void validPacketReceived(long nowNanos) {
        long detection = session.detectionTimeMicros() * 1000;
        if (detection > 0) {
            lastDetectionTimeNanos = detection;
        }
    }

    long sendsRefused() {
        return sendsRefused.get();
    }

    long neighborsRefused() {
        return neighborsRefused.get();
    }

    int echoSourcePort() {
        return echoSourcePort;
    }

    boolean echoConfigured() {
        return echo != null;
    }

    BfdSessionView view() {
        return new BfdSessionView(config, localDiscriminator, session.counters().over(published), sendFailures.get(),
                echoSent.get(), echoReceived.get(), lastEchoRttNanos);
    }

    @Override
    public long queuedAtNanos() {
        return queuedAtNanos;
    }

    @Override
    public void queuedAtNanos(long nanos) {
        queuedAtNanos = nanos;
    }

    void close() {
        tx.close();
    }
}
