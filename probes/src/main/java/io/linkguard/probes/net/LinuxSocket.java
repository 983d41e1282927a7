package io.linkguard.probes.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.linkguard.probes.net.LinuxConstants.*;

/**
 * A Linux socket driven through the FFM API, exposing what {@code java.net}
 * hides: raw ICMP, the received TTL, packet info, kernel timestamps, the error
 * queue, SO_MARK and SO_BINDTODEVICE. Every socket is created non-blocking and
 * close-on-exec; callers wait with {@link #poll}.
 *
 * <p>Threading: option setters and {@link #sendTo} may be called from any
 * thread. A {@link Receiver} belongs to one thread. Stop the threads that poll
 * a socket before closing it, or they may poll a reused descriptor.
 */
public final class LinuxSocket implements AutoCloseable {
    /** The address families linkguard probes over. */
    public enum Family {
        INET(AF_INET), INET6(AF_INET6);

        final int wire;

        Family(int wire) {
            this.wire = wire;
        }

        public static Family of(InetAddress address) {
            return address instanceof Inet4Address ? INET : INET6;
        }
    }

    /** IP_MTU_DISCOVER / IPV6_MTU_DISCOVER modes (ip(7)). */
    public enum PmtuMode {
        /** Never set DF; fragment locally. */
        DONT(0),
        /** Default: DF set, follow learned PMTU. */
        WANT(1),
        /** DF set; sends above the known PMTU fail with EMSGSIZE. */
        DO(2),
        /** DF set, ignore learned PMTU: what PMTU probes need (RFC 8899 §4.1). */
        PROBE(3);

        final int wire;

        PmtuMode(int wire) {
            this.wire = wire;
        }
    }

    private final int fd;
    private final Family family;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LinuxSocket(int fd, Family family) {
        this.fd = fd;
        this.family = family;
    }

    /** A raw ICMP (or ICMPv6) socket. Needs CAP_NET_RAW. */
    public static LinuxSocket rawIcmp(Family family) throws NativeSocketException {
        int protocol = family == Family.INET ? IPPROTO_ICMP : IPPROTO_ICMPV6;
        return open(family, SOCK_RAW, protocol, SocketErrors.CAP_NET_RAW_HINT);
    }

    /** An unconnected UDP socket (connected ones turn ICMP errors into failures of the next send). */
    public static LinuxSocket udp(Family family) throws NativeSocketException {
        return open(family, SOCK_DGRAM, IPPROTO_UDP, null);
    }

    public static LinuxSocket tcp(Family family) throws NativeSocketException {
        return open(family, SOCK_STREAM, IPPROTO_TCP, null);
    }

    private static LinuxSocket open(Family family, int type, int protocol, String permissionHint)
            throws NativeSocketException {
        MemorySegment cs = Libc.captureState();
        int fd;
        try {
            fd = (int) Libc.SOCKET.invokeExact(cs, family.wire, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        if (fd < 0) {
            int errno = Libc.errno(cs);
            boolean perm = errno == Errno.EPERM.number() || errno == Errno.EACCES.number();
            throw SocketErrors.of("socket", errno, perm ? permissionHint : null);
        }
        return new LinuxSocket(fd, family);
    }

    public int fd() {
        return fd;
    }

    public Family family() {
        return family;
    }

    public boolean isClosed() {
        return closed.get();
    }

    // ---- options ----

    public void setIntOption(int level, int name, int value, String what) throws NativeSocketException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(ValueLayout.JAVA_INT);
            v.set(ValueLayout.JAVA_INT, 0, value);
            setOption(level, name, v, what, null);
        }
    }

