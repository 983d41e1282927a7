package io.linkguard.bfd.engine;

import io.linkguard.bfd.BfdDropReason;
import io.linkguard.bfd.auth.Authenticator;
import io.linkguard.bfd.packet.BfdCodecException;
import io.linkguard.bfd.packet.ControlPacket;
import io.linkguard.bfd.packet.ControlPacketCodec;
import io.linkguard.bfd.session.BfdSession;
import io.linkguard.bfd.session.ReceiveResult;
import io.linkguard.bfd.session.ReceptionChecks;
import io.linkguard.probes.net.ReceivedMessage;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * What happens to one received Control datagram, without sockets: decode,
 * the packet-only checks of RFC 5880 §6.8.6, demultiplexing (§6.3), GTSM
 * (RFC 5881 §5 / RFC 5883 §5), authentication (§6.7) and the session's own
 * reception. The engine calls it for every datagram; tests and the fuzz
 * target call it directly.
 */
final class ReceptionPipeline {
    /** A session as the pipeline needs it. */
    interface Target {
        BfdSessionConfig config();

        Optional<Authenticator> auth();

        BfdSession session();

        /** A packet passed every check and the session took it (the §6.8.1 "valid packet" clock). */
        void validPacketReceived(long nowNanos);
    }

    /** The session that took the packet, or why it was dropped. */
    record Outcome<S>(S session, BfdDropReason drop) {
    }

    private ReceptionPipeline() {
    }

    /** One datagram as the engine's listening socket received it (see the other overload). */
    static <S extends Target> Outcome<S> receive(Demultiplexer<S> demux, ReceivedMessage m, boolean multihop,
                                                 long nowNanos) {
        InetAddress source = m.source() == null ? null : m.source().getAddress();
        return receive(demux, m.data(), m.truncated(), source, m.destination(), m.interfaceIndex(), m.ttl(), multihop,
                nowNanos);
    }

    /**
     * @param data        the datagram, {@code [position, limit)}; not modified
     * @param truncated   the kernel cut the datagram or its control data
     * @param source      IP source (null if unknown)
     * @param destination IP destination from IP_PKTINFO (null if unknown)
     * @param ifindex     arrival interface (-1 or 0 if unknown)
     * @param ttl         received TTL / hop limit
     * @param multihop    it arrived on the RFC 5883 port
     */
    static <S extends Target> Outcome<S> receive(Demultiplexer<S> demux, ByteBuffer data, boolean truncated,
                                                 InetAddress source, InetAddress destination, int ifindex, int ttl,
                                                 boolean multihop, long nowNanos) {
        if (truncated) {
            return dropped(BfdDropReason.TRUNCATED);
        }
        ControlPacket p;
        try {
            p = ControlPacketCodec.decode(data);
        } catch (BfdCodecException e) {
            return dropped(BfdDropReason.MALFORMED);
        }
        // RFC 5880 §6.8.6: the packet-only checks come before demultiplexing.
        Optional<BfdDropReason> bad = ReceptionChecks.check(p);
        if (bad.isPresent()) {
            return dropped(bad.get());
        }
        Demultiplexer.Match<S> match = demux.find(p.yourDiscriminator(), source, destination, ifindex, multihop);
        if (match.drop() != null) {
            return dropped(match.drop());
        }
        S s = match.session();
        // RFC 5881 §5 (GTSM): single hop requires TTL/hop limit 255; RFC 5883 §5: multihop a configured minimum.
        int minTtl = multihop ? s.config().minReceivedTtl() : BfdPorts.GTSM_TTL;
        if (ttl < minTtl) {
            return dropped(BfdDropReason.TTL);
        }
        // RFC 5880 §6.8.6: the A bit must match whether the session uses authentication.
        if (p.authenticationPresent() != s.auth().isPresent()) {
            return dropped(BfdDropReason.AUTH_MISMATCH);
        }
        if (s.auth().isPresent()) {
            var verdict = s.auth().get().verifyReceived(data, p, nowNanos);
            if (!verdict.accepted()) {
                return dropped(verdict.dropReason().orElse(BfdDropReason.AUTH_FAILED));
            }
        }
        ReceiveResult r = s.session().receive(p, nowNanos);
        if (r.drop().isEmpty()) {
            s.validPacketReceived(nowNanos);
        }
        return new Outcome<>(s, r.drop().orElse(null));
    }

    private static <S> Outcome<S> dropped(BfdDropReason reason) {
        return new Outcome<>(null, reason);
    }
}
