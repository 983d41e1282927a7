package io.linkguard.bfd.engine;

import io.linkguard.probes.net.LinuxSocket;
import io.linkguard.probes.net.NativeSocketException;
import io.linkguard.probes.net.Receiver;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A socket bound to the BFD control port of one family, receiving for every
 * session of that kind. It asks the kernel for the received TTL (GTSM: IP_MINTTL
 * does not filter on this kernel, so the TTL is checked here, from IP_RECVTTL)
 * and for packet info (destination address and arrival interface, which
 * demultiplexing uses when Your Discriminator is zero, RFC 5880 §6.3).
 */
final class ListenSocket implements AutoCloseable {
    /** A BFD control packet is at most 24 + 28 bytes; anything larger is not BFD and is reported truncated. */
    static final int MAX_DATAGRAM = 512;
    /** Room for a burst while the engine thread runs timers: 50k packets/s for a few ms. */
    private static final int RECEIVE_BUFFER_BYTES = 4 << 20;

    final LinuxSocket socket;
    final Receiver receiver;
    final boolean multihop;

    ListenSocket(LinuxSocket.Family family, int port, boolean multihop) throws NativeSocketException {
        this.multihop = multihop;
        LinuxSocket s = LinuxSocket.udp(family);
        try {
            s.setIntOption(1, 2, 1, "SO_REUSEADDR");
            if (family == LinuxSocket.Family.INET6) {
                s.setIntOption(41, 26, 1, "IPV6_V6ONLY"); // the IPv4 listener takes IPv4; no mapped addresses
            }
            s.setIntOption(1, 8, RECEIVE_BUFFER_BYTES, "SO_RCVBUF");
            s.setReceiveTtl(true);
            s.setReceivePacketInfo(true);
            s.bind(new InetSocketAddress(any(family), port));
        } catch (NativeSocketException | RuntimeException e) {
            s.close();
            throw e;
        }
        this.socket = s;
        this.receiver = s.newReceiver(MAX_DATAGRAM);
    }

    private static InetAddress any(LinuxSocket.Family family) {
        try {
            return InetAddress.getByAddress(new byte[family == LinuxSocket.Family.INET ? 4 : 16]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        receiver.close();
        socket.close();
    }
}
