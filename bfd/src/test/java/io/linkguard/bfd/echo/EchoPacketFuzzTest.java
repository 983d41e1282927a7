package io.linkguard.bfd.echo;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Fuzz test for {@link EchoPacket#decodePayload}: anyone can send a datagram to port 3785, so on
 * any bytes it returns a payload or empty and throws nothing (it documents no exception); it
 * never moves the buffer. Regression inputs:
 * {@code src/test/resources/io/linkguard/bfd/echo/EchoPacketFuzzTestInputs/decodePayload/}.
 */
class EchoPacketFuzzTest {
    private static final int LEADING_BYTES = 5;

    @FuzzTest(maxDuration = "2m")
    void decodePayload(byte[] input) {
        byte[] framed = new byte[LEADING_BYTES + input.length];
        System.arraycopy(input, 0, framed, LEADING_BYTES, input.length);
        ByteBuffer b = ByteBuffer.wrap(framed).position(LEADING_BYTES).asReadOnlyBuffer();
        var p = EchoPacket.decodePayload(b);
        if (p.isPresent()) {
            assertThat(input.length).isGreaterThanOrEqualTo(EchoPacket.PAYLOAD_BYTES);
            assertThat(p.get().discriminator()).isBetween(0L, 0xFFFF_FFFFL);
            assertThat(p.get().sequence()).isBetween(0L, 0xFFFF_FFFFL);
        }
        assertThat(b.position()).isEqualTo(LEADING_BYTES);
    }

    @Test
    void seedDirectoryExists() {
        assertThat(EchoPacketFuzzTest.class.getResource("EchoPacketFuzzTestInputs/decodePayload")).isNotNull();
    }
}
