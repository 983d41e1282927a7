package io.linkguard.bfd.packet;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Encodes and decodes BFD Control packets, RFC 5880 §4.1, with the optional authentication
 * section of §4.2 (simple password), §4.3 (keyed MD5) and §4.4 (keyed SHA1).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Vers |  Diag   |Sta|P|F|C|A|D|M|  Detect Mult  |    Length     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       My Discriminator                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Your Discriminator                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Desired Min TX Interval                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   Required Min RX Interval                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Required Min Echo RX Interval                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * An optional Authentication Section MAY be present (A bit set):
 *
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Auth Type   |   Auth Len    |  Auth Key ID  |  Password...  |   §4.2, type 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Auth Type   |   Auth Len    |  Auth Key ID  |   Reserved    |   §4.3 (types 2, 3),
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+   §4.4 (types 4, 5)
 * |                        Sequence Number                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Auth Key/Digest (16 bytes) or Hash (20 bytes)...    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Structural checks only. The semantic discards of §6.8.6 (version, Detect Mult zero,
 * Multipoint, zero discriminators, A bit versus the session's auth) belong to the reception
 * rules, so each is counted with its own {@code BfdDropReason}. A packet whose version is not 1
 * is still decoded with the version 1 layout.
 *
 * <p>Byte order: fields are read and written byte by byte in network order, so the order set
 * on the caller's buffer does not matter. {@link #decode} reads {@code [position, limit)} by
 * absolute index and never changes position, limit or mark; {@link #encode} writes at
 * {@code out.position()} and advances it past the packet.
 */
public final class ControlPacketCodec {

    /** §4.1: the mandatory section is 24 bytes; the minimum Length with the A bit clear. */
    public static final int HEADER_BYTES = 24;
    /** §6.8.6: the minimum Length with the A bit set (Auth Type and Auth Len must be present). */
    public static final int MIN_LENGTH_WITH_AUTH = 26;

    // §4.1 header offsets.
    private static final int VERS_DIAG = 0;
    private static final int STA_FLAGS = 1;
    private static final int DETECT_MULT = 2;
    /** §4.1 "Length": the length of the whole Control packet in bytes. */
    public static final int LENGTH = 3;
    private static final int MY_DISCRIMINATOR = 4;
    private static final int YOUR_DISCRIMINATOR = 8;
    private static final int DESIRED_MIN_TX = 12;
    private static final int REQUIRED_MIN_RX = 16;
    private static final int REQUIRED_MIN_ECHO_RX = 20;

    // §4.2–§4.4 auth section offsets, from the start of the packet.
    private static final int AUTH_TYPE = 24;
    private static final int AUTH_LEN = 25;
    private static final int AUTH_KEY_ID = 26;
    /** §4.2: the password follows the key ID. */
    private static final int AUTH_PASSWORD = 27;
    /** §4.3/§4.4: one reserved byte, zero on transmit and ignored on receipt. */
    private static final int AUTH_RESERVED = 27;
    private static final int AUTH_SEQUENCE = 28;
    /** §4.3 "Auth Key/Digest", §4.4 "Auth Key/Hash": where the key goes while digesting. */
    public static final int AUTH_DIGEST = 32;

    /** §4.2: Auth Len = 3 + password length; the password is 1 to 16 bytes. */
    private static final int PASSWORD_OVERHEAD = 3;
    public static final int MAX_PASSWORD_BYTES = 16;
    /** §4.3: Auth Len is 24 for (Meticulous) Keyed MD5; the digest is 16 bytes. */
    public static final int MD5_DIGEST_BYTES = 16;
    /** §4.4: Auth Len is 28 for (Meticulous) Keyed SHA1; the hash is 20 bytes. */
    public static final int SHA1_DIGEST_BYTES = 20;
    private static final int DIGEST_OVERHEAD = AUTH_DIGEST - AUTH_TYPE;

    // Bits of byte 1 (§4.1): Sta(2) P F C A D M.
    private static final int FLAG_POLL = 0x20;
    private static final int FLAG_FINAL = 0x10;
    private static final int FLAG_CPI = 0x08;
    private static final int FLAG_AUTH = 0x04;
    private static final int FLAG_DEMAND = 0x02;
    private static final int FLAG_MULTIPOINT = 0x01;

    private static final long U32_MAX = 0xffff_ffffL;

    private ControlPacketCodec() {}

    /**
     * Decodes the Control packet in {@code [datagram.position(), datagram.limit())}. Bytes past
     * the Length field are ignored; the buffer's position, limit and mark are left unchanged.
     *
     * @throws BfdCodecException if the bytes are not structurally a Control packet
     */
    public static ControlPacket decode(ByteBuffer datagram) throws BfdCodecException {
        int base = datagram.position();
        int available = datagram.remaining();
        if (available < HEADER_BYTES) {
            throw BfdCodecException.of("BFD datagram " + available + " bytes", ">= " + HEADER_BYTES);
        }
        int flags = u8(datagram, base + STA_FLAGS);
        boolean authPresent = (flags & FLAG_AUTH) != 0;
        int length = u8(datagram, base + LENGTH);
        // RFC 5880 §6.8.6: "If the Length field is less than the minimum correct value (24 if the
        // A bit is clear, or 26 if the A bit is set), the packet MUST be discarded."
        if (length < HEADER_BYTES) {
            throw BfdCodecException.of("BFD length " + length, ">= " + HEADER_BYTES);
        }
        if (authPresent && length < MIN_LENGTH_WITH_AUTH) {
            throw BfdCodecException.of("BFD length " + length, ">= " + MIN_LENGTH_WITH_AUTH + " with the A bit set");
        }
        // RFC 5880 §6.8.6: "If the Length field is greater than the payload of the encapsulating
        // protocol, the packet MUST be discarded."
        if (length > available) {
            throw BfdCodecException.of("BFD length " + length, "<= " + available + ", the datagram size");
        }
        Optional<Authentication> auth =
                authPresent ? Optional.of(decodeAuth(datagram, base, length)) : Optional.empty();
        int versDiag = u8(datagram, base + VERS_DIAG);
        return new ControlPacket(versDiag >>> 5, Diagnostic.fromWire(versDiag), BfdState.fromWire(flags >>> 6),
                (flags & FLAG_POLL) != 0, (flags & FLAG_FINAL) != 0, (flags & FLAG_CPI) != 0,
                (flags & FLAG_DEMAND) != 0, (flags & FLAG_MULTIPOINT) != 0, u8(datagram, base + DETECT_MULT),
                u32(datagram, base + MY_DISCRIMINATOR), u32(datagram, base + YOUR_DISCRIMINATOR),
                u32(datagram, base + DESIRED_MIN_TX), u32(datagram, base + REQUIRED_MIN_RX),
                u32(datagram, base + REQUIRED_MIN_ECHO_RX), auth);
    }

    /** Decodes the auth section; the caller has checked {@code 26 <= length <= remaining}. */
    private static Authentication decodeAuth(ByteBuffer b, int base, int length) throws BfdCodecException {
        int typeWire = u8(b, base + AUTH_TYPE);
        // RFC 5880 §4.1: Auth Types 6-255 are reserved; we cannot parse or verify them.
        AuthType type = AuthType.fromWire(typeWire).orElseThrow(
                () -> BfdCodecException.of("BFD auth type " + typeWire, "1..5"));
        int authLen = u8(b, base + AUTH_LEN);
        int expectedLen = switch (type) {
            case SIMPLE_PASSWORD -> -1;
            case KEYED_MD5, METICULOUS_KEYED_MD5 -> DIGEST_OVERHEAD + MD5_DIGEST_BYTES;
            case KEYED_SHA1, METICULOUS_KEYED_SHA1 -> DIGEST_OVERHEAD + SHA1_DIGEST_BYTES;
        };
        if (expectedLen < 0) {
            // RFC 5880 §4.2: the password is 1 to 16 bytes, so Auth Len is 4 to 19.
            if (authLen < PASSWORD_OVERHEAD + 1 || authLen > PASSWORD_OVERHEAD + MAX_PASSWORD_BYTES) {
                throw BfdCodecException.of("BFD auth len " + authLen + " for " + type.label(),
                        (PASSWORD_OVERHEAD + 1) + ".." + (PASSWORD_OVERHEAD + MAX_PASSWORD_BYTES));
            }
        } else if (authLen != expectedLen) {
            // RFC 5880 §4.3: Auth Len is 24 for MD5; §4.4: 28 for SHA1.
            throw BfdCodecException.of("BFD auth len " + authLen + " for " + type.label(), String.valueOf(expectedLen));
        }
        // The auth section must lie inside the packet as its Length field bounds it.
        if (AUTH_TYPE + authLen > length) {
            throw BfdCodecException.of("BFD auth len " + authLen,
                    "<= " + (length - AUTH_TYPE) + " to fit in length " + length);
        }
        int keyId = u8(b, base + AUTH_KEY_ID);
        if (type == AuthType.SIMPLE_PASSWORD) {
            return new Authentication(type, keyId, 0, bytes(b, base + AUTH_PASSWORD, authLen - PASSWORD_OVERHEAD));
        }
        return new Authentication(type, keyId, u32(b, base + AUTH_SEQUENCE),
                bytes(b, base + AUTH_DIGEST, authLen - DIGEST_OVERHEAD));
    }

    /** The number of bytes {@link #encode} writes for {@code p}: the Length field. */
    public static int encodedLength(ControlPacket p) {
        return HEADER_BYTES + p.authentication().map(ControlPacketCodec::authLen).orElse(0);
    }

    private static int authLen(Authentication a) {
        int valueBytes = a.value().length;
        return (a.type() == AuthType.SIMPLE_PASSWORD ? PASSWORD_OVERHEAD : DIGEST_OVERHEAD) + valueBytes;
    }

    /**
     * Writes {@code p} at {@code out.position()} and advances the position past it. The Length
     * field and the A bit are derived from the packet; the auth value bytes are written as given
     * (signing is {@code io.linkguard.bfd.auth.Authenticator}'s job). A diagnostic of
     * {@link Diagnostic#RESERVED} is written as 0, as that enum documents.
     *
     * @throws IllegalArgumentException if a field does not fit its wire width, or a password or
     *     digest has the wrong length; nothing is written then
     * @throws BufferOverflowException if {@code out} has less room than the packet needs
     */
    public static void encode(ControlPacket p, ByteBuffer out) {
        validate(p);
        int length = encodedLength(p);
        if (out.remaining() < length) {
            throw new BufferOverflowException();
        }
        int base = out.position();
        out.put(base + VERS_DIAG, (byte) (p.version() << 5 | p.diagnostic().wire()));
        int flags = p.state().wire() << 6
                | (p.poll() ? FLAG_POLL : 0) | (p.fin() ? FLAG_FINAL : 0)
                | (p.controlPlaneIndependent() ? FLAG_CPI : 0) | (p.authenticationPresent() ? FLAG_AUTH : 0)
                | (p.demand() ? FLAG_DEMAND : 0) | (p.multipoint() ? FLAG_MULTIPOINT : 0);
        out.put(base + STA_FLAGS, (byte) flags);
        out.put(base + DETECT_MULT, (byte) p.detectMult());
        out.put(base + LENGTH, (byte) length);
        putU32(out, base + MY_DISCRIMINATOR, p.myDiscriminator());
        putU32(out, base + YOUR_DISCRIMINATOR, p.yourDiscriminator());
        putU32(out, base + DESIRED_MIN_TX, p.desiredMinTxMicros());
        putU32(out, base + REQUIRED_MIN_RX, p.requiredMinRxMicros());
        putU32(out, base + REQUIRED_MIN_ECHO_RX, p.requiredMinEchoRxMicros());
        if (p.authentication().isPresent()) {
            Authentication a = p.authentication().get();
            byte[] value = a.value();
            out.put(base + AUTH_TYPE, (byte) a.type().wire());
            out.put(base + AUTH_LEN, (byte) authLen(a));
            out.put(base + AUTH_KEY_ID, (byte) a.keyId());
            if (a.type() == AuthType.SIMPLE_PASSWORD) {
                out.put(base + AUTH_PASSWORD, value);
            } else {
                // RFC 5880 §4.3/§4.4: "Reserved: This byte MUST be set to zero on transmit".
                out.put(base + AUTH_RESERVED, (byte) 0);
                putU32(out, base + AUTH_SEQUENCE, a.sequenceNumber());
                out.put(base + AUTH_DIGEST, value);
            }
        }
        out.position(base + length);
    }

    private static void validate(ControlPacket p) {
        checkRange("version", p.version(), 0, 7);
        checkRange("detectMult", p.detectMult(), 0, 255);
        checkRange("myDiscriminator", p.myDiscriminator(), 0, U32_MAX);
        checkRange("yourDiscriminator", p.yourDiscriminator(), 0, U32_MAX);
        checkRange("desiredMinTxMicros", p.desiredMinTxMicros(), 0, U32_MAX);
        checkRange("requiredMinRxMicros", p.requiredMinRxMicros(), 0, U32_MAX);
        checkRange("requiredMinEchoRxMicros", p.requiredMinEchoRxMicros(), 0, U32_MAX);
        if (p.authentication().isEmpty()) {
            return;
        }
        Authentication a = p.authentication().get();
        checkRange("auth keyId", a.keyId(), 0, 255);
        int valueBytes = a.value().length;
        switch (a.type()) {
            case SIMPLE_PASSWORD -> {
                // §4.2 has no sequence number; a non-zero one would not survive a round trip.
                checkRange("auth sequenceNumber", a.sequenceNumber(), 0, 0);
                checkRange("password length", valueBytes, 1, MAX_PASSWORD_BYTES);
            }
            case KEYED_MD5, METICULOUS_KEYED_MD5 -> {
                checkRange("auth sequenceNumber", a.sequenceNumber(), 0, U32_MAX);
                checkRange("MD5 digest length", valueBytes, MD5_DIGEST_BYTES, MD5_DIGEST_BYTES);
            }
            case KEYED_SHA1, METICULOUS_KEYED_SHA1 -> {
                checkRange("auth sequenceNumber", a.sequenceNumber(), 0, U32_MAX);
                checkRange("SHA1 digest length", valueBytes, SHA1_DIGEST_BYTES, SHA1_DIGEST_BYTES);
            }
        }
    }

    private static void checkRange(String field, long value, long min, long max) {
        if (value < min || value > max) {
            String expected = min == max ? String.valueOf(min) : min + ".." + max;
            throw new IllegalArgumentException(field + " " + value + " (expected: " + expected + ")");
        }
    }

    private static int u8(ByteBuffer b, int index) {
        return b.get(index) & 0xff;
    }

    private static long u32(ByteBuffer b, int index) {
        return (long) u8(b, index) << 24 | u8(b, index + 1) << 16 | u8(b, index + 2) << 8 | u8(b, index + 3);
    }

    private static byte[] bytes(ByteBuffer b, int index, int count) {
        byte[] out = new byte[count];
        b.get(index, out);
        return out;
    }

    private static void putU32(ByteBuffer b, int index, long value) {
        b.put(index, (byte) (value >>> 24));
        b.put(index + 1, (byte) (value >>> 16));
        b.put(index + 2, (byte) (value >>> 8));
        b.put(index + 3, (byte) value);
    }
}
