package io.linkguard.bfd.auth;

import static io.linkguard.bfd.auth.AuthenticatorDigestTest.upPacket;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.bfd.auth.Authenticator.Verdict;
import io.linkguard.bfd.packet.AuthType;
import io.linkguard.bfd.packet.BfdCodecException;
import io.linkguard.bfd.packet.ControlPacket;
import io.linkguard.bfd.packet.ControlPacketCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 5880 §6.8.1: bfd.AuthSeqKnown "MUST be set to zero after no packets have been received on
 * this session for at least twice the Detection Time" — and not before. On a fake clock.
 */
class AuthenticatorExpiryTest {
    private static final long MS = 1_000_000L;
    private static final long DETECTION_NANOS = 300 * MS;
    private static final byte[] KEY = "k3y".getBytes(StandardCharsets.US_ASCII);

    private static byte[] sentWithSeq(AuthType type, long seq) {
        ControlPacket signed = new Authenticator(new AuthKey(type, 1, KEY), () -> seq).sign(upPacket());
        ByteBuffer out = ByteBuffer.allocate(ControlPacketCodec.encodedLength(signed));
        ControlPacketCodec.encode(signed, out);
        return out.array();
    }

    private static Verdict deliver(Authenticator a, byte[] wire, long nowNanos) throws BfdCodecException {
        ByteBuffer b = ByteBuffer.wrap(wire);
        return a.verifyReceived(b, ControlPacketCodec.decode(b), nowNanos);
    }

    @ParameterizedTest
    @EnumSource(value = AuthType.class, names = {"KEYED_MD5", "KEYED_SHA1", "METICULOUS_KEYED_MD5",
            "METICULOUS_KEYED_SHA1"})
    void knowledgeOutlivesTheDetectionTimeAndExpiresAtTwiceIt(AuthType type) throws BfdCodecException {
        Authenticator local = new Authenticator(new AuthKey(type, 1, KEY), () -> 0L);
        byte[] recorded = sentWithSeq(type, 100);
        assertThat(deliver(local, recorded, 0)).isEqualTo(Verdict.OK);
        assertThat(deliver(local, sentWithSeq(type, 102), 10 * MS)).isEqualTo(Verdict.OK);

        // One Detection Time of silence: the session goes Down, the knowledge stays.
        assertThat(local.expireSequenceKnowledge(10 * MS + DETECTION_NANOS, DETECTION_NANOS)).isFalse();
        assertThat(local.expireSequenceKnowledge(10 * MS + 2 * DETECTION_NANOS - 1, DETECTION_NANOS)).isFalse();
        assertThat(local.authSeqKnown()).isTrue();
        assertThat(deliver(local, recorded, 10 * MS + 2 * DETECTION_NANOS - 1)).isEqualTo(Verdict.REPLAY);

        // 2 x Detection Time without a valid packet (the replay above was not one): a restarted
        // peer may resynchronize with any sequence number.
        assertThat(local.expireSequenceKnowledge(10 * MS + 2 * DETECTION_NANOS, DETECTION_NANOS)).isTrue();
        assertThat(local.authSeqKnown()).isFalse();
        assertThat(deliver(local, sentWithSeq(type, 5), 10 * MS + 2 * DETECTION_NANOS)).isEqualTo(Verdict.OK);
    }
}
