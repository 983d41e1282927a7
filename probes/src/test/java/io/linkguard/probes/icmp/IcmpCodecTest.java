package io.linkguard.probes.icmp;

import static io.linkguard.probes.icmp.IcmpPackets.bytes;
import static io.linkguard.probes.icmp.IcmpPackets.echo;
import static io.linkguard.probes.icmp.IcmpPackets.ipv4;
import static io.linkguard.probes.icmp.IcmpPackets.prefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IcmpCodecTest {

    /** Echo request, id 0x1234, seq 1, 4 payload bytes; checksum computed independently. */
    private static final byte[] GOLDEN_REQUEST_V4 = bytes(
            0x08, 0x00,             // type 8 Echo Request, code 0
            0xc3, 0xa6,             // checksum: ~(0800 + 1234 + 0001 + 1011 + 1213) = ~3c59
            0x12, 0x34,             // identifier
            0x00, 0x01,             // sequence number
            0x10, 0x11, 0x12, 0x13); // data: the 0x10 + i pattern

    /** What a raw IPv4 ICMP socket returns for the reply to GOLDEN_REQUEST_V4. */
    private static final byte[] GOLDEN_REPLY_V4 = bytes(
            0x45,                   // version 4, IHL 5 words
            0x00,                   // DSCP / ECN
            0x00, 0x20,             // total length 32 = 20 + 12
            0xab, 0xcd,             // identification
            0x40, 0x00,             // flags DF, fragment offset 0
            0x39,                   // TTL 57
            0x01,                   // protocol 1 ICMP
            0x11, 0xaa,             // header checksum (not verified by the codec)
            0xc0, 0x00, 0x02, 0x64, // source 192.0.2.100
            0xc0, 0x00, 0x02, 0x01, // destination 192.0.2.1
            0x00, 0x00,             // type 0 Echo Reply, code 0
            0xcb, 0xa6,             // ICMP checksum: ~(0000 + 1234 + 0001 + 1011 + 1213) = ~3459
            0x12, 0x34,             // identifier
            0x00, 0x01,             // sequence number
            0x10, 0x11, 0x12, 0x13); // data echoed back

    @Test
    void encodesTheGoldenV4EchoRequest() {
        ByteBuffer out = ByteBuffer.allocate(20).position(3);
        IcmpCodec.encodeEchoRequestV4(0x1234, 1, 4, out);
        assertThat(out.position()).isEqualTo(3 + 12);
        assertThat(Arrays.copyOfRange(out.array(), 3, 15))
                .containsExactly(GOLDEN_REQUEST_V4);
        assertThat(InternetChecksum.checksum(out, 3, 12)).isZero();
    }

    @Test
    void encodesV6EchoRequestWithZeroChecksum() {
        ByteBuffer out = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        IcmpCodec.encodeEchoRequestV6(0x1234, 0xfffe, 4, out);
        assertThat(out.position()).isEqualTo(12);
        assertThat(out.array())
                .containsExactly(0x80, 0x00, 0x00, 0x00, 0x12, 0x34, 0xff, 0xfe, 0x10, 0x11, 0x12, 0x13);
    }

    @Test
    void decodesTheGoldenV4EchoReply() throws IcmpCodecException {
        IcmpMessage m = IcmpCodec.decodeV4(ByteBuffer.wrap(GOLDEN_REPLY_V4));
        assertThat(m).isEqualTo(new IcmpMessage(false, 0, 0, 0x1234, 1, 4, 57, -1, -1, -1, -1));
        assertThat(m.isEchoReply()).isTrue();
        assertThat(m.isError()).isFalse();
    }

    @Test
    void decodesTheGoldenV4EchoRequestLoopedBack() throws IcmpCodecException {
        IcmpMessage m = IcmpCodec.decodeV4(ByteBuffer.wrap(ipv4(5, 1, 64, GOLDEN_REQUEST_V4)));
        assertThat(m).isEqualTo(new IcmpMessage(false, 8, 0, 0x1234, 1, 4, 64, -1, -1, -1, -1));
        assertThat(m.isEchoReply()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"0, 0, 0", "1, 2, 1", "0x1234, 1, 56", "65535, 65535, 7", "4242, 9, 1472"})
    void roundTripsV4(int id, int seq, int payloadLength) throws IcmpCodecException {
        ByteBuffer out = ByteBuffer.allocate(IcmpCodec.ECHO_HEADER_BYTES + payloadLength);
        IcmpCodec.encodeEchoRequestV4(id, seq, payloadLength, out);
        IcmpMessage m = IcmpCodec.decodeV4(ByteBuffer.wrap(ipv4(5, 1, 64, out.array())));
        assertThat(m).isEqualTo(new IcmpMessage(false, 8, 0, id, seq, payloadLength, 64, -1, -1, -1, -1));
    }

    @ParameterizedTest
    @CsvSource({"0, 0, 0", "1, 2, 1", "0x1234, 1, 56", "65535, 65535, 7", "4242, 9, 1452"})
    void roundTripsV6(int id, int seq, int payloadLength) throws IcmpCodecException {
        ByteBuffer out = ByteBuffer.allocate(IcmpCodec.ECHO_HEADER_BYTES + payloadLength);
        IcmpCodec.encodeEchoRequestV6(id, seq, payloadLength, out);
        IcmpMessage m = IcmpCodec.decodeV6(out.flip());
        assertThat(m).isEqualTo(new IcmpMessage(true, 128, 0, id, seq, payloadLength, -1, -1, -1, -1, -1));
        assertThat(out.position()).isZero();
    }

    @Test
    void encoderRejectsBadArgumentsWithoutWriting() {
        ByteBuffer out = ByteBuffer.allocate(16).position(2);
        assertThatThrownBy(() -> IcmpCodec.encodeEchoRequestV4(65536, 0, 0, out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("identifier 65536 (expected: 0..65535)");
        assertThatThrownBy(() -> IcmpCodec.encodeEchoRequestV6(0, -1, 0, out))
                .hasMessage("sequence -1 (expected: 0..65535)");
        assertThatThrownBy(() -> IcmpCodec.encodeEchoRequestV4(0, 0, 65508, out))
                .hasMessage("payload length 65508 (expected: 0..65507)");
        assertThatThrownBy(() -> IcmpCodec.encodeEchoRequestV6(0, 0, -1, out))
                .hasMessage("payload length -1 (expected: 0..65527)");
        assertThatThrownBy(() -> IcmpCodec.encodeEchoRequestV4(1, 1, 7, out))
                .isInstanceOf(BufferOverflowException.class);
        assertThat(out.position()).isEqualTo(2);
        assertThat(out.array()).containsOnly(0);
    }

    @Test
    void decodeReadsFromPositionToTotalLengthAndLeavesTheBufferAlone() throws IcmpCodecException {
        byte[] framed = IcmpPackets.concat(bytes(0xee, 0xee), GOLDEN_REPLY_V4, bytes(0xff, 0xff, 0xff));
        ByteBuffer b = ByteBuffer.wrap(framed).position(2).asReadOnlyBuffer();
        assertThat(IcmpCodec.decodeV4(b).payloadLength()).isEqualTo(4); // trailing bytes ignored
        assertThat(b.position()).isEqualTo(2);
        assertThat(b.limit()).isEqualTo(framed.length);

        ByteBuffer corrupt = ByteBuffer.wrap(prefix(GOLDEN_REPLY_V4, 25));
        assertThatThrownBy(() -> IcmpCodec.decodeV4(corrupt)).isInstanceOf(IcmpCodecException.class);
        assertThat(corrupt.position()).isZero();
    }

    @Test
    void corruptedByteFailsTheChecksum() {
        byte[] corrupt = GOLDEN_REPLY_V4.clone();
        corrupt[28] = 0x11; // first data byte: word 1011 becomes 1111, the sum grows by 0x100
        assertThatThrownBy(() -> IcmpCodec.decodeV4(ByteBuffer.wrap(corrupt)))
                .isInstanceOf(IcmpCodecException.class)
                .hasMessage("ICMP checksum 0xcba6 (expected: 0xcaa6)");
    }

    @Test
    void negativeZeroChecksumIsAccepted() throws IcmpCodecException {
        // An all-zero echo reply sums to 0, so its checksum is ~0 = 0xffff (RFC 1071 §1).
        byte[] allZero = ipv4(5, 1, 1, bytes(0, 0, 0xff, 0xff, 0, 0, 0, 0));
        assertThat(IcmpCodec.decodeV4(ByteBuffer.wrap(allZero)).identifier()).isZero();
        byte[] positiveZero = ipv4(5, 1, 1, new byte[8]);
        assertThatThrownBy(() -> IcmpCodec.decodeV4(ByteBuffer.wrap(positiveZero)))
                .hasMessage("ICMP checksum 0x0000 (expected: 0xffff)");
    }

    /**
     * The total length field must fit in the buffer, so no strict prefix of a valid datagram is
     * itself valid: below 20 bytes (or IHL * 4) the header is truncated, above it the datagram is.
     */
    @ParameterizedTest
    @CsvSource({"5", "6", "15"})
    void everyStrictPrefixOfAV4DatagramIsRejected(int ihlWords) {
        byte[] full = ipv4(ihlWords, 1, 64, echo(false, 0, 7, 8, 9));
        int header = ihlWords * 4;
        for (int length = 0; length < full.length; length++) {
            ByteBuffer b = ByteBuffer.wrap(prefix(full, length));
            String expected = length < 20
                    ? "truncated IPv4 header: " + length + " bytes (expected: >= 20)"
                    : length < header
                            ? "truncated IPv4 header: " + length + " bytes (expected: >= " + header + ")"
                            : "truncated IPv4 datagram: " + length + " bytes (expected: >= " + full.length + ")";
            assertThatThrownBy(() -> IcmpCodec.decodeV4(b)).as("prefix %d", length)
                    .isInstanceOf(IcmpCodecException.class).hasMessage(expected);
        }
    }

    /** v6 has no length field: 8 header bytes are required and whatever follows is payload. */
    @Test
    void v6PrefixesShorterThanTheEchoHeaderAreRejected() throws IcmpCodecException {
        byte[] full = echo(true, 129, 7, 8, 9);
        for (int length = 0; length < IcmpCodec.ECHO_HEADER_BYTES; length++) {
            ByteBuffer b = ByteBuffer.wrap(prefix(full, length));
            assertThatThrownBy(() -> IcmpCodec.decodeV6(b)).as("prefix %d", length)
                    .isInstanceOf(IcmpCodecException.class)
                    .hasMessage("truncated ICMPv6 message: " + length + " bytes (expected: >= 8)");
        }
        for (int length = IcmpCodec.ECHO_HEADER_BYTES; length <= full.length; length++) {
            IcmpMessage m = IcmpCodec.decodeV6(ByteBuffer.wrap(prefix(full, length)));
            assertThat(m).isEqualTo(new IcmpMessage(true, 129, 0, 7, 8, length - 8, -1, -1, -1, -1, -1));
            assertThat(m.isEchoReply()).isTrue();
        }
    }

    @Test
    void ipv4OptionsAreSkipped() throws IcmpCodecException {
        IcmpMessage m = IcmpCodec.decodeV4(ByteBuffer.wrap(ipv4(6, 1, 3, echo(false, 0, 11, 12, 5))));
        assertThat(m).isEqualTo(new IcmpMessage(false, 0, 0, 11, 12, 5, 3, -1, -1, -1, -1));
    }

    @Test
    void rejectsMalformedIpv4Headers() {
        byte[] v6 = GOLDEN_REPLY_V4.clone();
        v6[0] = 0x65;
        assertRejected(v6, "IPv4 version 6 (expected: 4)");
        byte[] shortIhl = GOLDEN_REPLY_V4.clone();
        shortIhl[0] = 0x43;
        assertRejected(shortIhl, "IPv4 header length 12 bytes (expected: >= 20)");
        assertRejected(ipv4(5, 17, 64, IcmpPackets.udp(4)), "IPv4 protocol 17 (expected: 1)");
        byte[] tinyTotal = GOLDEN_REPLY_V4.clone();
        tinyTotal[3] = 19;
        assertRejected(tinyTotal, "IPv4 total length 19 bytes (expected: >= 20)");
        assertRejected(ipv4(5, 1, 64, bytes(0, 0, 0xff, 0xff, 0)),
                "truncated ICMP message: 5 bytes (expected: >= 8)");
    }

    @Test
    void typeLookups() {
        assertThat(IcmpV4Type.fromWire(3)).contains(IcmpV4Type.DESTINATION_UNREACHABLE);
        assertThat(IcmpV4Type.fromWire(4)).isEmpty(); // source quench, RFC 6633
        assertThat(IcmpV4Type.fromWire(-1)).isEmpty();
        assertThat(IcmpV4Type.fromWire(256)).isEmpty();
        assertThat(IcmpV6Type.fromWire(2)).contains(IcmpV6Type.PACKET_TOO_BIG);
        assertThat(IcmpV6Type.fromWire(135)).isEmpty(); // neighbour solicitation
        assertThat(IcmpV4Type.ECHO_REPLY.isError()).isFalse();
        assertThat(IcmpV4Type.TIME_EXCEEDED.isError()).isTrue();
        assertThat(IcmpV6Type.PARAMETER_PROBLEM.isError()).isTrue();
        assertThat(IcmpV6Type.ECHO_REQUEST.isError()).isFalse();
        for (IcmpV6Type t : IcmpV6Type.values()) {
            assertThat(IcmpV6Type.fromWire(t.wireValue())).contains(t);
        }
    }

    private static void assertRejected(byte[] datagram, String message) {
        assertThatThrownBy(() -> IcmpCodec.decodeV4(ByteBuffer.wrap(datagram)))
                .isInstanceOf(IcmpCodecException.class)
                .hasMessage(message);
    }
}
