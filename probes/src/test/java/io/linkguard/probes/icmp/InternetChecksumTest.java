package io.linkguard.probes.icmp;

import static io.linkguard.probes.icmp.IcmpPackets.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InternetChecksumTest {

    /** RFC 1071 §3, "Numerical Examples": bytes 00 01 f2 03 f4 f5 f6 f7. */
    private static final byte[] RFC1071_EXAMPLE = bytes(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7);

    @Test
    void rfc1071NumericalExample() {
        ByteBuffer b = ByteBuffer.wrap(RFC1071_EXAMPLE);
        // 0001 + f203 + f4f5 + f6f7 = 2ddf0, folded: ddf0 + 2 = ddf2.
        assertThat(InternetChecksum.onesComplementSum(b, 0, 8)).isEqualTo(0xddf2);
        assertThat(InternetChecksum.checksum(b, 0, 8)).isEqualTo(0x220d);
    }

    @Test
    void oddLengthPadsTheLastByteWithZero() {
        // RFC 1071 §4.1: 00 01 f2 -> 0001 + f200 = f201.
        ByteBuffer odd = ByteBuffer.wrap(bytes(0x00, 0x01, 0xf2));
        assertThat(InternetChecksum.onesComplementSum(odd, 0, 3)).isEqualTo(0xf201);
        assertThat(InternetChecksum.checksum(odd, 0, 3)).isEqualTo(0x0dfe);
        ByteBuffer padded = ByteBuffer.wrap(bytes(0x00, 0x01, 0xf2, 0x00));
        assertThat(InternetChecksum.checksum(padded, 0, 4)).isEqualTo(0x0dfe);
    }

    @Test
    void emptyRangeAndCarryFolding() {
        ByteBuffer b = ByteBuffer.wrap(new byte[70_000]);
        assertThat(InternetChecksum.onesComplementSum(b, 0, 0)).isZero();
        assertThat(InternetChecksum.checksum(b, 0, 0)).isEqualTo(0xffff);
        Arrays.fill(b.array(), (byte) 0xff);
        // Every word is 0xffff, one's complement "negative zero": the sum stays 0xffff.
        assertThat(InternetChecksum.onesComplementSum(b, 0, 70_000)).isEqualTo(0xffff);
        // ff ff ff -> ffff + ff00 = 1feff, folded: feff + 1 = ff00.
        assertThat(InternetChecksum.onesComplementSum(b, 1, 3)).isEqualTo(0xff00);
    }

    @Test
    void usesAbsoluteOffsetsAndIgnoresPositionAndByteOrder() {
        byte[] framed = IcmpPackets.concat(bytes(0xaa, 0xbb, 0xcc), RFC1071_EXAMPLE, bytes(0xdd));
        ByteBuffer b = ByteBuffer.wrap(framed).order(ByteOrder.LITTLE_ENDIAN).position(5).limit(11);
        assertThat(InternetChecksum.checksum(b, 3, 8)).isEqualTo(0x220d);
        assertThat(b.position()).isEqualTo(5);
        assertThat(b.limit()).isEqualTo(11);
        assertThat(b.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void rangeOutsideTheLimitIsRejected() {
        ByteBuffer b = ByteBuffer.wrap(new byte[8]).limit(6);
        assertThatThrownBy(() -> InternetChecksum.checksum(b, 0, 7))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> InternetChecksum.checksum(b, -1, 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void checksumOverDataWithItsChecksumIsZero() {
        Random random = new Random(1071);
        for (int length = 4; length < 64; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            data[2] = 0;
            data[3] = 0;
            ByteBuffer b = ByteBuffer.wrap(data);
            int sum = InternetChecksum.checksum(b, 0, length);
            assertThat(sum).isEqualTo(IcmpPackets.checksum(data, 0, length));
            IcmpPackets.putU16(data, 2, sum);
            assertThat(InternetChecksum.checksum(b, 0, length)).as("length %d", length).isZero();
        }
    }

    @Test
    void icmpv6PseudoHeaderChecksum() {
        // Echo request id 0x1234 seq 1, payload 10 11 12 13, 2001:db8::1 -> 2001:db8::2.
        // Expected value computed independently (Python, RFC 4443 §2.3 pseudo-header): 0xefea.
        byte[] message = IcmpPackets.echo(true, 128, 0x1234, 1, 4);
        byte[] header = IcmpPackets.ipv6(58, message);
        byte[] src = Arrays.copyOfRange(header, 8, 24);
        byte[] dst = Arrays.copyOfRange(header, 24, 40);
        ByteBuffer b = ByteBuffer.wrap(message);
        int checksum = InternetChecksum.icmpv6Checksum(src, dst, b, 0, message.length);
        assertThat(checksum).isEqualTo(0xefea);

        IcmpPackets.putU16(message, 2, checksum);
        assertThat(InternetChecksum.icmpv6Checksum(src, dst, b, 0, message.length)).isZero();
        // Swapping the addresses keeps the sum (addition commutes); changing one does not.
        assertThat(InternetChecksum.icmpv6Checksum(dst, src, b, 0, message.length)).isZero();
        dst[15] = 3;
        assertThat(InternetChecksum.icmpv6Checksum(src, dst, b, 0, message.length)).isNotZero();
    }

    @Test
    void icmpv6ChecksumRejectsAddressesThatAreNot16Bytes() {
        ByteBuffer b = ByteBuffer.wrap(new byte[8]);
        assertThatThrownBy(() -> InternetChecksum.icmpv6Checksum(new byte[4], new byte[16], b, 0, 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source address 4 bytes (expected: 16)");
    }
}
