package io.linkguard.bfd.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The exact message of every decode rejection and every encode argument check. */
class ControlPacketCodecErrorsTest {

    static Stream<Arguments> malformed() {
        return Stream.of(
                bad("BFD datagram 0 bytes (expected: >= 24)", b -> new byte[0]),
                bad("BFD datagram 23 bytes (expected: >= 24)", b -> Arrays.copyOf(b, 23)),
                bad("BFD length 20 (expected: >= 24)", b -> set(b, 3, 20)),
                bad("BFD length 0 (expected: >= 24)", b -> set(b, 3, 0)),
                bad("BFD length 25 (expected: >= 26 with the A bit set)", b -> set(set(b, 1, 0x44), 3, 25)),
                bad("BFD length 25 (expected: <= 24, the datagram size)", b -> set(b, 3, 25)),
                bad("BFD length 255 (expected: <= 24, the datagram size)", b -> set(b, 3, 255)),
                // A bit set on a 24-byte packet: Length says 24, so there is no room for the section.
                bad("BFD length 24 (expected: >= 26 with the A bit set)", b -> set(b, 1, 0x44)),
                bad("BFD auth type 0 (expected: 1..5)", b -> set(ControlPacketCodecTest.goldenMd5(), 24, 0)),
                bad("BFD auth type 6 (expected: 1..5)", b -> set(ControlPacketCodecTest.goldenMd5(), 24, 6)),
                bad("BFD auth type 255 (expected: 1..5)", b -> set(ControlPacketCodecTest.goldenMd5(), 24, 255)),
                bad("BFD auth len 3 for simple-password (expected: 4..19)",
                        b -> set(ControlPacketCodecTest.goldenPassword(), 25, 3)),
                bad("BFD auth len 20 for simple-password (expected: 4..19)",
                        b -> set(ControlPacketCodecTest.goldenPassword(), 25, 20)),
                bad("BFD auth len 8 (expected: <= 7 to fit in length 31)",
                        b -> set(ControlPacketCodecTest.goldenPassword(), 25, 8)),
                bad("BFD auth len 23 for keyed-md5 (expected: 24)",
                        b -> set(ControlPacketCodecTest.goldenMd5(), 25, 23)),
                bad("BFD auth len 28 for meticulous-keyed-md5 (expected: 24)",
                        b -> set(set(ControlPacketCodecTest.goldenMd5(), 24, 3), 25, 28)),
                bad("BFD auth len 24 for keyed-sha1 (expected: 28)",
                        b -> set(ControlPacketCodecTest.goldenMd5(), 24, 4)),
                bad("BFD auth len 24 (expected: <= 23 to fit in length 47)",
                        b -> set(ControlPacketCodecTest.goldenMd5(), 3, 47)),
                bad("BFD auth len 28 (expected: <= 24 to fit in length 48)",
                        b -> set(set(Arrays.copyOf(ControlPacketCodecTest.goldenMd5(), 60), 24, 5), 25, 28)));
    }

    private static Arguments bad(String message, UnaryOperator<byte[]> mutation) {
        return Arguments.of(message, mutation);
    }

    private static byte[] set(byte[] b, int index, int value) {
        b[index] = (byte) value;
        return b;
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void decodeRejectsWithExactMessage(String message, UnaryOperator<byte[]> mutation) {
        byte[] bytes = mutation.apply(ControlPacketCodecTest.goldenDown());
        ByteBuffer b = ByteBuffer.wrap(bytes);
        assertThatThrownBy(() -> ControlPacketCodec.decode(b))
                .isInstanceOf(BfdCodecException.class)
                .hasMessage(message);
        assertThat(b.position()).isZero();
    }

    static Stream<Arguments> outOfRange() {
        ControlPacket p = ControlPacketCodecTest.downPacket();
        return Stream.of(
                Arguments.of(with(p, 8, 3, 0, 0), "version 8 (expected: 0..7)"),
                Arguments.of(with(p, -1, 3, 0, 0), "version -1 (expected: 0..7)"),
                Arguments.of(with(p, 1, 256, 0, 0), "detectMult 256 (expected: 0..255)"),
                Arguments.of(with(p, 1, -1, 0, 0), "detectMult -1 (expected: 0..255)"),
                Arguments.of(with(p, 1, 3, 1L << 32, 0), "myDiscriminator 4294967296 (expected: 0..4294967295)"),
                Arguments.of(with(p, 1, 3, 0, -1), "yourDiscriminator -1 (expected: 0..4294967295)"),
                Arguments.of(new ControlPacket(1, Diagnostic.NONE, BfdState.DOWN, false, false, false, false, false,
                        3, 1, 0, 1L << 32, 0, 0, Optional.empty()),
                        "desiredMinTxMicros 4294967296 (expected: 0..4294967295)"),
                Arguments.of(new ControlPacket(1, Diagnostic.NONE, BfdState.DOWN, false, false, false, false, false,
                        3, 1, 0, 0, -5, 0, Optional.empty()),
                        "requiredMinRxMicros -5 (expected: 0..4294967295)"),
                Arguments.of(new ControlPacket(1, Diagnostic.NONE, BfdState.DOWN, false, false, false, false, false,
                        3, 1, 0, 0, 0, 1L << 40, Optional.empty()),
                        "requiredMinEchoRxMicros 1099511627776 (expected: 0..4294967295)"),
                Arguments.of(withAuth(p, AuthType.SIMPLE_PASSWORD, 1, 0, 0), "password length 0 (expected: 1..16)"),
                Arguments.of(withAuth(p, AuthType.SIMPLE_PASSWORD, 1, 0, 17), "password length 17 (expected: 1..16)"),
                Arguments.of(withAuth(p, AuthType.SIMPLE_PASSWORD, 1, 9, 4), "auth sequenceNumber 9 (expected: 0)"),
                Arguments.of(withAuth(p, AuthType.KEYED_MD5, 1, 0, 20), "MD5 digest length 20 (expected: 16)"),
                Arguments.of(withAuth(p, AuthType.METICULOUS_KEYED_SHA1, 1, 0, 16),
                        "SHA1 digest length 16 (expected: 20)"),
                Arguments.of(withAuth(p, AuthType.KEYED_SHA1, 1, 1L << 32, 20),
                        "auth sequenceNumber 4294967296 (expected: 0..4294967295)"),
                Arguments.of(withAuth(p, AuthType.KEYED_MD5, 256, 0, 16), "auth keyId 256 (expected: 0..255)"));
    }

    private static ControlPacket with(ControlPacket p, int version, int detectMult, long my, long your) {
        return new ControlPacket(version, p.diagnostic(), p.state(), false, false, false, false, false, detectMult,
                my, your, p.desiredMinTxMicros(), p.requiredMinRxMicros(), 0, Optional.empty());
    }

    private static ControlPacket withAuth(ControlPacket p, AuthType type, int keyId, long seq, int valueBytes) {
        return p.withAuthentication(Optional.of(new Authentication(type, keyId, seq, new byte[valueBytes])));
    }

    @ParameterizedTest
    @MethodSource("outOfRange")
    void encodeRejectsOutOfRangeFieldsAndWritesNothing(ControlPacket p, String message) {
        ByteBuffer out = ByteBuffer.allocate(64);
        assertThatThrownBy(() -> ControlPacketCodec.encode(p, out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
        assertThat(out.position()).isZero();
        assertThat(out.array()).containsOnly(0);
    }
}
