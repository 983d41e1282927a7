package io.linkguard.bfd.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.linkguard.bfd.packet.AuthType;
import io.linkguard.bfd.packet.BfdCodecException;
import io.linkguard.bfd.packet.ControlPacket;
import io.linkguard.bfd.packet.ControlPacketCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Fuzz test for {@link Authenticator#verifyReceived} on what the codec accepts: the codec may
 * throw {@link BfdCodecException} (its documented type, caught here); verify documents no
 * exception and must return a verdict for any decoded packet, under every auth type, without
 * moving the buffer. Regression inputs:
 * {@code src/test/resources/io/linkguard/bfd/auth/AuthenticatorFuzzTestInputs/verify/}.
 */
class AuthenticatorFuzzTest {
    private static final byte[] KEY = "fuzz-key".getBytes(StandardCharsets.US_ASCII);

    @FuzzTest(maxDuration = "2m")
    void verify(byte[] input) {
        ByteBuffer b = ByteBuffer.wrap(input).asReadOnlyBuffer();
        ControlPacket p;
        try {
            p = ControlPacketCodec.decode(b);
        } catch (BfdCodecException e) {
            return;
        }
        long now = 0;
        for (AuthType type : AuthType.values()) {
            Authenticator a = new Authenticator(new AuthKey(type, 1, KEY), () -> 0L);
            for (int i = 0; i < 2; i++) { // twice: the second runs with sequence knowledge
                Authenticator.Verdict v = a.verifyReceived(b, p, now);
                assertThat(v.accepted() || v.dropReason().isPresent()).isTrue();
                now += 1_000_000;
            }
            a.expireSequenceKnowledge(now, 1);
            assertThat(b.position()).isZero();
        }
    }

    @Test
    void seedDirectoryExists() {
        assertThat(AuthenticatorFuzzTest.class.getResource("AuthenticatorFuzzTestInputs/verify")).isNotNull();
    }
}
