package io.linkguard.bfd.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ControlPacketCodecTest {

    /** An FRR-like first packet of a session: Down, no remote discriminator yet, 1 s intervals. */
    private static final byte[] GOLDEN_DOWN = {
        0x20,                   // Vers 1 (001), Diag 0 "no diagnostic" (00000)
        0x40,                   // Sta 1 Down (01), P 0, F 0, C 0, A 0, D 0, M 0
        0x03,                   // Detect Mult 3
        0x18,                   // Length 24
        0x12, 0x34, 0x56, 0x78, // My Discriminator 0x12345678
        0x00, 0x00, 0x00, 0x00, // Your Discriminator 0 (not yet learned)
        0x00, 0x0f, 0x42, 0x40, // Desired Min TX Interval 1000000 us
        0x00, 0x0f, 0x42, 0x40, // Required Min RX Interval 1000000 us
        0x00, 0x00, 0x00, 0x00, // Required Min Echo RX Interval 0: no echo
    };

    /** Up, Poll, with a keyed MD5 section (§4.3); the digest bytes are a pattern, not a real digest. */
    private static final byte[] GOLDEN_MD5 = {
        0x25,                   // Vers 1 (001), Diag 5 "path down" (00101)
        (byte) 0xe4,            // Sta 3 Up (11), P 1, F 0, C 0, A 1, D 0, M 0
        0x05,                   // Detect Mult 5
        0x30,                   // Length 48 = 24 + Auth Len 24
        0x00, 0x00, 0x00, 0x01, // My Discriminator 1
        (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe, // Your Discriminator 0xfffffffe
        0x00, 0x00, (byte) 0xc3, 0x50, // Desired Min TX Interval 50000 us
        0x00, 0x00, 0x27, 0x10, // Required Min RX Interval 10000 us
        0x00, 0x00, 0x00, 0x00, // Required Min Echo RX Interval 0
        0x02,                   // Auth Type 2 Keyed MD5
        0x18,                   // Auth Len 24
        0x07,                   // Auth Key ID 7
        0x00,                   // Reserved
        (byte) 0x80, 0x00, 0x00, 0x01, // Sequence Number 0x80000001
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, // Auth Key/Digest, 16 bytes
    };

    /** Init, Final, C, D bits, a simple password section (§4.2). */
    private static final byte[] GOLDEN_PASSWORD = {
        0x21,                   // Vers 1, Diag 1 "control detection time expired"
        (byte) 0x9e,            // Sta 2 Init (10), P 0, F 1, C 1, A 1, D 1, M 0
        0x03,                   // Detect Mult 3
        0x1f,                   // Length 31 = 24 + Auth Len 7
        0x00, 0x00, 0x00, 0x02, // My Discriminator 2
        0x00, 0x00, 0x00, 0x03, // Your Discriminator 3
        0x00, 0x04, (byte) 0x93, (byte) 0xe0, // Desired Min TX Interval 300000 us
        0x00, 0x04, (byte) 0x93, (byte) 0xe0, // Required Min RX Interval 300000 us
        0x00, 0x00, (byte) 0xc3, 0x50, // Required Min Echo RX Interval 50000 us
        0x01,                   // Auth Type 1 Simple Password
        0x07,                   // Auth Len 7 = 3 + 4
        0x01,                   // Auth Key ID 1
        's', 'e', 'k', 'r',     // Password "sekr"
    };

    static ControlPacket downPacket() {
        return new ControlPacket(1, Diagnostic.NONE, BfdState.DOWN, false, false, false, false, false, 3,
                0x12345678L, 0, 1_000_000, 1_000_000, 0, Optional.empty());
    }

    static byte[] encode(ControlPacket p) {
        ByteBuffer out = ByteBuffer.allocate(ControlPacketCodec.encodedLength(p));
        ControlPacketCodec.encode(p, out);
        assertThat(out.hasRemaining()).isFalse();
        return out.array();
    }

    static byte[] goldenDown() {
        return GOLDEN_DOWN.clone();
    }

    static byte[] goldenMd5() {
        return GOLDEN_MD5.clone();
    }

    static byte[] goldenPassword() {
        return GOLDEN_PASSWORD.clone();
    }

    @Test
    void goldenDownPacket() throws BfdCodecException {
        assertThat(ControlPacketCodec.decode(ByteBuffer.wrap(GOLDEN_DOWN))).isEqualTo(downPacket());
        assertThat(encode(downPacket())).containsExactly(GOLDEN_DOWN);
    }

    @Test
    void goldenMd5Packet() throws BfdCodecException {
        byte[] digest = new byte[16];
        for (int i = 0; i < 16; i++) {
            digest[i] = (byte) i;
        }
        ControlPacket expected = new ControlPacket(1, Diagnostic.PATH_DOWN, BfdState.UP, true, false, false, false,
                false, 5, 1, 0xfffffffeL, 50_000, 10_000, 0,
                Optional.of(new Authentication(AuthType.KEYED_MD5, 7, 0x80000001L, digest)));
        assertThat(ControlPacketCodec.decode(ByteBuffer.wrap(GOLDEN_MD5))).isEqualTo(expected);
        assertThat(encode(expected)).containsExactly(GOLDEN_MD5);
    }

    @Test
    void goldenPasswordPacket() throws BfdCodecException {
        ControlPacket expected = new ControlPacket(1, Diagnostic.CONTROL_DETECTION_TIME_EXPIRED, BfdState.INIT,
                false, true, true, true, false, 3, 2, 3, 300_000, 300_000, 50_000,
                Optional.of(new Authentication(AuthType.SIMPLE_PASSWORD, 1, 0, "sekr".getBytes())));
        assertThat(ControlPacketCodec.decode(ByteBuffer.wrap(GOLDEN_PASSWORD))).isEqualTo(expected);
        assertThat(encode(expected)).containsExactly(GOLDEN_PASSWORD);
    }

    /** One packet per auth variant, with extreme field values, to round trip and truncate. */
    static Stream<ControlPacket> variants() {
        ControlPacket allBits = new ControlPacket(7, Diagnostic.REVERSE_CONCATENATED_PATH_DOWN, BfdState.UP, true,
                true, true, true, true, 255, 0xffffffffL, 0xffffffffL, 0xffffffffL, 0xffffffffL, 0xffffffffL,
                Optional.empty());
        return Stream.of(
                downPacket(),
                allBits,
                allBits.withAuthentication(auth(AuthType.SIMPLE_PASSWORD, 0, 1)),
                downPacket().withAuthentication(auth(AuthType.SIMPLE_PASSWORD, 0, 16)),
                downPacket().withAuthentication(auth(AuthType.KEYED_MD5, 0, 16)),
                allBits.withAuthentication(auth(AuthType.METICULOUS_KEYED_MD5, 0xffffffffL, 16)),
                downPacket().withAuthentication(auth(AuthType.KEYED_SHA1, 12345, 20)),
                allBits.withAuthentication(auth(AuthType.METICULOUS_KEYED_SHA1, 0, 20)));
    }

    private static Optional<Authentication> auth(AuthType type, long seq, int valueBytes) {
        byte[] value = new byte[valueBytes];
        for (int i = 0; i < valueBytes; i++) {
            value[i] = (byte) (0xa0 + i);
        }
        return Optional.of(new Authentication(type, 255, seq, value));
    }

    @ParameterizedTest
    @MethodSource("variants")
    void roundTrip(ControlPacket p) throws BfdCodecException {
        byte[] bytes = encode(p);
        assertThat(bytes).hasSize(ControlPacketCodec.encodedLength(p));
        assertThat(bytes[ControlPacketCodec.LENGTH] & 0xff).isEqualTo(bytes.length);
        assertThat(ControlPacketCodec.decode(ByteBuffer.wrap(bytes))).isEqualTo(p);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void everyPrefixIsRejected(ControlPacket p) {
        byte[] bytes = encode(p);
        for (int n = 0; n < bytes.length; n++) {
            ByteBuffer prefix = ByteBuffer.wrap(bytes, 0, n);
            assertThatThrownBy(() -> ControlPacketCodec.decode(prefix))
                    .as("prefix of %d bytes", n)
                    .isInstanceOf(BfdCodecException.class)
                    .hasMessageMatching(".+ \\(expected: .+\\)");
        }
    }

    @Test
    void encodedLengths() {
        assertThat(ControlPacketCodec.encodedLength(downPacket())).isEqualTo(24);
        assertThat(ControlPacketCodec.encodedLength(
                downPacket().withAuthentication(auth(AuthType.SIMPLE_PASSWORD, 0, 5)))).isEqualTo(32);
        assertThat(ControlPacketCodec.encodedLength(
                downPacket().withAuthentication(auth(AuthType.KEYED_MD5, 0, 16)))).isEqualTo(48);
        assertThat(ControlPacketCodec.encodedLength(
                downPacket().withAuthentication(auth(AuthType.KEYED_SHA1, 0, 20)))).isEqualTo(52);
    }

    @Test
    void decodeReadsFromPositionAndLeavesTheBufferAlone() throws BfdCodecException {
        byte[] framed = new byte[5 + GOLDEN_MD5.length + 7];
        System.arraycopy(GOLDEN_MD5, 0, framed, 5, GOLDEN_MD5.length);
        ByteBuffer b = ByteBuffer.allocateDirect(framed.length).put(framed).position(5)
                .order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer();
        b.limit(framed.length);
        // The 7 bytes past Length are ignored (RFC 5880 §6.8.6 only bounds Length by the payload).
        assertThat(ControlPacketCodec.decode(b)).isEqualTo(ControlPacketCodec.decode(ByteBuffer.wrap(GOLDEN_MD5)));
        assertThat(b.position()).isEqualTo(5);
        assertThat(b.limit()).isEqualTo(framed.length);
    }

    @Test
    void encodeWritesAtPositionInNetworkOrderWhateverTheBufferOrder() {
        ByteBuffer out = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN).position(3);
        ControlPacketCodec.encode(downPacket(), out);
        assertThat(out.position()).isEqualTo(27);
        byte[] written = new byte[24];
        out.get(3, written);
        assertThat(written).containsExactly(GOLDEN_DOWN);
    }

    @Test
    void encodeOverflowWritesNothing() {
        ByteBuffer out = ByteBuffer.allocate(23);
        assertThatThrownBy(() -> ControlPacketCodec.encode(downPacket(), out))
                .isInstanceOf(java.nio.BufferOverflowException.class);
        assertThat(out.position()).isZero();
        assertThat(out.array()).containsOnly(0);
    }

    /** §6.8.6 semantic rules are the receive path's, so each discard is counted with its reason. */
    @Test
    void semanticallyInvalidPacketsStillDecode() throws BfdCodecException {
        byte[] b = GOLDEN_DOWN.clone();
        b[0] = (byte) (0x40 | 0x1f); // Vers 2, Diag 31 (reserved)
        b[1] |= 0x01;                // M bit
        b[2] = 0;                    // Detect Mult 0
        b[4] = b[5] = b[6] = b[7] = 0; // My Discriminator 0
        ControlPacket p = ControlPacketCodec.decode(ByteBuffer.wrap(b));
        assertThat(p.version()).isEqualTo(2);
        assertThat(p.diagnostic()).isEqualTo(Diagnostic.RESERVED);
        assertThat(p.multipoint()).isTrue();
        assertThat(p.detectMult()).isZero();
        assertThat(p.myDiscriminator()).isZero();
        assertThat(p.desiredMinTxMicros()).isEqualTo(1_000_000);
        // Diagnostic.RESERVED has no wire value of its own and is written as 0.
        assertThat(encode(p)[0]).isEqualTo((byte) 0x40);
    }

    @Test
    void md5ReservedByteIsIgnoredOnReceipt() throws BfdCodecException {
        byte[] b = GOLDEN_MD5.clone();
        b[27] = (byte) 0xff; // §4.3: "ignored on receipt"
        assertThat(ControlPacketCodec.decode(ByteBuffer.wrap(b)))
                .isEqualTo(ControlPacketCodec.decode(ByteBuffer.wrap(GOLDEN_MD5)));
    }

    @Test
    void lengthBeyondHeaderWithoutAuthIsAccepted() throws BfdCodecException {
        byte[] b = new byte[30];
        System.arraycopy(GOLDEN_DOWN, 0, b, 0, 24);
        b[3] = 30;
        assertThat(ControlPacketCodec.decode(ByteBuffer.wrap(b))).isEqualTo(downPacket());
    }
}
