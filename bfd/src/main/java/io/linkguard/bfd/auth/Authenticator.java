package io.linkguard.bfd.auth;

import static io.linkguard.bfd.packet.ControlPacketCodec.AUTH_DIGEST;
import static io.linkguard.bfd.packet.ControlPacketCodec.HEADER_BYTES;
import static io.linkguard.bfd.packet.ControlPacketCodec.LENGTH;

import io.linkguard.bfd.BfdDropReason;
import io.linkguard.bfd.packet.AuthType;
import io.linkguard.bfd.packet.Authentication;
import io.linkguard.bfd.packet.ControlPacket;
import io.linkguard.bfd.packet.ControlPacketCodec;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Signs and verifies the authentication section of one BFD session's Control packets, RFC 5880
 * §6.7, and holds that session's sequence-number state, the §6.8.1 variables bfd.XmitAuthSeq,
 * bfd.RcvAuthSeq and bfd.AuthSeqKnown.
 *
 * <p>One instance per session, used from the session's thread only: it is not thread-safe (the
 * sequence variables and the {@link MessageDigest} are mutable).
 *
 * <p>Replay window: §6.7.3/§6.7.4 accept sequence numbers up to {@code bfd.RcvAuthSeq + 3 * Detect
 * Mult} without saying whose Detect Mult. The window exists so that packets lost in flight do not
 * lock the session out; the remote's packets are the ones that get lost, and the remote's Detect
 * Mult bounds how many can be lost before this end's detection time (§6.8.4) expires. So
 * {@link #verify(ByteBuffer, ControlPacket)} uses the received packet's Detect Mult, read only
 * after its digest has been checked; {@link #verify(ByteBuffer, ControlPacket, int)} lets the
 * session pass another value (for example its configured multiplier).
 */
public final class Authenticator {

    /** The outcome of {@link #verify}; every rejection maps to the reason it is counted under. */
    public enum Verdict {
        /** Accepted (§6.7.2–§6.7.4). */
        OK(null),
        /** §6.8.6: the A bit is clear but this session uses authentication. */
        MISSING(BfdDropReason.AUTH_MISMATCH),
        /** §6.8.6: the Auth Type differs from the session's bfd.AuthType, whose §6.7 rules apply. */
        WRONG_TYPE(BfdDropReason.AUTH_FAILED),
        /** §6.7.2–§6.7.4: the Auth Key ID matches no configured key. */
        WRONG_KEY_ID(BfdDropReason.AUTH_FAILED),
        /** §6.7.2: the password (or its length, so Auth Len) differs. */
        WRONG_PASSWORD(BfdDropReason.AUTH_FAILED),
        /** §6.7.3/§6.7.4: the digest over the packet with our key in place does not match. */
        WRONG_DIGEST(BfdDropReason.AUTH_FAILED),
        /** §6.7.3/§6.7.4: a valid digest, but the sequence number is outside the window. */
        REPLAY(BfdDropReason.AUTH_REPLAY);

        private final BfdDropReason dropReason;

        Verdict(BfdDropReason dropReason) {
            this.dropReason = dropReason;
        }

        public boolean accepted() {
            return this == OK;
        }

        /** The reason to count the discard under; empty for {@link #OK}. */
        public Optional<BfdDropReason> dropReason() {
            return Optional.ofNullable(dropReason);
        }
    }

    private static final long U32_MASK = 0xffff_ffffL;

    private final AuthKey key;
    /** §6.7.3/§6.7.4: the key padded with trailing zeros to the digest length; null for passwords. */
    private final byte[] paddedKey;
    private final MessageDigest digest;

    /** §6.8.1 bfd.XmitAuthSeq: the sequence number of the last signed packet (or the first to sign). */
    private long xmitAuthSeq;
    /** §6.8.1 bfd.RcvAuthSeq: the last sequence number received in an accepted packet. */
    private long rcvAuthSeq;
    /** §6.8.1 bfd.AuthSeqKnown. */
    private boolean authSeqKnown;
    /** Monotonic time of the last packet {@link #verifyReceived} accepted; the §6.8.1 reset runs from it. */
    private long lastAcceptedNanos;
    /** The last packet signed, auth section stripped; null before the first. */
    private ControlPacket lastSent;

    /**
     * @param key    the session's key
     * @param random source of the initial bfd.XmitAuthSeq: §6.8.1 "SHOULD be initialized to a
     *               random 32-bit value", so a restarted sender is unlikely to reuse a window
     */
    public Authenticator(AuthKey key, RandomGenerator random) {
        this.key = key;
        this.xmitAuthSeq = random.nextLong() & U32_MASK;
        this.digest = switch (key.type()) {
            case SIMPLE_PASSWORD -> null;
            case KEYED_MD5, METICULOUS_KEYED_MD5 -> messageDigest("MD5");
            case KEYED_SHA1, METICULOUS_KEYED_SHA1 -> messageDigest("SHA-1");
        };
        this.paddedKey = digest == null ? null : Arrays.copyOf(key.secret(), digest.getDigestLength());
    }

    private static MessageDigest messageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE platform must provide MD5 and SHA-1 (MessageDigest Javadoc).
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    public AuthType type() {
        return key.type();
    }

    public int keyId() {
        return key.keyId();
    }

    /** §6.8.1 bfd.XmitAuthSeq: the sequence number of the last signed packet, unsigned 32-bit. */
    public long xmitAuthSeq() {
        return xmitAuthSeq;
    }

    /** §6.8.1 bfd.RcvAuthSeq: meaningful only while {@link #authSeqKnown()}. */
    public long rcvAuthSeq() {
        return rcvAuthSeq;
    }

    /** §6.8.1 bfd.AuthSeqKnown. */
    public boolean authSeqKnown() {
        return authSeqKnown;
    }

    /**
     * Returns {@code unsigned} (any auth section it carries is replaced) with the auth section
     * to transmit.
     *
     * <ul>
     * <li>Simple password, §6.7.2: the configured key ID and password.
     * <li>Keyed MD5/SHA1, §6.7.3/§6.7.4: Sequence Number = bfd.XmitAuthSeq; the digest is MD5 or
     * SHA1 over the whole packet (Length bytes) encoded with the key, zero-padded to 16 or 20
     * bytes, in the digest field.
     * </ul>
     *
     * <p>bfd.XmitAuthSeq advances (mod 2^32) before a packet is signed: for the meticulous types
     * on every packet but the first ("MUST be incremented ... when each packet is transmitted");
     * for the others, which the RFC lets advance "occasionally", whenever the packet differs from
     * the last one signed, other than in its auth section. An identical retransmission then reuses
     * its number (replaying it changes nothing) while an old, different packet falls below the
     * peer's window.
     */
    public ControlPacket sign(ControlPacket unsigned) {
        ControlPacket body = unsigned.withAuthentication(Optional.empty());
        if (digest == null) {
            return body.withAuthentication(Optional.of(
                    new Authentication(AuthType.SIMPLE_PASSWORD, key.keyId(), 0, key.secret())));
        }
        if (lastSent != null && (key.type().meticulous() || !body.equals(lastSent))) {
            xmitAuthSeq = (xmitAuthSeq + 1) & U32_MASK;
        }
        lastSent = body;
        ControlPacket withKey = body.withAuthentication(Optional.of(
                new Authentication(key.type(), key.keyId(), xmitAuthSeq, paddedKey)));
        byte[] encoded = new byte[ControlPacketCodec.encodedLength(withKey)];
        ControlPacketCodec.encode(withKey, ByteBuffer.wrap(encoded));
        byte[] computed = digest.digest(encoded);
        Arrays.fill(encoded, (byte) 0); // it held the key
        return body.withAuthentication(Optional.of(
                new Authentication(key.type(), key.keyId(), xmitAuthSeq, computed)));
    }

    /**
     * Checks a received packet, with the replay window sized from its own Detect Mult (see the
     * class comment). Same as {@code verify(rawDatagram, decoded, decoded.detectMult())}.
     */
    public Verdict verify(ByteBuffer rawDatagram, ControlPacket decoded) {
        return verify(rawDatagram, decoded, decoded.detectMult());
    }

    /**
     * The engine's entry: {@link #verify(ByteBuffer, ControlPacket)} for a packet received at
     * {@code nowNanos} (monotonic), remembering when the last valid packet arrived so that
     * {@link #expireSequenceKnowledge} can apply the §6.8.1 rule.
     */
    public Verdict verifyReceived(ByteBuffer rawDatagram, ControlPacket decoded, long nowNanos) {
        Verdict v = verify(rawDatagram, decoded, decoded.detectMult());
        if (v.accepted()) {
            lastAcceptedNanos = nowNanos;
        }
        return v;
    }

    /**
     * Checks a received packet against §6.7.2 (simple password) or §6.7.3/§6.7.4 (keyed MD5/SHA1)
     * and, if it is accepted, advances bfd.RcvAuthSeq and sets bfd.AuthSeqKnown.
     *
     * <p>The digest is checked before the sequence number, so {@link Verdict#REPLAY} is reported
     * only for packets that really were signed with our key: forgeries count as
     * {@link Verdict#WRONG_DIGEST}.
     *
     * @param rawDatagram      the datagram as received, {@code [position, limit)}; not modified
     * @param decoded          {@link ControlPacketCodec#decode} of {@code rawDatagram}
     * @param windowDetectMult the Detect Mult that sizes the replay window, 3 times it
     */
    public Verdict verify(ByteBuffer rawDatagram, ControlPacket decoded, int windowDetectMult) {
        if (decoded.authentication().isEmpty()) {
            return Verdict.MISSING;
        }
        Authentication auth = decoded.authentication().get();
        // §6.8.6: "the packet MUST be authenticated under the rules of section 6.7, based on the
        // authentication type in use (bfd.AuthType)": a packet of another type cannot pass them.
        if (auth.type() != key.type()) {
            return Verdict.WRONG_TYPE;
        }
        // §6.7.2–§6.7.4: "If the Auth Key ID field does not match the ID of a configured
        // [password/authentication key], the received packet MUST be discarded."
        if (auth.keyId() != key.keyId()) {
            return Verdict.WRONG_KEY_ID;
        }
        if (digest == null) {
            // §6.7.2: Auth Len must equal password length + 3 and the password must match; equal
            // arrays cover both. isEqual takes the same time wherever the first difference is.
            return MessageDigest.isEqual(auth.value(), key.secret()) ? Verdict.OK : Verdict.WRONG_PASSWORD;
        }
        if (!digestMatches(rawDatagram)) {
            return Verdict.WRONG_DIGEST;
        }
        long seq = auth.sequenceNumber();
        if (authSeqKnown && !inWindow(seq, windowDetectMult)) {
            return Verdict.REPLAY;
        }
        // §6.7.3/§6.7.4: on acceptance set bfd.AuthSeqKnown and bfd.RcvAuthSeq to the received value.
        authSeqKnown = true;
        rcvAuthSeq = seq;
        return Verdict.OK;
    }

    /**
     * §6.7.3/§6.7.4: with bfd.AuthSeqKnown, accept sequence numbers from bfd.RcvAuthSeq (keyed) or
     * bfd.RcvAuthSeq+1 (meticulous) to bfd.RcvAuthSeq+3*Detect Mult inclusive, in the circular
     * unsigned 32-bit space.
     */
    private boolean inWindow(long seq, int windowDetectMult) {
        long ahead = (seq - rcvAuthSeq) & U32_MASK;
        long window = 3L * windowDetectMult;
        return ahead <= window && (ahead >= 1 || !key.type().meticulous());
    }

    /**
     * §6.7.3/§6.7.4: replace the Auth Key/Digest field with our padded key and digest the entire
     * packet, Length bytes of the raw datagram as received (the Reserved byte included).
     */
    private boolean digestMatches(ByteBuffer raw) {
        int base = raw.position();
        int digestBytes = paddedKey.length;
        if (raw.remaining() < HEADER_BYTES) {
            return false;
        }
        int length = raw.get(base + LENGTH) & 0xff;
        if (length > raw.remaining() || length < AUTH_DIGEST + digestBytes) {
            return false;
        }
        byte[] packet = new byte[length];
        raw.get(base, packet);
        byte[] received = Arrays.copyOfRange(packet, AUTH_DIGEST, AUTH_DIGEST + digestBytes);
        System.arraycopy(paddedKey, 0, packet, AUTH_DIGEST, digestBytes);
        byte[] computed = digest.digest(packet);
        Arrays.fill(packet, (byte) 0); // it held the key
        return MessageDigest.isEqual(computed, received);
    }

    /**
     * Clears bfd.AuthSeqKnown, so the next packet with a valid digest is accepted whatever its
     * sequence number. Only for a new session or a test: the engine uses
     * {@link #expireSequenceKnowledge}, never a state change (a session going Down must keep its
     * knowledge, or a recorded packet would be accepted again right after the Down).
     */
    public void resetSequenceKnowledge() {
        authSeqKnown = false;
    }

    /**
     * RFC 5880 §6.8.1: bfd.AuthSeqKnown "MUST be set to zero after no packets have been received
     * on this session for at least twice the Detection Time", so that a peer that restarted with
     * a fresh random sequence number can resynchronize. Only then: not on a transition to Down,
     * which would reopen the window to a replay of any recorded packet.
     *
     * @param nowNanos          monotonic time, the clock {@link #verifyReceived} was given
     * @param detectionTimeNanos the session's Detection Time when it last received a valid packet
     * @return whether the knowledge was cleared now
     */
    public boolean expireSequenceKnowledge(long nowNanos, long detectionTimeNanos) {
        if (!authSeqKnown || detectionTimeNanos <= 0 || nowNanos - lastAcceptedNanos < 2 * detectionTimeNanos) {
            return false;
        }
        authSeqKnown = false;
        return true;
    }
}
