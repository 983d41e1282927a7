package io.linkguard.probes.pmtu;

import io.linkguard.probes.Addresses;
import io.linkguard.probes.PathBinding;
import io.linkguard.probes.icmp.IcmpCodec;
import io.linkguard.probes.icmp.IcmpCodecException;
import io.linkguard.probes.icmp.IcmpMessage;
import io.linkguard.probes.icmp.QueuedEchoError;
import io.linkguard.probes.net.Errno;
import io.linkguard.probes.net.ExtendedError;
import io.linkguard.probes.net.LinuxSocket;
import io.linkguard.probes.net.NativeSocketException;
import io.linkguard.probes.net.PollEvents;
import io.linkguard.probes.net.ReceivedMessage;
import io.linkguard.probes.net.Receiver;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * A raw ICMP socket of its own that sends DF echo requests padded to a chosen IP packet size
 * and reports what comes back: replies, Packet Too Big, other ICMP errors. One thread at a time.
 *
 * <p>The socket is separate from the RTT probes' shared one ({@code IcmpEngine}): it runs with
 * IP_PMTUDISC_PROBE / IPV6_PMTUDISC_PROBE (ip(7), ipv6(7)), so the kernel sets DF, never
 * fragments, and sends even above the path MTU it has cached from an earlier PTB; only the
 * outgoing interface's MTU stops a probe, with EMSGSIZE. A raw socket sees a copy of every echo
 * reply on the host, so ours are matched by identifier, sequence, source and size.
 *
 * <p>PTBs come from the error queue (IP_RECVERR): the kernel hands over the ICMP type and code,
 * the reported MTU in {@code ee_info} and the quoted start of our own request, whose identifier
 * and sequence must match a probe we sent (RFC 8899 §4.6.1). The error queue is read before the
 * normal queue: with IP_RECVERR an ICMP error also sets the socket's pending error, which a plain
 * recvmsg would return instead of a datagram until the error queue is drained.
 */
final class EchoChannel implements AutoCloseable {
    /** What came back for a probe. */
    interface Events {
        void reply(int sequence, int size, long rttNanos);

        void tooBig(int sequence, int size, int mtu);

        void icmpError(int sequence, int size, String what);
    }

    private record Sent(int size, long sentNanos) {
    }

    private static final int MAX_DATAGRAM = 65_536;
    private static final int DRAIN_BUDGET = 256;
    private static final int IPV4_OVERHEAD = 20 + IcmpCodec.ECHO_HEADER_BYTES;
    private static final int IPV6_OVERHEAD = 40 + IcmpCodec.ECHO_HEADER_BYTES;

    private final LinuxSocket socket;
    private final Receiver receiver;
    private final ReceivedMessage msg = new ReceivedMessage();
    private final InetAddress peer;
    private final InetSocketAddress destination;
    private final boolean ipv6;
    private final int identifier;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private int nextSequence;
    private final Map<Integer, Sent> outstanding = new HashMap<>();
    private final ByteBuffer packet = ByteBuffer.allocate(MAX_DATAGRAM);
    private long malformed;
    private long foreign;

    EchoChannel(InetAddress peer, PathBinding binding, RandomGenerator random) throws NativeSocketException {
        this.peer = peer;
        this.destination = new InetSocketAddress(peer, 0);
        LinuxSocket.Family family = LinuxSocket.Family.of(peer);
        this.ipv6 = family == LinuxSocket.Family.INET6;
        if (binding.source().isPresent() && LinuxSocket.Family.of(binding.source().get()) != family) {
            throw new IllegalArgumentException("source " + Addresses.format(binding.source().get())
                    + " is not of the same address family as the peer " + Addresses.format(peer));
        }
        this.nextSequence = random.nextInt(1 << 16);
        LinuxSocket s = LinuxSocket.rawIcmp(family);
        int id = -1;
        try {
            // Random, so two searches on one host (or a search and a ping) do not claim each other's replies;
            // reserved, so the RTT engine's sockets neither pick it nor count its replies as foreign.
            id = io.linkguard.probes.icmp.EchoIdentifiers.reserve(random);
            s.setIcmpFilter(ipv6 ? 129 : 0); // echo replies only; errors arrive on the error queue regardless
            s.setReceiveErrors(true);
            s.setMtuDiscover(LinuxSocket.PmtuMode.PROBE);
            binding.applyTo(s);
        } catch (NativeSocketException | RuntimeException e) {
            s.close();
            if (id >= 0) {
                io.linkguard.probes.icmp.EchoIdentifiers.release(id);
            }
            throw e;
        }
        this.identifier = id;
        this.socket = s;
        this.receiver = s.newReceiver(MAX_DATAGRAM);
    }

