package io.linkguard.bfd.engine;

import io.linkguard.bfd.auth.Authenticator;
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
import io.linkguard.probes.net.LinuxSocket;
import io.linkguard.probes.net.NativeSocketException;
import io.linkguard.probes.net.PacketSocket;
import io.linkguard.probes.net.RealtimeClock;

import java.net.Inet4Address;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * One configured session at run time: the pure {@link BfdSession}, its
 * transmit socket, its authenticator, and its place in the deadline queue.
 * Driven only by the engine thread; {@link #view()} may be read from any thread.
 */
final class ManagedSession implements SessionListener, DeadlineQueue.Scheduled {
    private static final int MAX_PACKET_BYTES = 24 + 28;

    final BfdSessionConfig config;
    final long localDiscriminator;
    final int ifindex;
    final BfdSession session;
    final Optional<Authenticator> auth;
    private final TxSocket tx;
    private final BfdEventListener events;
    private final ByteBuffer txBuffer = ByteBuffer.allocate(MAX_PACKET_BYTES);
    private final AtomicLong sendFailures = new AtomicLong();
    private final EchoFunction echo;
    private final ByteBuffer echoBuffer = ByteBuffer.allocate(EchoPacket.PACKET_BYTES);
    private final AtomicLong echoSent = new AtomicLong();
    private final AtomicLong echoReceived = new AtomicLong();
    private final int echoSourcePort;
    private volatile long lastEchoRttNanos = -1;
    private String checkedEchoDevice;
    private long queuedAtNanos = Long.MAX_VALUE;
    /**
     * Set when the session is being removed (a reload dropped or changed it):
     * it still tells the peer AdminDown, but its own going AdminDown is a
     * configuration change, not a link event, so listeners are not told.
     */
    volatile boolean retiring;
    /** Set once removed: a stale deadline-queue entry must not run its timers. Engine thread only. */
    boolean removed;

    ManagedSession(BfdSessionConfig config, long localDiscriminator, int ifindex, Optional<Authenticator> auth,
                   TxSocket tx, RandomGenerator random, BfdEventListener events, long nowNanos) {
        this.config = config;
        this.localDiscriminator = localDiscriminator;
        this.ifindex = ifindex;
        this.auth = auth;
        this.tx = tx;
        this.events = events;
        this.echo = config.echoInterval()
                .map(i -> new EchoFunction(i.toNanos() / 1000, config.detectMult())).orElse(null);
        this.echoSourcePort = BfdPorts.SOURCE_PORT_MIN + random.nextInt(BfdPorts.SOURCE_PORT_MAX - BfdPorts.SOURCE_PORT_MIN);
        // The session draws only its transmit jitter (RFC 5880 §6.8.7) from its generator: a fast one of
        // its own, seeded from the engine's. Jitter needs no secrecy, and SecureRandom allocated and
        // synchronized on every packet sent.
        this.session = new BfdSession(new SessionParameters(config.desiredMinTxMicros(), config.requiredMinRxMicros(),
                config.detectMult(), 0, config.passive()), localDiscriminator, new SplittableRandom(random.nextLong()),
                this, nowNanos);
    }

    @Override
    public void transmit(ControlPacket packet) {
        ControlPacket out = auth.isPresent() ? auth.get().sign(packet) : packet;
        txBuffer.clear();
        ControlPacketCodec.encode(out, txBuffer);
        txBuffer.flip();
        try {
            if (!tx.send(txBuffer)) {
                sendFailures.incrementAndGet();
            }
        } catch (NativeSocketException e) {
            // No route or a down interface: the peer will time us out, and our own detection timer will fire.
            sendFailures.incrementAndGet();
        }
    }

    @Override
    public void stateChanged(BfdState from, BfdState to, Diagnostic localDiag, long nowNanos) {
        if (to == BfdState.DOWN || to == BfdState.ADMIN_DOWN) {
            // RFC 5880 §6.8.1: sequence knowledge is per peer incarnation; a restarted peer starts anew.
            auth.ifPresent(Authenticator::resetSequenceKnowledge);
        }
        if (retiring) {
            return;
        }
        var snapshot = session.snapshot();
        events.onStateChange(new BfdStateChange(config.name(), config.peer(), from, to, localDiag,
                snapshot.remoteDiag(), snapshot.remoteSessionState(), System.currentTimeMillis()));
    }

    /**
     * Runs the session's timers and, if configured, the Echo function's: sends
     * echoes that are due, and takes the session Down with diagnostic 2 when
     * echoes stop coming back (RFC 5880 §6.8.5). Returns the next deadline.
     */
    long runTimers(long nowNanos, PacketSocket packets) {
        long deadline = session.runTimers(nowNanos);
        if (echo == null) {
            return deadline;
        }
        echo.update(packets != null, session.echoRxAllowedMicros(), nowNanos);
        if (echo.failed(nowNanos)) {
            session.echoFailed(nowNanos);
            echo.update(false, 0, nowNanos);
            return session.runTimers(nowNanos);
        }
        while (echo.txDue(nowNanos)) {
            sendEcho(packets, echo.sequence());
        }
        return Math.min(deadline, echo.nextDeadline());
    }

    private void sendEcho(PacketSocket packets, long sequence) {
        var neighbor = NeighborTable.lookup(config.peer());
        if (neighbor.isEmpty() || config.local().isEmpty()) {
            sendFailures.incrementAndGet(); // no ARP entry yet: counts as a lost echo, detection decides
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
            if (packets.sendIpv4(echoBuffer, LinuxSocket.interfaceIndex(neighbor.get().device()),
                    neighbor.get().mac())) {
                echoSent.incrementAndGet();
            } else {
                sendFailures.incrementAndGet();
            }
        } catch (NativeSocketException e) {
            sendFailures.incrementAndGet();
        }
    }

    /** A returned echo: kernel receive stamp minus the stamp it carried. */
    void echoReturned(long rxEpochNanos, long sentEpochNanos, long nowNanos) {
        if (echo == null) {
            return;
        }
        echo.received(nowNanos);
        echoReceived.incrementAndGet();
        long rtt = Math.max(0, rxEpochNanos - sentEpochNanos);
        lastEchoRttNanos = rtt;
        events.onEchoRtt(config.name(), config.peer(), rtt);
    }

    boolean echoConfigured() {
        return echo != null;
    }

    BfdSessionView view() {
        return new BfdSessionView(config, localDiscriminator, session.snapshot(), sendFailures.get(),
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
