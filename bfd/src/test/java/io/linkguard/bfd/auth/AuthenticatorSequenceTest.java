package io.linkguard.bfd.auth;

import static io.linkguard.bfd.auth.AuthenticatorDigestTest.receive;
import static io.linkguard.bfd.auth.AuthenticatorDigestTest.upPacket;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.bfd.auth.Authenticator.Verdict;
import io.linkguard.bfd.packet.AuthType;
import io.linkguard.bfd.packet.BfdCodecException;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.ControlPacket;
import io.linkguard.bfd.packet.ControlPacketCodec;
import io.linkguard.bfd.packet.Diagnostic;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Sequence numbers, RFC 5880 §6.7.3/§6.7.4 and the §6.8.1 variables. The packets carry Detect
 * Mult 3, so the replay window is 9 sequence numbers wide.
 */
class AuthenticatorSequenceTest {

    private static final byte[] KEY = "k3y".getBytes(StandardCharsets.US_ASCII);

    private static AuthKey key(AuthType type) {
        return new AuthKey(type, 1, KEY);
    }

    /** The wire bytes of a packet a peer signs with bfd.XmitAuthSeq = {@code seq}. */
    private static byte[] sentWithSeq(AuthType type, long seq) {
        ControlPacket signed = new Authenticator(key(type), () -> seq).sign(upPacket());
        ByteBuffer out = ByteBuffer.allocate(ControlPacketCodec.encodedLength(signed));
        ControlPacketCodec.encode(signed, out);
        return out.array();
    }

    private static Verdict deliver(Authenticator local, long seq) throws BfdCodecException {
        return receive(local, sentWithSeq(local.type(), seq));
    }

    private static Authenticator receiver(AuthType type) {
        return new Authenticator(key(type), () -> 0L);
    }

    @Test
    void meticulousRejectsAReplayedPacket() throws BfdCodecException {
        Authenticator local = receiver(AuthType.METICULOUS_KEYED_MD5);
        byte[] wire = sentWithSeq(AuthType.METICULOUS_KEYED_MD5, 100);
        assertThat(receive(local, wire)).isEqualTo(Verdict.OK);
        assertThat(local.authSeqKnown()).isTrue();
        assertThat(local.rcvAuthSeq()).isEqualTo(100);
        assertThat(receive(local, wire)).isEqualTo(Verdict.REPLAY);
        assertThat(deliver(local, 101)).isEqualTo(Verdict.OK);
        assertThat(deliver(local, 110)).isEqualTo(Verdict.OK); // 101 + 3 * 3
        assertThat(deliver(local, 120)).isEqualTo(Verdict.REPLAY); // 110 + 10: too far ahead
        assertThat(deliver(local, 109)).isEqualTo(Verdict.REPLAY); // below the window
        assertThat(local.rcvAuthSeq()).isEqualTo(110);
    }

    @Test
    void nonMeticulousAcceptsARepeatWithinTheWindow() throws BfdCodecException {
        Authenticator local = receiver(AuthType.KEYED_SHA1);
        byte[] wire = sentWithSeq(AuthType.KEYED_SHA1, 100);
        assertThat(receive(local, wire)).isEqualTo(Verdict.OK);
        assertThat(receive(local, wire)).isEqualTo(Verdict.OK); // same number: [RcvAuthSeq, +3*DetectMult]
        assertThat(deliver(local, 109)).isEqualTo(Verdict.OK);
        assertThat(deliver(local, 119)).isEqualTo(Verdict.REPLAY);
        assertThat(deliver(local, 108)).isEqualTo(Verdict.REPLAY); // below the window
        assertThat(receive(local, wire)).isEqualTo(Verdict.REPLAY); // the old packet, now below
    }

    @Test
    void firstPacketIsAcceptedWhateverItsSequence() throws BfdCodecException {
        Authenticator local = receiver(AuthType.KEYED_MD5);
        assertThat(local.authSeqKnown()).isFalse();
        assertThat(deliver(local, 0xdeadbeefL)).isEqualTo(Verdict.OK);
        assertThat(local.rcvAuthSeq()).isEqualTo(0xdeadbeefL);
    }

    @Test
    void windowWrapsAround2To32() throws BfdCodecException {
        Authenticator keyed = receiver(AuthType.KEYED_MD5);
        assertThat(deliver(keyed, 0xfffffffeL)).isEqualTo(Verdict.OK);
        assertThat(deliver(keyed, 0x00000001L)).isEqualTo(Verdict.OK); // 3 ahead, across the wrap
        assertThat(deliver(keyed, 0xfffffffeL)).isEqualTo(Verdict.REPLAY); // now behind
        assertThat(deliver(keyed, 0x0000000aL)).isEqualTo(Verdict.OK); // 1 + 9

        Authenticator meticulous = receiver(AuthType.METICULOUS_KEYED_SHA1);
        assertThat(deliver(meticulous, 0xffffffffL)).isEqualTo(Verdict.OK);
        assertThat(deliver(meticulous, 0L)).isEqualTo(Verdict.OK);
        assertThat(deliver(meticulous, 0xffffffffL)).isEqualTo(Verdict.REPLAY);
        assertThat(deliver(meticulous, 0xfffffff8L)).isEqualTo(Verdict.REPLAY); // far behind
    }