    /** IP and ICMP header bytes of a probe: the smallest size that can be sent. */
    static int overhead(boolean ipv6) {
        return ipv6 ? IPV6_OVERHEAD : IPV4_OVERHEAD;
    }

    int identifier() {
        return identifier;
    }

    boolean ipv6() {
        return ipv6;
    }

    /** Replies and errors dropped because they were malformed or truncated. */
    long malformed() {
        return malformed;
    }

    /** Messages seen that were not about our probes (a raw socket sees every echo reply on the host). */
    long foreign() {
        return foreign;
    }

    /**
     * Sends one echo request whose IP packet is {@code size} bytes, DF set, and returns its
     * sequence number. A full socket buffer (EAGAIN) counts as sent and lost.
     *
     * @throws NativeSocketException.MessageTooLong when the local stack refuses the size:
     *     then {@link #takeLocalMtu} tells the interface MTU
     */
    int send(int size) throws NativeSocketException {
        int payload = size - overhead(ipv6);
        if (payload < 0 || size > PmtuSettings.MAX_MTU) {
            throw new IllegalArgumentException("probe size " + size + " (expected: " + overhead(ipv6) + ".."
                    + PmtuSettings.MAX_MTU + ")");
        }
        int seq = nextSequence;
        nextSequence = (nextSequence + 1) & 0xffff;
        packet.clear();
        if (ipv6) {
            IcmpCodec.encodeEchoRequestV6(identifier, seq, payload, packet);
        } else {
            IcmpCodec.encodeEchoRequestV4(identifier, seq, payload, packet);
        }
        packet.flip();
        outstanding.put(seq, new Sent(size, System.nanoTime()));
        try {
            socket.sendTo(packet, destination);
        } catch (NativeSocketException e) {
            outstanding.remove(seq);
            throw e;
        }
        return seq;
    }

    /**
     * After a local EMSGSIZE: the MTU the kernel put in the error it queued for it (ip(7):
     * {@code ee_info} of an SO_EE_ORIGIN_LOCAL error). Other queued errors are delivered to
     * {@code events} on the way.
     */
    OptionalInt takeLocalMtu(Events events) throws NativeSocketException {
        OptionalInt mtu = OptionalInt.empty();
        for (int i = 0; i < DRAIN_BUDGET && receiver.receive(msg, true); i++) {
            ExtendedError e = msg.error();
            if (e != null && e.origin() == ExtendedError.Origin.LOCAL && e.errno() == Errno.EMSGSIZE) {
                mtu = OptionalInt.of((int) Math.min(e.info(), Integer.MAX_VALUE));
            } else {
                onQueuedError(events);
            }
        }
        return mtu;
    }

