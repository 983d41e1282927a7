package io.linkguard.probes.net;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * Encodes and decodes {@code struct sockaddr_in} (16 bytes) and
 * {@code struct sockaddr_in6} (28 bytes). The family is in host order,
 * the port and addresses in network order.
 */
final class SockAddr {
    static final int SOCKADDR_IN_BYTES = 16;
    static final int SOCKADDR_IN6_BYTES = 28;
    /** Room for either family: {@code sizeof(struct sockaddr_storage)} is 128, we only ever need 28. */
    static final int MAX_BYTES = 128;

    private static final int OFF_FAMILY = 0;
    private static final int OFF_PORT = 2;
    private static final int OFF_IN_ADDR = 4;
    private static final int OFF_IN6_FLOWINFO = 4;
    private static final int OFF_IN6_ADDR = 8;
    private static final int OFF_IN6_SCOPE_ID = 24;
    private static final ValueLayout.OfShort NET_SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt NET_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private SockAddr() {
    }

    /** Writes the address into {@code seg} (zeroing it first) and returns the socklen to pass. */
    static int encode(InetSocketAddress address, MemorySegment seg) {
        for (long off = 0; off < SOCKADDR_IN6_BYTES; off += 4) { // zeroed in place: no slice per send
            seg.set(ValueLayout.JAVA_INT_UNALIGNED, off, 0);
        }
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("unresolved address " + address.getHostString());
        }
        seg.set(NET_SHORT, OFF_PORT, (short) address.getPort());
        if (ip instanceof Inet4Address) {
            seg.set(ValueLayout.JAVA_SHORT, OFF_FAMILY, (short) LinuxConstants.AF_INET);
            MemorySegment.copy(ip.getAddress(), 0, seg, ValueLayout.JAVA_BYTE, OFF_IN_ADDR, 4);
            return SOCKADDR_IN_BYTES;
        }
        seg.set(ValueLayout.JAVA_SHORT, OFF_FAMILY, (short) LinuxConstants.AF_INET6);
        seg.set(ValueLayout.JAVA_INT_UNALIGNED, OFF_IN6_FLOWINFO, 0);
        MemorySegment.copy(ip.getAddress(), 0, seg, ValueLayout.JAVA_BYTE, OFF_IN6_ADDR, 16);
        int scope = ((Inet6Address) ip).getScopeId();
        seg.set(ValueLayout.JAVA_INT_UNALIGNED, OFF_IN6_SCOPE_ID, scope);
        return SOCKADDR_IN6_BYTES;
    }

    /** Decodes a sockaddr of length {@code len}; null if the family is neither inet nor inet6. */
    static InetSocketAddress decode(MemorySegment seg, int len) {
        return decode(seg, 0, len, null);
    }

    /**
     * Decodes the sockaddr of length {@code len} at {@code offset} of {@code seg}; IPv4 ones through
     * {@code cache} when given. Null if the family is neither inet nor inet6.
     */
    static InetSocketAddress decode(MemorySegment seg, long offset, int len, Inet4Cache cache) {
        if (len < 2) {
            return null;
        }
        int family = seg.get(ValueLayout.JAVA_SHORT_UNALIGNED, offset + OFF_FAMILY);
        try {
            if (family == LinuxConstants.AF_INET && len >= SOCKADDR_IN_BYTES) {
                // The port is read only once the length covers it: len 2 or 3 ends before it.
                int port = Short.toUnsignedInt(seg.get(NET_SHORT, offset + OFF_PORT));
                int raw = seg.get(NET_INT, offset + OFF_IN_ADDR);
                return cache != null ? cache.socketAddress(raw, port)
                        : new InetSocketAddress(InetAddress.getByAddress(bytes(raw)), port);
            }
            if (family == LinuxConstants.AF_INET6 && len >= SOCKADDR_IN6_BYTES) {
                int port = Short.toUnsignedInt(seg.get(NET_SHORT, offset + OFF_PORT));
                byte[] a = seg.asSlice(offset + OFF_IN6_ADDR, 16).toArray(ValueLayout.JAVA_BYTE);
                int scope = seg.get(ValueLayout.JAVA_INT_UNALIGNED, offset + OFF_IN6_SCOPE_ID);
                InetAddress ip = scope != 0 && (a[0] == (byte) 0xfe && (a[1] & 0xc0) == 0x80)
                        ? Inet6Address.getByAddress(null, a, scope)
                        : InetAddress.getByAddress(a);
                return new InetSocketAddress(ip, port);
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("kernel returned a malformed address", e);
        }
        return null;
    }

    static byte[] bytes(int raw) {
        return new byte[] {(byte) (raw >>> 24), (byte) (raw >>> 16), (byte) (raw >>> 8), (byte) raw};
    }
}
