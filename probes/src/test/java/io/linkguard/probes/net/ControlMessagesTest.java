package io.linkguard.probes.net;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** A control buffer laid out as the kernel lays it out (cmsg(3), 64-bit: 16-byte header, 8-byte alignment). */
class ControlMessagesTest {
    private static long put(MemorySegment buf, long off, int level, int type, byte[] data) {
        long len = ControlMessages.CMSG_HEADER_BYTES + data.length;
        buf.set(ValueLayout.JAVA_LONG, off, len);
        buf.set(ValueLayout.JAVA_INT, off + 8, level);
        buf.set(ValueLayout.JAVA_INT, off + 12, type);
        MemorySegment.copy(data, 0, buf, ValueLayout.JAVA_BYTE, off + 16, data.length);
        return off + ControlMessages.align(len);
    }

    private static byte[] ints(int... v) {
        MemorySegment s = MemorySegment.ofArray(new byte[v.length * 4]);
        for (int i = 0; i < v.length; i++) {
            s.set(ValueLayout.JAVA_INT_UNALIGNED, i * 4L, v[i]);
        }
        return s.toArray(ValueLayout.JAVA_BYTE);
    }

    @Test
    void timestampTtlAndPktinfo() throws Exception {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(256, 8);
            MemorySegment ts = MemorySegment.ofArray(new byte[16]);
            ts.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, 1_700_000_000L);
            ts.set(ValueLayout.JAVA_LONG_UNALIGNED, 8, 123_456_789L);
            long off = put(buf, 0, LinuxConstants.SOL_SOCKET, LinuxConstants.SCM_TIMESTAMPNS, ts.toArray(ValueLayout.JAVA_BYTE));
            off = put(buf, off, LinuxConstants.IPPROTO_IP, LinuxConstants.IP_TTL, ints(255));
            byte[] pktinfo = new byte[12];
            System.arraycopy(ints(7), 0, pktinfo, 0, 4);                         // ifindex
            System.arraycopy(new byte[]{(byte) 198, 18, 0, 1}, 0, pktinfo, 8, 4); // ipi_addr
            off = put(buf, off, LinuxConstants.IPPROTO_IP, LinuxConstants.IP_PKTINFO, pktinfo);
            ReceivedMessage m = new ReceivedMessage();
            ControlMessages.parse(buf, off, m);
            assertThat(m.kernelTimestampNanos()).isEqualTo(1_700_000_000_123_456_789L);
            assertThat(m.ttl()).isEqualTo(255);
            assertThat(m.interfaceIndex()).isEqualTo(7);
            assertThat(m.destination()).isEqualTo(InetAddress.getByName("198.18.0.1"));
        }
    }

    @Test
    void extendedErrorWithOffender() throws Exception {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(256, 8);
            byte[] ee = new byte[16 + 16];
            MemorySegment e = MemorySegment.ofArray(ee);
            e.set(ValueLayout.JAVA_INT_UNALIGNED, 0, 90);      // EMSGSIZE
            e.set(ValueLayout.JAVA_BYTE, 4, (byte) 2);          // SO_EE_ORIGIN_ICMP
            e.set(ValueLayout.JAVA_BYTE, 5, (byte) 3);          // type 3
            e.set(ValueLayout.JAVA_BYTE, 6, (byte) 4);          // code 4: fragmentation needed
            e.set(ValueLayout.JAVA_INT_UNALIGNED, 8, 1400);     // ee_info: next-hop MTU
            e.set(ValueLayout.JAVA_SHORT_UNALIGNED, 16, (short) 2);
            System.arraycopy(new byte[]{10, 0, 0, (byte) 254}, 0, ee, 20, 4);
            long off = put(buf, 0, LinuxConstants.IPPROTO_IP, LinuxConstants.IP_RECVERR, ee);
            ReceivedMessage m = new ReceivedMessage();
            ControlMessages.parse(buf, off, m);
            ExtendedError err = m.error();
            assertThat(err.errno()).isEqualTo(Errno.EMSGSIZE);
            assertThat(err.origin()).isEqualTo(ExtendedError.Origin.ICMP);
            assertThat(err.icmpType()).isEqualTo(3);
            assertThat(err.icmpCode()).isEqualTo(4);
            assertThat(err.info()).isEqualTo(1400);
            assertThat(err.offender()).isEqualTo(InetAddress.getByName("10.0.0.254"));
        }
    }

    @Test
    void aLengthPastTheBufferStopsParsingInsteadOfReadingBeyondIt() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(64, 8);
            buf.set(ValueLayout.JAVA_LONG, 0, 1000L);
            ReceivedMessage m = new ReceivedMessage();
            ControlMessages.parse(buf, 64, m);
            assertThat(m.ttl()).isEqualTo(-1);
            assertThat(m.kernelTimestampNanos()).isEqualTo(-1);
        }
    }
}
