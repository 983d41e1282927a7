package io.linkguard.probes.netlink;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * NLMSG_ERROR: {@code struct nlmsgerr} (netlink(7)) after the {@link NetlinkHeader}; error 0 is an
 * acknowledgement (NLM_F_ACK), a negative error is {@code -errno}:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                            error                              |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          the request's nlmsghdr (16 bytes), then its          |  4
 * |          payload unless NLM_F_CAPPED, then extended-ack TLVs  |
 * |          if NLM_F_ACK_TLVS (NETLINK_EXT_ACK set on the socket)  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The extended ack's NLMSGERR_ATTR_MSG is the kernel's own text ("Nexthop has invalid gateway"),
 * kept for the operator. A malformed TLV there costs only that text, never the errno.
 */
final class NetlinkErrorCodec {
    static final int ERROR = 0;
    static final int REQUEST_HEADER = 4;
    static final int BYTES = 4 + NetlinkHeader.BYTES;
    /** nlmsg_flags of an NLMSG_ERROR: the request's payload was left out. */
    static final int NLM_F_CAPPED = 0x100;
    /** nlmsg_flags of an NLMSG_ERROR: extended-ack TLVs follow the request. */
    static final int NLM_F_ACK_TLVS = 0x200;
    /** The extended ack's text attribute (netlink.h enum nlmsgerr_attrs). */
    static final int NLMSGERR_ATTR_MSG = 1;

    /**
     * @param error           0 for an ack, else {@code -errno}
     * @param requestSequence the nlmsg_seq of the request it answers
     * @param requestType     the nlmsg_type of that request
     * @param kernelMessage   the extended ack's text, if the kernel sent one
     */
    record NetlinkError(int error, int requestSequence, int requestType, Optional<String> kernelMessage) {
        boolean ack() {
            return error == 0;
        }
    }

    private NetlinkErrorCodec() {
    }

    static NetlinkError decode(ByteBuffer b, int offset, NetlinkHeader h) throws NetlinkCodecException {
        int body = offset + NetlinkHeader.BYTES;
        int end = offset + h.length();
        if (end - body < BYTES) {
            throw NetlinkCodecException.of("NLMSG_ERROR body of " + (end - body) + " bytes", ">= " + BYTES);
        }
        int error = b.getInt(body + ERROR);
        if (error > 0) {
            throw NetlinkCodecException.of("NLMSG_ERROR error " + error, "<= 0");
        }
        int request = body + REQUEST_HEADER;
        return new NetlinkError(error, b.getInt(request + NetlinkHeader.SEQ),
                Short.toUnsignedInt(b.getShort(request + NetlinkHeader.TYPE)), kernelMessage(b, request, end, h));
    }

    private static Optional<String> kernelMessage(ByteBuffer b, int request, int end, NetlinkHeader h) {
        if ((h.flags() & NLM_F_ACK_TLVS) == 0) {
            return Optional.empty();
        }
        long requestLength = Integer.toUnsignedLong(b.getInt(request + NetlinkHeader.LEN));
        long tlvs = (h.flags() & NLM_F_CAPPED) != 0 ? request + NetlinkHeader.BYTES
                : request + ((requestLength + NetlinkHeader.ALIGNTO - 1) & ~(NetlinkHeader.ALIGNTO - 1L));
        if (requestLength < NetlinkHeader.BYTES || tlvs > end) {
            return Optional.empty();
        }
        String[] text = new String[1];
        try {
            RtAttributes.forEach(b, (int) tlvs, end, (type, off, len) -> {
                if (type == NLMSGERR_ATTR_MSG) {
                    text[0] = RtAttributes.string(b, off, len);
                }
            });
        } catch (NetlinkCodecException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(text[0]).filter(t -> !t.isBlank());
    }
}
