package io.linkguard.probes.icmp;

import static io.linkguard.probes.icmp.IcmpPackets.concat;
import static io.linkguard.probes.icmp.IcmpPackets.echo;
import static io.linkguard.probes.icmp.IcmpPackets.icmpV4;
import static io.linkguard.probes.icmp.IcmpPackets.icmpV6;
import static io.linkguard.probes.icmp.IcmpPackets.ipv4;
import static io.linkguard.probes.icmp.IcmpPackets.ipv6;
import static io.linkguard.probes.icmp.IcmpPackets.prefix;
import static io.linkguard.probes.icmp.IcmpPackets.udp;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Error messages (RFC 792, RFC 4443 §3) and the datagrams they quote. */
class IcmpCodecErrorMessageTest {

    private static final int ID = 0x5a5a;
    private static final int SEQ = 77;

    /** Our echo request as it left the host: IPv4 header (DF) + 8 header bytes + 56 data bytes. */
    private static final byte[] SENT_V4 = ipv4(5, 1, 64, echo(false, 8, ID, SEQ, 56));
    private static final byte[] SENT_V6 = ipv6(58, echo(true, 128, ID, SEQ, 56));

    @Test
    void fragmentationNeededQuotingOurEchoRequest() throws IcmpCodecException {
        // RFC 1191 §4: type 3 code 4, unused 16 bits, next-hop MTU 1400; RFC 792 quote: IP header
        // + 64 bits of the original data.
        byte[] icmp = icmpV4(3, 4, 1400, prefix(SENT_V4, 28));
        IcmpMessage m = IcmpCodec.decodeV4(ByteBuffer.wrap(ipv4(5, 1, 250, icmp)));
        assertThat(m).isEqualTo(new IcmpMessage(false, 3, 4, -1, -1, 28, 250, 1, ID, SEQ, 1400));
        assertThat(m.isError()).isTrue();
        assertThat(m.isEchoReply()).isFalse();
        assertThat(m.quotesEchoRequest()).isTrue();
    }

    @Test
    void preRfc1191RouterReportsMtuZero() throws IcmpCodecException {
        byte[] icmp = icmpV4(3, 4, 0, SENT_V4);
        assertThat(IcmpCodec.decodeV4(ByteBuffer.wrap(ipv4(5, 1, 250, icmp))).nextHopMtu()).isZero();
    }

    @Test
    void otherUnreachableCodesCarryNoMtu() throws IcmpCodecException {
        byte[] icmp = icmpV4(3, 1, 1400, SENT_V4); // host unreachable: word 1 is unused
        IcmpMessage m = IcmpCodec.decodeV4(ByteBuffer.wrap(ipv4(5, 1, 250, icmp)));
        assertThat(m.nextHopMtu()).isEqualTo(-1);
        assertThat(m.quotedSequence()).isEqualTo(SEQ);
    }

    @Test
    void packetTooBigQuotingOurEchoRequest() throws IcmpCodecException {
        byte[] icmp = icmpV6(2, 0, 1280, SENT_V6); // RFC 4443 §3.2: 32-bit MTU
        IcmpMessage m = IcmpCodec.decodeV6(ByteBuffer.wrap(icmp));
        assertThat(m).isEqualTo(new IcmpMessage(true, 2, 0, -1, -1, 40 + 64, -1, 58, ID, SEQ, 1280));
        assertThat(m.isError()).isTrue();
    }

