package io.linkguard.bfd.engine;

import io.linkguard.bfd.auth.Authenticator;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.ControlPacket;
import io.linkguard.bfd.packet.ControlPacketCodec;
import io.linkguard.bfd.packet.Diagnostic;
import io.linkguard.bfd.session.BfdSession;
import io.linkguard.bfd.session.SessionListener;
import io.linkguard.bfd.session.SessionParameters;
import io.linkguard.probes.net.NativeSocketException;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
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
    private long queuedAtNanos = Long.MAX_VALUE;

    ManagedSession(BfdSessionConfig config, long localDiscriminator, int ifindex, Optional<Authenticator> auth,
                   TxSocket tx, RandomGenerator random, BfdEventListener events, long nowNanos) {
        this.config = config;
        this.localDiscriminator = localDiscriminator;
        this.ifindex = ifindex;
        this.auth = auth;
        this.tx = tx;
        this.events = events;
        this.session = new BfdSession(new SessionParameters(config.desiredMinTxMicros(), config.requiredMinRxMicros(),
                config.detectMult(), 0, config.passive()), localDiscriminator, random, this, nowNanos);
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
        var snapshot = session.snapshot();
        events.onStateChange(new BfdStateChange(config.name(), config.peer(), from, to, localDiag,
                snapshot.remoteDiag(), snapshot.remoteSessionState(), System.currentTimeMillis()));
    }

    BfdSessionView view() {
        return new BfdSessionView(config, localDiscriminator, session.snapshot(), sendFailures.get());
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
