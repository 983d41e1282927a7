package io.linkguard.probes.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A send-only AF_PACKET/SOCK_DGRAM socket: the caller supplies a whole IP
 * packet, the kernel adds the Ethernet header for a given next-hop MAC.
 * This is how a BFD Echo packet addressed to ourselves leaves through the
 * interface to the peer instead of being delivered locally (RFC 5881 §4:
 * the echo's destination is chosen so that the remote system forwards it
 * back). Created with protocol 0, so it receives nothing (packet(7)).
 * Needs CAP_NET_RAW.
 */
public final class PacketSocket implements AutoCloseable {
    private static final int AF_PACKET = 17;
    private static final int ETH_P_IP = 0x0800;
    /** struct sockaddr_ll: family u16, protocol be16, ifindex i32, hatype u16, pkttype u8, halen u8, addr[8]. */
    private static final int SOCKADDR_LL_BYTES = 20;
    private static final int MAX_PACKET = 2048;

    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment address;
    private final MemorySegment buffer;

    public PacketSocket() throws NativeSocketException {
        MemorySegment cs = Libc.captureState();
        int s;
        try {
            s = (int) Libc.SOCKET.invokeExact(cs, AF_PACKET,
                    LinuxConstants.SOCK_DGRAM | LinuxConstants.SOCK_NONBLOCK | LinuxConstants.SOCK_CLOEXEC, 0);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        if (s < 0) {
            int errno = Libc.errno(cs);
            throw SocketErrors.of("socket(AF_PACKET)", errno, errno == Errno.EPERM.number()
                    ? "BFD echo needs CAP_NET_RAW for a packet socket: run as root or grant it"
                    + " (systemd: AmbientCapabilities=CAP_NET_RAW)" : null);
        }
        this.fd = s;
        this.address = arena.allocate(SOCKADDR_LL_BYTES, 8);
        this.buffer = arena.allocate(MAX_PACKET, 8);
    }

    /**
     * Sends one IPv4 packet out of interface {@code ifindex} to the Ethernet
     * address {@code nextHopMac}. Returns false if the queue is full.
     * Not thread-safe: one engine thread sends.
     */
    public boolean sendIpv4(ByteBuffer ipPacket, int ifindex, byte[] nextHopMac) throws NativeSocketException {
        int n = ipPacket.remaining();
        if (n > MAX_PACKET || nextHopMac.length != 6) {
            throw new IllegalArgumentException("packet " + n + " bytes, MAC " + nextHopMac.length + " bytes");
        }
        MemorySegment.copy(MemorySegment.ofBuffer(ipPacket), 0, buffer, 0, n);
        address.fill((byte) 0);
        address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_PACKET);
        address.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 2, (short) ETH_P_IP);
        address.set(ValueLayout.JAVA_INT, 4, ifindex);
        address.set(ValueLayout.JAVA_BYTE, 11, (byte) 6);
        MemorySegment.copy(nextHopMac, 0, address, ValueLayout.JAVA_BYTE, 12, 6);
        MemorySegment cs = Libc.captureState();
        long rc;
        try {
            rc = (long) Libc.SENDTO.invokeExact(cs, fd, buffer, (long) n, 0, address, SOCKADDR_LL_BYTES);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        if (rc < 0) {
            int errno = Libc.errno(cs);
            if (errno == Errno.EAGAIN.number() || errno == Errno.ENOBUFS.number()) {
                return false;
            }
            throw SocketErrors.of("sendto(AF_PACKET, ifindex " + ifindex + ")", errno, null);
        }
        return true;
    }

    @Override
    public void close() {
        try {
            int rc = (int) Libc.CLOSE.invokeExact(Libc.captureState(), fd);
            assert rc == 0 || rc == -1;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        arena.close();
    }
}
