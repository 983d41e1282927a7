package io.linkguard.bfd.auth;

import io.linkguard.bfd.packet.AuthType;
import io.linkguard.bfd.packet.ControlPacketCodec;
import java.util.Arrays;
import java.util.Objects;

/**
 * One configured BFD authentication key (RFC 5880 §6.7): the type, the Auth Key ID it is sent
 * and accepted under, and the secret: the password for simple password auth (§6.7.2), the key
 * for keyed MD5 (§6.7.3) or keyed SHA1 (§6.7.4).
 *
 * <p>The secret is copied in and out, so no caller can change it under a session, and
 * {@link #toString()} never shows it: keys must not reach logs.
 *
 * @param type   the authentication type
 * @param keyId  Auth Key ID, 0..255 (§4.2–§4.4: one byte)
 * @param secret 1..16 bytes for a password (§4.2) or an MD5 key (§6.7.3: it must fit the
 *               16-byte digest field it is padded into), 1..20 bytes for a SHA1 key (§6.7.4)
 */
public record AuthKey(AuthType type, int keyId, byte[] secret) {

    public AuthKey {
        Objects.requireNonNull(type, "type");
        if (keyId < 0 || keyId > 255) {
            throw new IllegalArgumentException("auth key ID " + keyId + " (expected: 0..255)");
        }
        int max = maxSecretBytes(type);
        if (secret.length < 1 || secret.length > max) {
            // The length only: the secret itself never goes into a message.
            throw new IllegalArgumentException(
                    type.label() + " secret " + secret.length + " bytes (expected: 1.." + max + ")");
        }
        secret = secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /**
     * The longest secret {@code type} allows: 16 for a password (§4.2) and an MD5 key (§6.7.3),
     * 20 for a SHA1 key (§6.7.4).
     */
    public static int maxSecretBytes(AuthType type) {
        return switch (type) {
            case SIMPLE_PASSWORD -> ControlPacketCodec.MAX_PASSWORD_BYTES;
            case KEYED_MD5, METICULOUS_KEYED_MD5 -> ControlPacketCodec.MD5_DIGEST_BYTES;
            case KEYED_SHA1, METICULOUS_KEYED_SHA1 -> ControlPacketCodec.SHA1_DIGEST_BYTES;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthKey k && k.type == type && k.keyId == keyId && Arrays.equals(k.secret, secret);
    }

    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + keyId) * 31 + Arrays.hashCode(secret);
    }

    /** Never shows the secret, nor its length. */
    @Override
    public String toString() {
        return "AuthKey[" + type.label() + ", keyId=" + keyId + ", secret=<redacted>]";
    }
}
