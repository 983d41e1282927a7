package io.linkguard.probes.netlink;

import java.nio.ByteBuffer;

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
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
final class NetlinkErrorCodec {
    static final int ERROR = 0;
    static final int REQUEST_HEADER = 4;
    static final int BYTES = 4 + NetlinkHeader.BYTES;

    /**
     * @param error           0 for an ack, else {@code -errno}
     * @param requestSequence the nlmsg_seq of the request it answers
     * @param requestType     the nlmsg_type of that request
     */
    record NetlinkError(int error, int requestSequence, int requestType) {
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
                Short.toUnsignedInt(b.getShort(request + NetlinkHeader.TYPE)));
    }
}
