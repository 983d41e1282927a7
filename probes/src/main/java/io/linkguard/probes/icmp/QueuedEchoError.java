package io.linkguard.probes.icmp;

import io.linkguard.probes.net.ExtendedError;

import java.nio.ByteBuffer;

/**
 * One entry of a raw ICMP socket's error queue (IP_RECVERR / IPV6_RECVERR, ip(7)), read as
 * "which of our echo requests is this about". With MSG_ERRQUEUE the kernel hands over a
 * {@code sock_extended_err} and, as data, the start of the packet the error quotes: for an ICMP
 * error about our echo request, that request's ICMP header (type, code, checksum, identifier,
 * sequence). The one reader of such entries, for {@link IcmpSocket} and the path-MTU prober.
 *
 * @param kind       what the entry is about
 * @param error      the extended error (null only when {@code kind} is MALFORMED)
 * @param identifier the quoted echo request's identifier, or -1 unless {@code kind} is ECHO_REQUEST
 * @param sequence   the quoted echo request's sequence number, or -1 unless {@code kind} is ECHO_REQUEST
 */
public record QueuedEchoError(Kind kind, ExtendedError error, int identifier, int sequence) {
    /** What an error-queue entry is about. */
    public enum Kind {
        /** An error about one of the echo requests of this family: identifier and sequence are set. */
        ECHO_REQUEST,
        /**
         * A local error (SO_EE_ORIGIN_LOCAL, e.g. EMSGSIZE): the send that caused it already failed
         * with it, and the kernel quotes no packet (ip_local_error leaves the data empty), so it
         * is neither a malformed entry nor news about a request.
         */
        LOCAL,
        /** About another ICMP packet than an echo request: every raw ICMP socket sees those. */
        OTHER_PACKET,
        /** No extended error, or a quote too short to name a request. */
        MALFORMED
    }

    private static final int ECHO_REQUEST_V4 = 8;
    private static final int ECHO_REQUEST_V6 = 128;

    /**
     * @param error  the entry's extended error; null if the control data carried none
     * @param quoted the entry's data, {@code [position, limit)}; read with absolute indices, not modified
     * @param ipv6   whether the socket is ICMPv6
     */
    public static QueuedEchoError read(ExtendedError error, ByteBuffer quoted, boolean ipv6) {
        if (error == null) {
            return new QueuedEchoError(Kind.MALFORMED, null, -1, -1);
        }
        if (error.origin() == ExtendedError.Origin.LOCAL) {
            return new QueuedEchoError(Kind.LOCAL, error, -1, -1);
        }
        if (quoted.remaining() < IcmpCodec.ECHO_HEADER_BYTES) {
            return new QueuedEchoError(Kind.MALFORMED, error, -1, -1);
        }
        int at = quoted.position();
        int type = IcmpCodec.u8(quoted, at + IcmpCodec.ICMP_TYPE);
        if (type != (ipv6 ? ECHO_REQUEST_V6 : ECHO_REQUEST_V4)) {
            return new QueuedEchoError(Kind.OTHER_PACKET, error, -1, -1);
        }
        return new QueuedEchoError(Kind.ECHO_REQUEST, error, IcmpCodec.u16(quoted, at + IcmpCodec.ECHO_IDENTIFIER),
                IcmpCodec.u16(quoted, at + IcmpCodec.ECHO_SEQUENCE));
    }
}