    /** Waits up to {@code timeoutNanos} for anything to read, then delivers everything queued. */
    void await(long timeoutNanos, Events events) throws NativeSocketException {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(0, (timeoutNanos + 999_999) / 1_000_000));
        int rev = socket.poll((short) (PollEvents.POLLIN | PollEvents.POLLERR), millis);
        if (rev != 0) {
            drain(events);
        }
    }

    /** Delivers whatever is queued now, errors first. */
    void drain(Events events) throws NativeSocketException {
        for (int i = 0; i < DRAIN_BUDGET && receiver.receive(msg, true); i++) {
            onQueuedError(events);
        }
        for (int i = 0; i < DRAIN_BUDGET; i++) {
            boolean got;
            try {
                got = receiver.receive(msg, false);
            } catch (NativeSocketException e) {
                // The socket's pending error (set by an ICMP error that raced in): it is consumed by
                // this call, and the error queue carries the details.
                continue;
            }
            if (!got) {
                break;
            }
            onDatagram(events);
        }
    }

    /** Forgets every probe sent so far and discards what is queued: replies to them no longer count. */
    void forget() throws NativeSocketException {
        outstanding.clear();
        drain(IGNORE);
    }

    private static final Events IGNORE = new Events() {
        @Override
        public void reply(int sequence, int size, long rttNanos) {
        }

        @Override
        public void tooBig(int sequence, int size, int mtu) {
        }

        @Override
        public void icmpError(int sequence, int size, String what) {
        }
    };

    private void onDatagram(Events events) {
        if (msg.truncated()) {
            malformed++;
            return;
        }
        IcmpMessage m;
        try {
            m = ipv6 ? IcmpCodec.decodeV6(msg.data()) : IcmpCodec.decodeV4(msg.data());
        } catch (IcmpCodecException e) {
            malformed++;
            return;
        }
        if (!m.isEchoReply() || m.identifier() != identifier || msg.source() == null
                || !msg.source().getAddress().equals(peer)) {
            foreign++;
            return;
        }
        Sent sent = outstanding.get(m.sequence());
        if (sent == null) {
            foreign++; // a duplicate, or a reply to a probe of an earlier search
            return;
        }
        if (m.payloadLength() != sent.size() - overhead(ipv6)) {
            malformed++; // a reply shorter than the probe proves nothing about the probe's size
            return;
        }
        outstanding.remove(m.sequence());
        events.reply(m.sequence(), sent.size(), System.nanoTime() - sent.sentNanos());
    }

    /** The error queue returns the start of our own request as the error quoted it: type, code, checksum, id, seq. */
    private void onQueuedError(Events events) {
        QueuedEchoError entry = QueuedEchoError.read(msg.error(), msg.data(), ipv6);
        switch (entry.kind()) {
            case MALFORMED -> {
                malformed++;
                return;
            }
            case LOCAL -> {
                return; // the local EMSGSIZE of a send that already failed with it
            }
            case OTHER_PACKET, ECHO_REQUEST -> { }
        }
        ExtendedError e = entry.error();
        int seq = entry.sequence();
        Sent sent = entry.kind() == QueuedEchoError.Kind.ECHO_REQUEST ? outstanding.get(seq) : null;
        if (entry.identifier() != identifier || sent == null) {
            foreign++; // an error about another program's packet (every raw ICMP socket gets them)
            return;
        }
        boolean v4TooBig = e.origin() == ExtendedError.Origin.ICMP && e.icmpType() == 3 && e.icmpCode() == 4;
        boolean v6TooBig = e.origin() == ExtendedError.Origin.ICMP6 && e.icmpType() == 2;
        if (v4TooBig || v6TooBig) {
            events.tooBig(seq, sent.size(), (int) Math.min(e.info(), Integer.MAX_VALUE));
        } else {
            events.icmpError(seq, sent.size(), describe(e));
        }
    }

    static String describe(ExtendedError e) {
        boolean v6 = e.origin() == ExtendedError.Origin.ICMP6;
        String what = switch (v6 ? 100 + e.icmpType() : e.icmpType()) {
            case 3 -> switch (e.icmpCode()) {
                case 0, 6 -> "network unreachable";
                case 1, 7 -> "host unreachable";
                case 9, 10, 13 -> "administratively prohibited";
                default -> "destination unreachable (code " + e.icmpCode() + ")";
            };
            case 11, 103 -> "time exceeded";
            case 101 -> switch (e.icmpCode()) {
                case 0 -> "no route to destination";
                case 1 -> "administratively prohibited";
                case 3 -> "address unreachable";
                default -> "destination unreachable (code " + e.icmpCode() + ")";
            };
            default -> (v6 ? "ICMPv6" : "ICMP") + " type " + e.icmpType() + " code " + e.icmpCode();
        };
        return e.offender() == null ? what : what + " from " + Addresses.format(e.offender());
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // released once: a second release could free an identifier someone else took since
        }
        receiver.close();
        socket.close();
        io.linkguard.probes.icmp.EchoIdentifiers.release(identifier);
    }
}