    @Test
    void explicitDetectMultSizesTheWindow() throws BfdCodecException {
        Authenticator local = receiver(AuthType.KEYED_MD5);
        byte[] first = sentWithSeq(AuthType.KEYED_MD5, 100);
        ByteBuffer b = ByteBuffer.wrap(first);
        assertThat(local.verify(b, ControlPacketCodec.decode(b), 1)).isEqualTo(Verdict.OK);
        byte[] far = sentWithSeq(AuthType.KEYED_MD5, 104);
        ByteBuffer f = ByteBuffer.wrap(far);
        assertThat(local.verify(f, ControlPacketCodec.decode(f), 1)).isEqualTo(Verdict.REPLAY); // window 3
        assertThat(local.verify(f, ControlPacketCodec.decode(f), 2)).isEqualTo(Verdict.OK); // window 6
    }

    @Test
    void resetSequenceKnowledgeResynchronizes() throws BfdCodecException {
        Authenticator local = receiver(AuthType.METICULOUS_KEYED_MD5);
        assertThat(deliver(local, 1000)).isEqualTo(Verdict.OK);
        assertThat(deliver(local, 5)).isEqualTo(Verdict.REPLAY); // e.g. the peer restarted
        local.resetSequenceKnowledge();
        assertThat(local.authSeqKnown()).isFalse();
        assertThat(deliver(local, 5)).isEqualTo(Verdict.OK);
        assertThat(local.rcvAuthSeq()).isEqualTo(5);
    }

    @Test
    void rejectedPacketsLeaveTheStateAlone() throws BfdCodecException {
        Authenticator local = receiver(AuthType.KEYED_MD5);
        assertThat(deliver(local, 50)).isEqualTo(Verdict.OK);
        byte[] forged = sentWithSeq(AuthType.KEYED_MD5, 55);
        forged[20] ^= 0x7f; // change the echo interval after signing
        assertThat(receive(local, forged)).isEqualTo(Verdict.WRONG_DIGEST);
        assertThat(deliver(local, 70)).isEqualTo(Verdict.REPLAY);
        assertThat(local.rcvAuthSeq()).isEqualTo(50);
    }

    @Test
    void meticulousSenderIncrementsOnEveryPacketAndWraps() {
        Authenticator a = new Authenticator(key(AuthType.METICULOUS_KEYED_MD5), () -> 0xfffffffeL);
        assertThat(a.xmitAuthSeq()).isEqualTo(0xfffffffeL);
        assertThat(seqOf(a.sign(upPacket()))).isEqualTo(0xfffffffeL);
        assertThat(seqOf(a.sign(upPacket()))).isEqualTo(0xffffffffL);
        assertThat(seqOf(a.sign(upPacket()))).isZero();
        assertThat(a.xmitAuthSeq()).isZero();
    }

    @Test
    void nonMeticulousSenderIncrementsWhenTheContentChanges() {
        Authenticator a = new Authenticator(key(AuthType.KEYED_SHA1), () -> 0xffffffffL);
        ControlPacket down = new ControlPacket(1, Diagnostic.NONE, BfdState.DOWN, false, false, false, false, false,
                3, 7, 0, 1_000_000, 1_000_000, 0, Optional.empty());
        assertThat(seqOf(a.sign(down))).isEqualTo(0xffffffffL);
        assertThat(seqOf(a.sign(down))).isEqualTo(0xffffffffL);
        assertThat(seqOf(a.sign(upPacket()))).isZero();
        // A packet that already carries an auth section is compared and signed without it.
        assertThat(seqOf(a.sign(a.sign(upPacket())))).isZero();
        assertThat(seqOf(a.sign(down))).isEqualTo(1);
    }

    @Test
    void initialSequenceComesFromTheInjectedRandom() {
        // §6.8.1: a random 32-bit start; the generator's upper bits are dropped.
        Authenticator a = new Authenticator(key(AuthType.KEYED_MD5), () -> 0x7777_0000_1234_5678L);
        assertThat(a.xmitAuthSeq()).isEqualTo(0x1234_5678L);
    }

    private static long seqOf(ControlPacket p) {
        return p.authentication().orElseThrow().sequenceNumber();
    }
}
