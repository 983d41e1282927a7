package io.linkguard.probes.net;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Walks the control buffer of a {@code recvmsg} (cmsg(3)). On 64-bit Linux a
 * {@code struct cmsghdr} is 16 bytes (size_t len, int level, int type) and
 * each header and its data are aligned to 8 bytes.
 */
final class ControlMessages {
    static final int CMSG_HEADER_BYTES = 16;
    private static final int OFF_LEN = 0;
    private static final int OFF_LEVEL = 8;
    private static final int OFF_TYPE = 12;

    // struct in_pktinfo { int ipi_ifindex; struct in_addr ipi_spec_dst; struct in_addr ipi_addr; }
    private static final int IN_PKTINFO_IFINDEX = 0;
    private static final int IN_PKTINFO_ADDR = 8;
    // struct in6_pktinfo { struct in6_addr ipi6_addr; int ipi6_ifindex; }
    private static final int IN6_PKTINFO_ADDR = 0;
    private static final int IN6_PKTINFO_IFINDEX = 16;
    // struct sock_extended_err { u32 ee_errno; u8 origin, type, code, pad; u32 info; u32 data; } then the offender sockaddr
    private static final int EE_ERRNO = 0;
    private static final int EE_ORIGIN = 4;
    private static final int EE_TYPE = 5;
    private static final int EE_CODE = 6;
    private static final int EE_INFO = 8;
    private static final int EE_BYTES = 16;

    private ControlMessages() {
    }

    static long align(long n) {
        return (n + 7) & ~7L;
    }

    static void parse(MemorySegment control, long controlLength, ReceivedMessage into) {
        long off = 0;
        while (off + CMSG_HEADER_BYTES <= controlLength) {
            long len = control.get(ValueLayout.JAVA_LONG, off + OFF_LEN);
            // len > controlLength - off, not off + len > controlLength: a huge len must not overflow past the check.
            if (len < CMSG_HEADER_BYTES || len > controlLength - off) {
                return; // malformed or truncated: the kernel never does this, but never read past the buffer
            }
            int level = control.get(ValueLayout.JAVA_INT, off + OFF_LEVEL);
            int type = control.get(ValueLayout.JAVA_INT, off + OFF_TYPE);
            apply(level, type, control, off + CMSG_HEADER_BYTES, len - CMSG_HEADER_BYTES, into);
            off += align(len);
        }
    }

    /**
     * One cmsg whose data is {@code size} bytes at {@code at} in {@code c}. Read in place, not through a
     * slice: this runs for every packet, and a slice is an object.
     */
    private static void apply(int level, int type, MemorySegment c, long at, long size, ReceivedMessage into) {
        if (level == LinuxConstants.SOL_SOCKET && type == LinuxConstants.SCM_TIMESTAMPNS && size >= 16) {
            long sec = c.get(ValueLayout.JAVA_LONG, at);
            long nsec = c.get(ValueLayout.JAVA_LONG, at + 8);
            into.kernelTimestampNanos = sec * 1_000_000_000L + nsec;
        } else if (level == LinuxConstants.IPPROTO_IP && type == LinuxConstants.IP_TTL && size >= 4) {
            into.ttl = c.get(ValueLayout.JAVA_INT, at);
        } else if (level == LinuxConstants.IPPROTO_IPV6 && type == LinuxConstants.IPV6_HOPLIMIT && size >= 4) {
            into.ttl = c.get(ValueLayout.JAVA_INT, at);
        } else if (level == LinuxConstants.IPPROTO_IP && type == LinuxConstants.IP_PKTINFO && size >= 12) {
            into.interfaceIndex = c.get(ValueLayout.JAVA_INT, at + IN_PKTINFO_IFINDEX);
            into.destination = into.inet4.address(c.get(SockAddr.NET_INT, at + IN_PKTINFO_ADDR));
        } else if (level == LinuxConstants.IPPROTO_IPV6 && type == LinuxConstants.IPV6_PKTINFO && size >= 20) {
            into.destination = address(c.asSlice(at + IN6_PKTINFO_ADDR, 16));
            into.interfaceIndex = c.get(ValueLayout.JAVA_INT, at + IN6_PKTINFO_IFINDEX);
        } else if ((level == LinuxConstants.IPPROTO_IP && type == LinuxConstants.IP_RECVERR
                || level == LinuxConstants.IPPROTO_IPV6 && type == LinuxConstants.IPV6_RECVERR)
                && size >= EE_BYTES) {
            into.error = extendedError(c.asSlice(at, size));
        }
    }

    private static ExtendedError extendedError(MemorySegment data) {
        int errno = data.get(ValueLayout.JAVA_INT, EE_ERRNO);
        int origin = Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, EE_ORIGIN));
        int type = Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, EE_TYPE));
        int code = Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, EE_CODE));
        long info = Integer.toUnsignedLong(data.get(ValueLayout.JAVA_INT, EE_INFO));
        InetAddress offender = null;
        if (data.byteSize() > EE_BYTES) {
            var sa = SockAddr.decode(data.asSlice(EE_BYTES), (int) (data.byteSize() - EE_BYTES));
            offender = sa == null ? null : sa.getAddress();
        }
        return new ExtendedError(Errno.of(errno), errno, ExtendedError.Origin.of(origin), type, code, info, offender);
    }

    private static InetAddress address(MemorySegment bytes) {
        try {
            return InetAddress.getByAddress(bytes.toArray(ValueLayout.JAVA_BYTE));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
