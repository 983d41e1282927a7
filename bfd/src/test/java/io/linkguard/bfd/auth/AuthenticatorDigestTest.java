package io.linkguard.bfd.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.bfd.BfdDropReason;
import io.linkguard.bfd.auth.Authenticator.Verdict;
import io.linkguard.bfd.packet.AuthType;
import io.linkguard.bfd.packet.Authentication;
import io.linkguard.bfd.packet.BfdCodecException;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.ControlPacket;
import io.linkguard.bfd.packet.ControlPacketCodec;
import io.linkguard.bfd.packet.Diagnostic;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Digests and passwords, RFC 5880 §6.7.2–§6.7.4. Expected digests are computed here with
 * {@link MessageDigest} over hand-assembled bytes, not through the codec.
 */
class AuthenticatorDigestTest {

    private static final byte[] KEY = "s3cret".getBytes(StandardCharsets.US_ASCII);
    private static final long SEQ = 0x11223344L;

    /** Up, A bit, Detect Mult 3, discriminators 0x01020304 / 0x0a0b0c0d, 300 ms intervals. */
    static ControlPacket upPacket() {
        return new ControlPacket(1, Diagnostic.NONE, BfdState.UP, false, false, false, false, false, 3,
                0x01020304L, 0x0a0b0c0dL, 300_000, 300_000, 0, Optional.empty());
    }

    /** The wire bytes of {@link #upPacket()} with a digest-type auth section holding {@code field}. */
    private static byte[] handAssembled(AuthType type, int keyId, byte[] field) {
        int length = 24 + 8 + field.length;
        byte[] b = {
            0x20,                               // Vers 1, Diag 0
            (byte) 0xc4,                        // Sta Up (11), A bit
            0x03,                               // Detect Mult 3
            (byte) length,                      // Length 48 (MD5) or 52 (SHA1)
            0x01, 0x02, 0x03, 0x04,             // My Discriminator
            0x0a, 0x0b, 0x0c, 0x0d,             // Your Discriminator
            0x00, 0x04, (byte) 0x93, (byte) 0xe0, // Desired Min TX 300000 us
            0x00, 0x04, (byte) 0x93, (byte) 0xe0, // Required Min RX 300000 us
            0x00, 0x00, 0x00, 0x00,             // Required Min Echo RX 0
            (byte) type.wire(),                 // Auth Type
            (byte) (8 + field.length),          // Auth Len 24 or 28
            (byte) keyId,                       // Auth Key ID
            0x00,                               // Reserved
            0x11, 0x22, 0x33, 0x44,             // Sequence Number 0x11223344
        };
        byte[] packet = Arrays.copyOf(b, length);
        System.arraycopy(field, 0, packet, 32, field.length);
        return packet;
    }

    private static byte[] digest(String algorithm, byte[] bytes) throws Exception {
        return MessageDigest.getInstance(algorithm).digest(bytes);
    }

    /** The packet as the peer sends it: digested with the padded key in place, then the digest. */
    private static byte[] expectedWire(AuthType type, String algorithm, int digestBytes) throws Exception {
        byte[] withKey = handAssembled(type, 5, Arrays.copyOf(KEY, digestBytes));
        return handAssembled(type, 5, digest(algorithm, withKey));
    }

    private static byte[] encode(ControlPacket p) {
        ByteBuffer out = ByteBuffer.allocate(ControlPacketCodec.encodedLength(p));
        ControlPacketCodec.encode(p, out);
        return out.array();
    }

    static Verdict receive(Authenticator a, byte[] wire) throws BfdCodecException {
        ByteBuffer b = ByteBuffer.wrap(wire);
        return a.verify(b, ControlPacketCodec.decode(b));
    }

    private static Authenticator authenticator(AuthType type, int keyId, byte[] key) {
        return new Authenticator(new AuthKey(type, keyId, key), () -> SEQ);
    }

    @Test
    void signKeyedMd5MatchesAnIndependentDigest() throws Exception {
        ControlPacket signed = authenticator(AuthType.KEYED_MD5, 5, KEY).sign(upPacket());
        byte[] expected = expectedWire(AuthType.KEYED_MD5, "MD5", 16);
        assertThat(encode(signed)).containsExactly(expected);
        Authentication auth = signed.authentication().orElseThrow();
        assertThat(auth.sequenceNumber()).isEqualTo(SEQ);
        assertThat(auth.value()).containsExactly(Arrays.copyOfRange(expected, 32, 48));
    }

    @Test
    void signMeticulousSha1MatchesAnIndependentDigest() throws Exception {
        ControlPacket signed = authenticator(AuthType.METICULOUS_KEYED_SHA1, 5, KEY).sign(upPacket());
        assertThat(encode(signed)).containsExactly(expectedWire(AuthType.METICULOUS_KEYED_SHA1, "SHA-1", 20));
    }

    @Test
    void verifyAcceptsIndependentlyDigestedPackets() throws Exception {
        assertThat(receive(authenticator(AuthType.KEYED_MD5, 5, KEY), expectedWire(AuthType.KEYED_MD5, "MD5", 16)))
                .isEqualTo(Verdict.OK);
        assertThat(receive(authenticator(AuthType.METICULOUS_KEYED_MD5, 5, KEY),
                expectedWire(AuthType.METICULOUS_KEYED_MD5, "MD5", 16))).isEqualTo(Verdict.OK);
        assertThat(receive(authenticator(AuthType.KEYED_SHA1, 5, KEY), expectedWire(AuthType.KEYED_SHA1, "SHA-1", 20)))
                .isEqualTo(Verdict.OK);
    }