    @Test
    void packetTooBigMtuAboveIntRangeIsClamped() throws IcmpCodecException {
        IcmpMessage m = IcmpCodec.decodeV6(ByteBuffer.wrap(icmpV6(2, 0, 0xffffffff, SENT_V6)));
        assertThat(m.nextHopMtu()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void timeExceededQuotingUdp() throws IcmpCodecException {
        byte[] sentUdp = ipv4(5, 17, 1, udp(32));
        IcmpMessage v4 =
                IcmpCodec.decodeV4(ByteBuffer.wrap(ipv4(5, 1, 254, icmpV4(11, 0, 0, prefix(sentUdp, 28)))));
        assertThat(v4).isEqualTo(new IcmpMessage(false, 11, 0, -1, -1, 28, 254, 17, -1, -1, -1));
        assertThat(v4.quotesEchoRequest()).isFalse();

        IcmpMessage v6 = IcmpCodec.decodeV6(ByteBuffer.wrap(icmpV6(3, 0, 0, ipv6(17, udp(32)))));
        assertThat(v6).isEqualTo(new IcmpMessage(true, 3, 0, -1, -1, 80, -1, 17, -1, -1, -1));
    }

    @Test
    void parameterProblemAndDestinationUnreachableV6AreErrors() throws IcmpCodecException {
        IcmpMessage pp = IcmpCodec.decodeV6(ByteBuffer.wrap(icmpV6(4, 0, 6, SENT_V6)));
        assertThat(pp.isError()).isTrue();
        assertThat(pp.quotedIdentifier()).isEqualTo(ID);
        assertThat(pp.nextHopMtu()).isEqualTo(-1);
        IcmpMessage du = IcmpCodec.decodeV6(ByteBuffer.wrap(icmpV6(1, 3, 0, SENT_V6)));
        assertThat(du.quotedSequence()).isEqualTo(SEQ);
    }

    /** A truncated quote is not an error of the outer message: it only leaves quote fields -1. */
    @Test
    void everyTruncationOfAV4QuoteDecodes() throws IcmpCodecException {
        for (int quoted = 0; quoted <= SENT_V4.length; quoted++) {
            byte[] icmp = icmpV4(11, 0, 0, prefix(SENT_V4, quoted));
            IcmpMessage m = IcmpCodec.decodeV4(ByteBuffer.wrap(ipv4(5, 1, 9, icmp)));
            assertThat(m.payloadLength()).isEqualTo(quoted);
            assertThat(m.quotedProtocol()).as("quote %d", quoted).isEqualTo(quoted < 20 ? -1 : 1);
            assertThat(m.quotedIdentifier()).as("quote %d", quoted).isEqualTo(quoted < 28 ? -1 : ID);
            assertThat(m.quotedSequence()).as("quote %d", quoted).isEqualTo(quoted < 28 ? -1 : SEQ);
        }
    }

    @Test
    void everyTruncationOfAV6QuoteDecodes() throws IcmpCodecException {
        for (int quoted = 0; quoted <= SENT_V6.length; quoted++) {
            IcmpMessage m = IcmpCodec.decodeV6(ByteBuffer.wrap(icmpV6(2, 0, 1280, prefix(SENT_V6, quoted))));
            assertThat(m.nextHopMtu()).isEqualTo(1280);
            assertThat(m.quotedProtocol()).as("quote %d", quoted).isEqualTo(quoted < 40 ? -1 : 58);
            assertThat(m.quotedIdentifier()).as("quote %d", quoted).isEqualTo(quoted < 48 ? -1 : ID);
            assertThat(m.quotedSequence()).as("quote %d", quoted).isEqualTo(quoted < 48 ? -1 : SEQ);
        }
    }

    @Test
    void quotedNonFirstFragmentOrNonRequestYieldsNoIdentifiers() throws IcmpCodecException {
        byte[] fragment = SENT_V4.clone();
        fragment[7] = 0x10; // fragment offset 16 * 8 bytes: no ICMP header in this fragment
        IcmpMessage m = IcmpCodec.decodeV4(ByteBuffer.wrap(ipv4(5, 1, 9, icmpV4(11, 1, 0, fragment))));
        assertThat(m.quotedProtocol()).isEqualTo(1);
        assertThat(m.quotedIdentifier()).isEqualTo(-1);

        byte[] quotedReply = ipv4(5, 1, 64, echo(false, 0, ID, SEQ, 8));
        m = IcmpCodec.decodeV4(ByteBuffer.wrap(ipv4(5, 1, 9, icmpV4(3, 3, 0, quotedReply))));
        assertThat(m.quotedProtocol()).isEqualTo(1);
        assertThat(m.quotedSequence()).isEqualTo(-1);

        byte[] garbage = concat(new byte[] {0x15}, new byte[40]); // version 1: not an IPv4 header
        m = IcmpCodec.decodeV4(ByteBuffer.wrap(ipv4(5, 1, 9, icmpV4(3, 3, 0, garbage))));
        assertThat(m.quotedProtocol()).isEqualTo(-1);
    }

    @Test
    void quotedIpv4OptionsAreSkipped() throws IcmpCodecException {
        byte[] sent = ipv4(7, 1, 64, echo(false, 8, ID, SEQ, 0));
        IcmpMessage m = IcmpCodec.decodeV4(ByteBuffer.wrap(ipv4(6, 1, 9, icmpV4(11, 0, 0, sent))));
        assertThat(m.quotedIdentifier()).isEqualTo(ID);
        assertThat(m.ipTtl()).isEqualTo(9);
    }

    @Test
    void unknownAndInformationalTypesDecodeWithoutQuote() throws IcmpCodecException {
        // v4 redirect (5) and v6 neighbour solicitation (135) are not errors in this codec's sense.
        IcmpMessage redirect = IcmpCodec.decodeV4(ByteBuffer.wrap(ipv4(5, 1, 9, icmpV4(5, 1, 0, SENT_V4))));
        assertThat(redirect).isEqualTo(
                new IcmpMessage(false, 5, 1, -1, -1, SENT_V4.length, 9, -1, -1, -1, -1));
        assertThat(redirect.isError()).isFalse();
        IcmpMessage ns = IcmpCodec.decodeV6(ByteBuffer.wrap(icmpV6(135, 0, 0, new byte[16])));
        assertThat(ns).isEqualTo(new IcmpMessage(true, 135, 0, -1, -1, 16, -1, -1, -1, -1, -1));
    }
}
