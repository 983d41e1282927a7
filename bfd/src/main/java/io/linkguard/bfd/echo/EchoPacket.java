package io.linkguard.bfd.echo;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A BFD Echo packet (RFC 5880 §6.4, RFC 5881 §4) as linkguard builds it: an
 * IPv4 packet from our address to our address, UDP to port 3785, TTL 255, so
 * the peer's forwarding plane sends it straight back. The payload is a local
 * matter (RFC 5880 §6.4: "the contents ... are not defined"); ours is
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Magic "LGE1"                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     My Discriminator                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Sequence Number                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Transmit time, CLOCK_REALTIME ns (64 bits)|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class EchoPacket {
    public static final int ECHO_PORT = 3785;
    public static final int MAGIC = 0x4C474531; // "LGE1"
    public static final int PAYLOAD_BYTES = 20;
    static final int IPV4_HEADER_BYTES = 20;
    static final int UDP_HEADER_BYTES = 8;
    public static final int PACKET_BYTES = IPV4_HEADER_BYTES + UDP_HEADER_BYTES + PAYLOAD_BYTES;
    private static final int TTL = 255;
    private static final int PROTO_UDP = 17;

    /** What a returned echo says. */
    public record Payload(long discriminator, long sequence, long sentEpochNanos) {
    }

    private EchoPacket() {
    }

    /** Writes the whole IPv4 packet at out's position. */
    public static void encode(Inet4Address self, int sourcePort, long discriminator, long sequence,
                              long sentEpochNanos, ByteBuffer out) {
        byte[] a = self.getAddress();
        int start = out.position();
        // RFC 791 header: version 4, IHL 5; total length; DF set so the echo never fragments.
        out.put((byte) 0x45).put((byte) 0).putShort((short) PACKET_BYTES);
        out.putShort((short) 0).putShort((short) 0x4000);
        out.put((byte) TTL).put((byte) PROTO_UDP).putShort((short) 0);
        out.put(a).put(a);
        out.putShort(start + 10, (short) checksum(out, start, IPV4_HEADER_BYTES));
        // RFC 768 UDP header; checksum over the pseudo-header.
        int udp = out.position();
        out.putShort((short) sourcePort).putShort((short) ECHO_PORT)
                .putShort((short) (UDP_HEADER_BYTES + PAYLOAD_BYTES)).putShort((short) 0);
        out.putInt(MAGIC).putInt((int) discriminator).putInt((int) sequence).putLong(sentEpochNanos);
        int sum = pseudoHeaderSum(a, UDP_HEADER_BYTES + PAYLOAD_BYTES) + onesSum(out, udp, UDP_HEADER_BYTES + PAYLOAD_BYTES);
        int c = fold(sum);
        out.putShort(udp + 6, (short) (c == 0 ? 0xffff : c));
    }

    /** Parses a received UDP payload; empty if it is not one of ours. */
    public static Optional<Payload> decodePayload(ByteBuffer udpPayload) {
        if (udpPayload.remaining() < PAYLOAD_BYTES) {
            return Optional.empty();
        }
        int p = udpPayload.position();
        if (udpPayload.getInt(p) != MAGIC) {
            return Optional.empty();
        }
        return Optional.of(new Payload(Integer.toUnsignedLong(udpPayload.getInt(p + 4)),
                Integer.toUnsignedLong(udpPayload.getInt(p + 8)), udpPayload.getLong(p + 12)));
    }

    private static int pseudoHeaderSum(byte[] addr, int udpLength) {
        int s = 0;
        for (int i = 0; i < 4; i += 2) {
            s += 2 * (((addr[i] & 0xff) << 8) | (addr[i + 1] & 0xff)); // source and destination are the same
        }
        return s + PROTO_UDP + udpLength;
    }

    static int checksum(ByteBuffer b, int offset, int length) {
        return fold(onesSum(b, offset, length));
    }

    private static int onesSum(ByteBuffer b, int offset, int length) {
        int s = 0;
        for (int i = 0; i + 1 < length; i += 2) {
            s += ((b.get(offset + i) & 0xff) << 8) | (b.get(offset + i + 1) & 0xff);
        }
        if ((length & 1) != 0) {
            s += (b.get(offset + length - 1) & 0xff) << 8;
        }
        return s;
    }

    /** RFC 1071: fold the carries and complement. */
    private static int fold(int sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return ~sum & 0xffff;
    }
}
