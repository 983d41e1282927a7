package io.linkguard.bfd.packet;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The optional authentication section, RFC 5880 §4.2 (simple password),
 * §4.3 (keyed MD5), §4.4 (keyed SHA1).
 *
 * @param type           the auth type
 * @param keyId          Auth Key ID (0..255)
 * @param sequenceNumber sequence number (MD5/SHA1 only; 0 for simple password), unsigned 32-bit
 * @param value          the password (simple), or the digest/hash as received or computed
 */
public record Authentication(AuthType type, int keyId, long sequenceNumber, byte[] value) {
    public Authentication {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Authentication a && a.type == type && a.keyId == keyId
                && a.sequenceNumber == sequenceNumber && Arrays.equals(a.value, value);
    }

    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + keyId) * 31 + Long.hashCode(sequenceNumber) * 31 + Arrays.hashCode(value);
    }

    /** Never shows the password or digest: keys must not reach logs. */
    @Override
    public String toString() {
        return "Authentication[" + type.label() + ", keyId=" + keyId + ", seq=" + sequenceNumber + ", "
                + value.length + " bytes]";
    }

    /** For tests and debugging of digests only. */
    public String valueHex() {
        return HexFormat.of().formatHex(value);
    }
}
