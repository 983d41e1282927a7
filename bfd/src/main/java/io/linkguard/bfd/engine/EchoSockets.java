package io.linkguard.bfd.engine;

import io.linkguard.bfd.BfdDropReason;
import io.linkguard.bfd.echo.EchoPacket;
import io.linkguard.probes.net.LinuxSocket;
import io.linkguard.probes.net.NativeSocketException;
import io.linkguard.probes.net.PacketSocket;
import io.linkguard.probes.net.PollEvents;
import io.linkguard.probes.net.PollSet;
import io.linkguard.probes.net.RealtimeClock;
import io.linkguard.probes.net.ReceivedMessage;

import java.net.InetAddress;

/**
 * The Echo function's sockets (RFC 5880 §6.4, RFC 5881 §4): the packet socket our echoes leave
 * by, and the UDP socket on port 3785 they come back to after the peer forwarded them. Opened
 * when the first session with the Echo function is added. Engine thread only.
 */
final class EchoSockets implements AutoCloseable {
    private PacketSocket packets;
    private ListenSocket listener;

    boolean isOpen() {
        return packets != null;
    }

    /** The socket echoes are sent from; null until {@link #open}. */
    PacketSocket packets() {
        return packets;
    }

    void open() throws NativeSocketException {
        PacketSocket p = new PacketSocket();
        try {
            listener = new ListenSocket(LinuxSocket.Family.INET, EchoPacket.ECHO_PORT, false);
            listener.socket.setReceiveTimestamps(true);
            listener.socket.setReceiveTtl(true); // EchoChecks: a returned echo has TTL >= 254
        } catch (NativeSocketException | RuntimeException e) {
            p.close();
            if (listener != null) {
                listener.close();
                listener = null;
            }
            throw e;
        }
        packets = p;
    }

    /** Adds the receiving socket to this round's poll; returns its slot, or -1 if not open. */
    int addTo(PollSet pollSet) {
        return listener == null ? -1 : pollSet.add(listener.socket.fd(), PollEvents.POLLIN);
    }

    /**
     * Our echoes coming back. They carry the discriminator and a recent sequence number of the
     * session that sent them, and must come from our own address with TTL >= 254 (RFC 5880 §6.4,
     * §6.8.9, RFC 5881 §4; see {@link ManagedSession#echoReturned}). Anything else on port 3785
     * is dropped and counted: a forged echo accepted would hide the very forwarding failure the
     * Echo function exists to detect. At most {@code budget} datagrams.
     */
    void drain(int budget, ReceivedMessage msg, Demultiplexer<ManagedSession> demux, DropCounts drops,
               java.util.function.LongSupplier nanoClock) throws NativeSocketException {
        for (int i = 0; i < budget && listener.receiver.receive(msg, false); i++) {
            drops.count(handle(msg, demux, nanoClock.getAsLong()));
        }
    }

    /** One datagram on the echo port: why it was dropped, or null if its session took it. */
    static BfdDropReason handle(ReceivedMessage m, Demultiplexer<ManagedSession> demux, long nowNanos) {
        if (m.truncated()) {
            return BfdDropReason.TRUNCATED;
        }
        var payload = EchoPacket.decodePayload(m.data());
        if (payload.isEmpty()) {
            return BfdDropReason.ECHO_MALFORMED;
        }
        ManagedSession s = demux.session(payload.get().discriminator());
        if (s == null || !s.echoConfigured()) {
            return BfdDropReason.ECHO_UNKNOWN_SESSION;
        }
        long rx = m.kernelTimestampNanos() > 0 ? m.kernelTimestampNanos() : RealtimeClock.nowNanos();
        InetAddress source = m.source() == null ? null : m.source().getAddress();
        return s.echoReturned(source, m.ttl(), payload.get().sequence(), rx, payload.get().sentEpochNanos(),
                nowNanos);
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
        if (packets != null) {
            packets.close();
        }
    }
}