    @Test
    void fullLengthSha1KeyIsUsedUnpadded() throws Exception {
        byte[] key = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
        byte[] wire = handAssembled(AuthType.KEYED_SHA1, 9,
                digest("SHA-1", handAssembled(AuthType.KEYED_SHA1, 9, key)));
        Authenticator a = authenticator(AuthType.KEYED_SHA1, 9, key);
        assertThat(encode(a.sign(upPacket()))).containsExactly(wire);
        assertThat(receive(authenticator(AuthType.KEYED_SHA1, 9, key), wire)).isEqualTo(Verdict.OK);
    }

    @Test
    void wrongKeyFails() throws Exception {
        byte[] wire = expectedWire(AuthType.KEYED_MD5, "MD5", 16);
        Authenticator a = authenticator(AuthType.KEYED_MD5, 5, "s3cres".getBytes(StandardCharsets.US_ASCII));
        assertThat(receive(a, wire)).isEqualTo(Verdict.WRONG_DIGEST);
        assertThat(a.authSeqKnown()).isFalse();
        // The key is zero-padded, so a key with an explicit trailing zero is the same key.
        Authenticator padded = authenticator(AuthType.KEYED_MD5, 5, Arrays.copyOf(KEY, KEY.length + 1));
        assertThat(receive(padded, wire)).isEqualTo(Verdict.OK);
    }

    @Test
    void anyChangedByteFailsTheDigest() throws Exception {
        byte[] wire = expectedWire(AuthType.KEYED_SHA1, "SHA-1", 20);
        // Every byte but Length (53 > datagram: the codec rejects it) and the Auth Type, Auth Len
        // and Key ID, which fail earlier checks.
        for (int i = 0; i < wire.length; i++) {
            if (i == ControlPacketCodec.LENGTH || (i >= 24 && i <= 26)) {
                continue;
            }
            byte[] tampered = wire.clone();
            tampered[i] ^= 0x01;
            assertThat(receive(authenticator(AuthType.KEYED_SHA1, 5, KEY), tampered)).as("byte %d", i)
                    .isEqualTo(Verdict.WRONG_DIGEST);
        }
    }

    @Test
    void digestCoversTheWholeLengthNotTheDatagram() throws Exception {
        byte[] wire = Arrays.copyOf(expectedWire(AuthType.KEYED_MD5, "MD5", 16), 60);
        Arrays.fill(wire, 48, 60, (byte) 0x5a); // bytes past Length: not part of the packet
        assertThat(receive(authenticator(AuthType.KEYED_MD5, 5, KEY), wire)).isEqualTo(Verdict.OK);
    }

    @Test
    void keyIdMismatchFails() throws Exception {
        assertThat(receive(authenticator(AuthType.KEYED_MD5, 6, KEY), expectedWire(AuthType.KEYED_MD5, "MD5", 16)))
                .isEqualTo(Verdict.WRONG_KEY_ID);
    }

    @Test
    void typeMismatchFails() throws Exception {
        byte[] md5 = expectedWire(AuthType.KEYED_MD5, "MD5", 16);
        assertThat(receive(authenticator(AuthType.METICULOUS_KEYED_MD5, 5, KEY), md5)).isEqualTo(Verdict.WRONG_TYPE);
        assertThat(receive(authenticator(AuthType.KEYED_SHA1, 5, KEY), md5)).isEqualTo(Verdict.WRONG_TYPE);
        assertThat(receive(authenticator(AuthType.SIMPLE_PASSWORD, 5, KEY), md5)).isEqualTo(Verdict.WRONG_TYPE);
    }

    @Test
    void missingAuthSectionIsAMismatch() throws Exception {
        assertThat(receive(authenticator(AuthType.KEYED_MD5, 5, KEY), encode(upPacket())))
                .isEqualTo(Verdict.MISSING);
    }

    @Test
    void simplePasswordMatchAndMismatch() throws Exception {
        Authenticator local = authenticator(AuthType.SIMPLE_PASSWORD, 1, KEY);
        ControlPacket signed = local.sign(upPacket());
        assertThat(signed.authentication()).contains(new Authentication(AuthType.SIMPLE_PASSWORD, 1, 0, KEY));
        byte[] wire = encode(signed);
        assertThat(Arrays.copyOfRange(wire, 24, wire.length))
                .containsExactly(1, 9, 1, 's', '3', 'c', 'r', 'e', 't'); // type, Auth Len 3+6, key ID, password
        assertThat(receive(local, wire)).isEqualTo(Verdict.OK);
        for (String other : new String[] {"s3crex", "s3cre", "s3cret!", "S3CRET"}) {
            Authenticator a = authenticator(AuthType.SIMPLE_PASSWORD, 1, other.getBytes(StandardCharsets.US_ASCII));
            assertThat(receive(a, wire)).as(other).isEqualTo(Verdict.WRONG_PASSWORD);
        }
        assertThat(receive(authenticator(AuthType.SIMPLE_PASSWORD, 2, KEY), wire)).isEqualTo(Verdict.WRONG_KEY_ID);
    }

    @Test
    void verdictsMapToDropReasons() {
        assertThat(Verdict.OK.dropReason()).isEmpty();
        assertThat(Verdict.OK.accepted()).isTrue();
        assertThat(Verdict.MISSING.dropReason()).contains(BfdDropReason.AUTH_MISMATCH);
        for (Verdict v : new Verdict[] {Verdict.WRONG_TYPE, Verdict.WRONG_KEY_ID, Verdict.WRONG_PASSWORD,
            Verdict.WRONG_DIGEST}) {
            assertThat(v.dropReason()).as(v.name()).contains(BfdDropReason.AUTH_FAILED);
            assertThat(v.accepted()).isFalse();
        }
        assertThat(Verdict.REPLAY.dropReason()).contains(BfdDropReason.AUTH_REPLAY);
    }
}