    private void setOption(int level, int name, MemorySegment value, String what, String permissionHint)
            throws NativeSocketException {
        MemorySegment cs = Libc.captureState();
        int rc;
        try {
            rc = (int) Libc.SETSOCKOPT.invokeExact(cs, fd, level, name, value, (int) value.byteSize());
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        if (rc != 0) {
            int errno = Libc.errno(cs);
            boolean perm = errno == Errno.EPERM.number() || errno == Errno.EACCES.number();
            throw SocketErrors.of("setsockopt(" + what + ")", errno, perm ? permissionHint : null);
        }
    }

    public int getIntOption(int level, int name, String what) throws NativeSocketException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment len = arena.allocate(ValueLayout.JAVA_INT);
            len.set(ValueLayout.JAVA_INT, 0, 4);
            MemorySegment cs = Libc.captureState();
            int rc;
            try {
                rc = (int) Libc.GETSOCKOPT.invokeExact(cs, fd, level, name, v, len);
            } catch (Throwable t) {
                throw Libc.rethrow(t);
            }
            if (rc != 0) {
                throw SocketErrors.of("getsockopt(" + what + ")", Libc.errno(cs), null);
            }
            return v.get(ValueLayout.JAVA_INT, 0);
        }
    }

    /** Unicast TTL (IPv4) or hop limit (IPv6) of sent packets; BFD single hop sends 255 (RFC 5881 §5). */
    public void setTtl(int ttl) throws NativeSocketException {
        if (family == Family.INET) {
            setIntOption(IPPROTO_IP, IP_TTL, ttl, "IP_TTL");
        } else {
            setIntOption(IPPROTO_IPV6, IPV6_UNICAST_HOPS, ttl, "IPV6_UNICAST_HOPS");
        }
    }

    /** Deliver the received TTL/hop limit with each packet. IP_MINTTL does not filter here, so check it ourselves. */
    public void setReceiveTtl(boolean on) throws NativeSocketException {
        if (family == Family.INET) {
            setIntOption(IPPROTO_IP, IP_RECVTTL, on ? 1 : 0, "IP_RECVTTL");
        } else {
            setIntOption(IPPROTO_IPV6, IPV6_RECVHOPLIMIT, on ? 1 : 0, "IPV6_RECVHOPLIMIT");
        }
    }

    /** Deliver the destination address and arrival interface with each packet. */
    public void setReceivePacketInfo(boolean on) throws NativeSocketException {
        if (family == Family.INET) {
            setIntOption(IPPROTO_IP, IP_PKTINFO, on ? 1 : 0, "IP_PKTINFO");
        } else {
            setIntOption(IPPROTO_IPV6, IPV6_RECVPKTINFO, on ? 1 : 0, "IPV6_RECVPKTINFO");
        }
    }

    /** Kernel receive timestamps (SO_TIMESTAMPNS): CLOCK_REALTIME, taken before the netfilter INPUT hook. */
    public void setReceiveTimestamps(boolean on) throws NativeSocketException {
        setIntOption(SOL_SOCKET, SO_TIMESTAMPNS, on ? 1 : 0, "SO_TIMESTAMPNS");
    }

    /** Queue ICMP errors and local errors for this socket's packets on the error queue (ip(7) IP_RECVERR). */
    public void setReceiveErrors(boolean on) throws NativeSocketException {
        if (family == Family.INET) {
            setIntOption(IPPROTO_IP, IP_RECVERR, on ? 1 : 0, "IP_RECVERR");
        } else {
            setIntOption(IPPROTO_IPV6, IPV6_RECVERR, on ? 1 : 0, "IPV6_RECVERR");
        }
    }

    public void setMtuDiscover(PmtuMode mode) throws NativeSocketException {
        if (family == Family.INET) {
            setIntOption(IPPROTO_IP, IP_MTU_DISCOVER, mode.wire, "IP_MTU_DISCOVER");
        } else {
            setIntOption(IPPROTO_IPV6, IPV6_MTU_DISCOVER, mode.wire, "IPV6_MTU_DISCOVER");
        }
    }

    /** The kernel's current path MTU estimate. Only valid on a connected socket (ip(7) IP_MTU). */
    public int pathMtu() throws NativeSocketException {
        return family == Family.INET
                ? getIntOption(IPPROTO_IP, IP_MTU, "IP_MTU")
                : getIntOption(IPPROTO_IPV6, IPV6_MTU, "IPV6_MTU");
    }

    /** IPv4 TOS byte or IPv6 traffic class of sent packets. */
    public void setTos(int tos) throws NativeSocketException {
        if (family == Family.INET) {
            setIntOption(IPPROTO_IP, IP_TOS, tos, "IP_TOS");
        } else {
            setIntOption(IPPROTO_IPV6, IPV6_TCLASS, tos, "IPV6_TCLASS");
        }
    }

    /** SO_MARK: the fwmark a policy rule matches to pin probes to the tunnel. */
    public void setMark(long mark) throws NativeSocketException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(ValueLayout.JAVA_INT);
            v.set(ValueLayout.JAVA_INT, 0, (int) mark);
            setOption(SOL_SOCKET, SO_MARK, v, "SO_MARK", SocketErrors.SO_MARK_HINT);
        }
    }

    /** SO_BINDTODEVICE: send and receive only through this interface. */
    public void bindToDevice(String ifname) throws NativeSocketException {
        if (interfaceIndex(ifname) == 0) {
            throw SocketErrors.of("if_nametoindex(" + ifname + ")", Errno.ENODEV.number(),
                    "no such network interface \"" + ifname + "\": check 'ip link'");
        }
        try (Arena arena = Arena.ofConfined()) {
            byte[] name = ifname.getBytes(StandardCharsets.US_ASCII);
            MemorySegment v = arena.allocate(name.length + 1L);
            MemorySegment.copy(name, 0, v, ValueLayout.JAVA_BYTE, 0, name.length);
            setOption(SOL_SOCKET, SO_BINDTODEVICE, v, "SO_BINDTODEVICE", SocketErrors.BINDTODEVICE_HINT);
        }
    }

    /** The kernel's index of an interface, or 0 if there is none by that name. */
    public static int interfaceIndex(String ifname) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocateFrom(ifname, StandardCharsets.US_ASCII);
            return (int) Libc.IF_NAMETOINDEX.invokeExact(Libc.captureState(), name);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /**
     * Keeps only the given ICMP types on a raw socket (ICMP_FILTER for IPv4,
     * ICMP6_FILTER for IPv6). A raw socket otherwise also receives every
     * other ICMP message on the host, including our own echo requests on loopback.
     */
    public void setIcmpFilter(int... passTypes) throws NativeSocketException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment filter = IcmpFilters.filter(family, passTypes, arena);
            if (family == Family.INET) {
                setOption(SOL_RAW, ICMP_FILTER, filter, "ICMP_FILTER", null);
            } else {
                setOption(IPPROTO_ICMPV6, ICMP6_FILTER, filter, "ICMP6_FILTER", null);
            }
        }
    }

    // ---- addresses ----

    public void bind(InetSocketAddress local) throws NativeSocketException {
        Endpoints.bind(fd, local);
    }

    public InetSocketAddress localAddress() throws NativeSocketException {
        return Endpoints.localAddress(fd);
    }

    /**
     * Starts a non-blocking connect. Returns true if it completed at once
     * (loopback sometimes does), false if it is in progress: then
     * {@link #poll} for {@code POLLOUT} and read {@link #pendingError()}.
     */
    public boolean connect(InetSocketAddress remote) throws NativeSocketException {
        return Endpoints.connect(fd, remote);
    }

    /** SO_ERROR: the result of a non-blocking connect once the socket is writable; 0 on success. */
    public int pendingError() throws NativeSocketException {
        return getIntOption(SOL_SOCKET, SO_ERROR, "SO_ERROR");
    }

    // ---- data ----

    /**
     * Sends one datagram. Returns the bytes sent, or -1 if the socket buffer is
     * full (EAGAIN): a probe counts that as a send failure rather than blocking.
     */
    public int sendTo(ByteBuffer data, InetSocketAddress destination) throws NativeSocketException {
        long rc = send(data, destination, false);
        return rc < 0 ? -1 : (int) rc;
    }

    /**
     * Sends one datagram and returns the CLOCK_REALTIME time taken immediately
     * before the system call (after the copy and address encoding), so an RTT
     * measured against a kernel receive stamp includes as little user-space
     * time as possible. Returns -1 if the socket buffer is full.
     */
    public long sendToStamped(ByteBuffer data, InetSocketAddress destination) throws NativeSocketException {
        return send(data, destination, true);
    }

    private long send(ByteBuffer data, InetSocketAddress destination, boolean stamp) throws NativeSocketException {
        return Datagrams.sendTo(fd, data, destination, stamp);
    }

    /**
     * Waits up to {@code timeoutMillis} for any of {@code events} and returns
     * the revents (0 on timeout or EINTR). POLLERR means the error queue has data.
     */
    public int poll(short events, int timeoutMillis) throws NativeSocketException {
        return Poller.pollOne(fd, events, timeoutMillis);
    }

    /** A receive context with its own native buffers, for one thread. */
    public Receiver newReceiver(int maxDatagramBytes) {
        return new Receiver(this, maxDatagramBytes);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                int rc = (int) Libc.CLOSE.invokeExact(Libc.captureState(), fd);
                assert rc == 0 || rc == -1;
            } catch (Throwable t) {
                throw Libc.rethrow(t);
            }
        }
    }

    @Override
    public String toString() {
        return "LinuxSocket[fd=" + fd + ", " + family + (closed.get() ? ", closed]" : "]");
    }
}
