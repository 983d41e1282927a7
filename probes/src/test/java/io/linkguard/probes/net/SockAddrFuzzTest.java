package io.linkguard.probes.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * Fuzz tests for {@link SockAddr#decode}: a sockaddr of any content and length decodes to an
 * address or null; the only exception it documents is {@link IllegalStateException} (an address
 * {@code InetAddress} refuses), anything else escapes and fails the test.
 *
 * <p>Regression inputs: {@code src/test/resources/io/linkguard/probes/net/SockAddrFuzzTestInputs/<method>/}.
 */
class SockAddrFuzzTest {

    /** As recvmsg fills it: a {@link SockAddr#MAX_BYTES} buffer and the length the kernel wrote. */
    @FuzzTest(maxDuration = "2m")
    void decodeInBuffer(byte[] input) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(SockAddr.MAX_BYTES, 8);
            int len = Math.min(input.length, SockAddr.MAX_BYTES);
            MemorySegment.copy(input, 0, seg, ValueLayout.JAVA_BYTE, 0, len);
            check(seg, len);
        }
    }

    /**
     * As the offender address after a {@code sock_extended_err} is decoded: the segment ends where
     * the cmsg ends, so the length is the segment's size exactly.
     */
    @FuzzTest(maxDuration = "2m")
    void decodeExactSlice(byte[] input) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(Math.max(1, input.length), 8).asSlice(0, input.length);
            MemorySegment.copy(input, 0, seg, ValueLayout.JAVA_BYTE, 0, input.length);
            check(seg, input.length);
        }
    }

    private static void check(MemorySegment seg, int len) {
        try {
            InetSocketAddress a = SockAddr.decode(seg, len);
            if (a != null) {
                assertThat(a.getPort()).isBetween(0, 65535);
                assertThat(a.getAddress().getAddress().length).isIn(4, 16);
            }
        } catch (IllegalStateException e) {
            assertThat(e).hasMessageContaining("malformed address");
        }
    }

    @Test
    void seedDirectoriesExist() {
        for (String method : new String[] {"decodeInBuffer", "decodeExactSlice"}) {
            assertThat(SockAddrFuzzTest.class.getResource("SockAddrFuzzTestInputs/" + method)).as(method).isNotNull();
        }
    }
}
