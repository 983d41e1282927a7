package io.linkguard.bfd.echo;

import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

class EchoPacketTest {
    private static ByteBuffer packet() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(EchoPacket.PACKET_BYTES);
        EchoPacket.encode((Inet4Address) InetAddress.getByName("198.18.0.1"), 50000, 0xCAFEL, 7, 123_456_789L, b);
        return b.flip();
    }

    @Test
    void ipv4HeaderAddressedToOurselvesWithTtl255AndValidChecksum() throws Exception {
        ByteBuffer b = packet();
        assertThat(b.remaining()).isEqualTo(48);
        assertThat(b.get(0)).isEqualTo((byte) 0x45);
        assertThat(b.getShort(2)).isEqualTo((short) 48);
        assertThat(b.get(8) & 0xff).as("TTL").isEqualTo(255);
        assertThat(b.get(9)).as("UDP").isEqualTo((byte) 17);
        assertThat(new byte[]{b.get(12), b.get(13), b.get(14), b.get(15)})
                .isEqualTo(new byte[]{b.get(16), b.get(17), b.get(18), b.get(19)});
        assertThat(EchoPacket.checksum(b, 0, 20)).as("header checksum verifies to 0").isZero();
        assertThat(b.getShort(22) & 0xffff).as("destination port").isEqualTo(3785);
    }

    @Test
    void udpChecksumVerifiesOverThePseudoHeader() throws Exception {
        ByteBuffer b = packet();
        int sum = 0;
        for (int i = 12; i < 20; i += 2) {
            sum += b.getShort(i) & 0xffff; // source and destination addresses
        }
        sum += 17 + 28;
        for (int i = 20; i < 48; i += 2) {
            sum += b.getShort(i) & 0xffff;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        assertThat(sum).isEqualTo(0xffff);
    }

    @Test
    void payloadRoundTripsAndForeignPayloadIsIgnored() throws Exception {
        ByteBuffer b = packet();
        var p = EchoPacket.decodePayload(b.position(28).slice());
        assertThat(p).contains(new EchoPacket.Payload(0xCAFEL, 7, 123_456_789L));
        assertThat(EchoPacket.decodePayload(ByteBuffer.wrap(new byte[20]))).isEmpty();
        assertThat(EchoPacket.decodePayload(ByteBuffer.wrap(new byte[5]))).isEmpty();
    }
}
