package io.linkguard.bfd.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkguard.bfd.packet.AuthType;
import io.linkguard.bfd.packet.Authentication;
import io.linkguard.bfd.packet.ControlPacket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AuthKeyTest {

    private static final String SECRET = "Tr0ub4dor&3";
    private static final byte[] SECRET_BYTES = SECRET.getBytes(StandardCharsets.US_ASCII);

    @Test
    void toStringNeverShowsTheSecret() {
        for (AuthType type : AuthType.values()) {
            AuthKey key = new AuthKey(type, 4, SECRET_BYTES);
            assertThat(key.toString())
                    .isEqualTo("AuthKey[" + type.label() + ", keyId=4, secret=<redacted>]")
                    .doesNotContain(SECRET)
                    .doesNotContain(HexFormat.of().formatHex(SECRET_BYTES));
        }
    }

    @Test
    void authenticationToStringNeverShowsThePasswordOrDigest() {
        Authenticator a = new Authenticator(new AuthKey(AuthType.SIMPLE_PASSWORD, 4, SECRET_BYTES), new Random(1));
        ControlPacket signed = a.sign(AuthenticatorDigestTest.upPacket());
        Authentication auth = signed.authentication().orElseThrow();
        assertThat(auth.toString()).doesNotContain(SECRET).doesNotContain(auth.valueHex());
        assertThat(signed.toString()).doesNotContain(SECRET);
    }

    @Test
    void secretIsCopiedInAndOut() {
        byte[] secret = SECRET_BYTES.clone();
        AuthKey key = new AuthKey(AuthType.KEYED_MD5, 1, secret);
        secret[0] = 'X';
        key.secret()[1] = 'Y';
        assertThat(key.secret()).containsExactly(SECRET_BYTES);
        assertThat(key).isEqualTo(new AuthKey(AuthType.KEYED_MD5, 1, SECRET_BYTES));
    }

    @Test
    void rejectsBadLengthsAndKeyIdsWithoutShowingTheSecret() {
        assertThatThrownBy(() -> new AuthKey(AuthType.SIMPLE_PASSWORD, 1, new byte[0]))
                .hasMessage("simple-password secret 0 bytes (expected: 1..16)");
        assertThatThrownBy(() -> new AuthKey(AuthType.KEYED_MD5, 1, "0123456789abcdefX".getBytes()))
                .hasMessage("keyed-md5 secret 17 bytes (expected: 1..16)")
                .hasMessageNotContaining("0123");
        assertThatThrownBy(() -> new AuthKey(AuthType.KEYED_SHA1, 1, new byte[21]))
                .hasMessage("keyed-sha1 secret 21 bytes (expected: 1..20)");
        assertThatThrownBy(() -> new AuthKey(AuthType.KEYED_SHA1, -1, SECRET_BYTES))
                .hasMessage("auth key ID -1 (expected: 0..255)");
        assertThat(new AuthKey(AuthType.KEYED_SHA1, 255, new byte[20]).keyId()).isEqualTo(255);
    }
}
