package io.linkguard.probes.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * What one {@code recvmsg} returned: the data and the ancillary data the
 * socket layer asked the kernel for. One instance is owned by one receive
 * thread and refilled by every call, so the hot path does not allocate
 * native memory; copy what must outlive the next receive.
 */
public final class ReceivedMessage {
    /** A view of the received bytes, position 0, limit = length. Valid until the next receive. */
    ByteBuffer data;
    InetSocketAddress source;
    int ttl = -1;
    InetAddress destination;
    int interfaceIndex = -1;
    long kernelTimestampNanos = -1;
    boolean truncated;
    ExtendedError error;
    /** Addresses this receiver heard recently: most packets come from the same few peers. */
    final Inet4Cache inet4 = new Inet4Cache();

    void reset() {
        source = null;
        ttl = -1;
        destination = null;
        interfaceIndex = -1;
        kernelTimestampNanos = -1;
        truncated = false;
        error = null;
    }

    public ByteBuffer data() {
        return data;
    }

    public InetSocketAddress source() {
        return source;
    }

    /** IPv4 TTL (IP_RECVTTL) or IPv6 hop limit (IPV6_RECVHOPLIMIT) of the packet; -1 if not asked for. */
    public int ttl() {
        return ttl;
    }

    /** Local address the packet was sent to (IP_PKTINFO/IPV6_PKTINFO); null if not asked for. */
    public InetAddress destination() {
        return destination;
    }

    /** Index of the interface the packet arrived on (IP_PKTINFO/IPV6_PKTINFO); -1 if not asked for. */
    public int interfaceIndex() {
        return interfaceIndex;
    }

    /** Kernel receive time (SO_TIMESTAMPNS), CLOCK_REALTIME nanoseconds since the epoch; -1 if absent. */
    public long kernelTimestampNanos() {
        return kernelTimestampNanos;
    }

    /** True if the datagram or its control data did not fit (MSG_TRUNC/MSG_CTRUNC). */
    public boolean truncated() {
        return truncated;
    }

    /** For receives from the error queue: the extended error; null otherwise. */
    public ExtendedError error() {
        return error;
    }
}
