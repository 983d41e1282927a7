package io.linkguard.probes.net;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

class SockAddrTest {
    @Test
    void ipv4LayoutIsFamilyHostOrderPortAndAddressNetworkOrder() throws Exception {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment seg = a.allocate(SockAddr.MAX_BYTES);
            int len = SockAddr.encode(new InetSocketAddress(InetAddress.getByName("198.18.0.2"), 3784), seg);
            assertThat(len).isEqualTo(16);
            byte[] b = seg.asSlice(0, 16).toArray(ValueLayout.JAVA_BYTE);
            assertThat(b).containsExactly(
                    2, 0,                          // sa_family AF_INET, little-endian host order
                    0x0e, (byte) 0xc8,             // port 3784, network order
                    (byte) 198, 18, 0, 2,          // address
                    0, 0, 0, 0, 0, 0, 0, 0);       // sin_zero
            assertThat(SockAddr.decode(seg, len)).isEqualTo(new InetSocketAddress("198.18.0.2", 3784));
        }
    }

    @Test
    void ipv6RoundTrip() throws Exception {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment seg = a.allocate(SockAddr.MAX_BYTES);
            var addr = new InetSocketAddress(InetAddress.getByName("fd6c:6775:6172::2"), 4784);
            int len = SockAddr.encode(addr, seg);
            assertThat(len).isEqualTo(28);
            assertThat(seg.get(ValueLayout.JAVA_SHORT, 0)).isEqualTo((short) 10);
            assertThat(SockAddr.decode(seg, len)).isEqualTo(addr);
        }
    }

    @Test
    void shortOrUnknownFamilyDecodesToNull() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment seg = a.allocate(SockAddr.MAX_BYTES);
            seg.set(ValueLayout.JAVA_SHORT, 0, (short) 1); // AF_UNIX
            assertThat(SockAddr.decode(seg, 16)).isNull();
            assertThat(SockAddr.decode(seg, 1)).isNull();
        }
    }
}
