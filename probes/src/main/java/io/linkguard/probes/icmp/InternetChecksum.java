package io.linkguard.probes.icmp;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The Internet checksum of RFC 1071: the 16-bit one's complement of the one's complement sum of
 * the data taken as big-endian 16-bit words.
 *
 * <p>All methods are pure: they read with absolute indices, so the buffer's position, limit and
 * byte order are neither used nor changed. Offsets are absolute buffer indices.
 */
public final class InternetChecksum {

    /** RFC 4443 §2.3: the Next Header value of ICMPv6 carried in the pseudo-header. */
    private static final int ICMPV6_NEXT_HEADER = 58;

    /** Length of an IPv6 address in the pseudo-header (RFC 8200 §8.1). */
    private static final int IPV6_ADDRESS_BYTES = 16;

    private InternetChecksum() {}

    /**
     * The folded (not complemented) one's complement sum of {@code buf[offset, offset+length)}.
     *
     * <p>RFC 1071 §4.1: an odd trailing byte is padded with a zero low-order byte. The sum is
     * accumulated in a long and carries are folded back at the end (RFC 1071 §2(C), "deferred
     * carries"), which is exact for any length a ByteBuffer can hold.
     *
     * @return the sum, 0..0xffff; 0 only when every word is zero
     * @throws IndexOutOfBoundsException if the range is not inside {@code [0, buf.limit())}
     */
    public static int onesComplementSum(ByteBuffer buf, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buf.limit());
        long sum = 0;
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            sum += ((buf.get(i) & 0xff) << 8) | (buf.get(i + 1) & 0xff);
        }
        if (i < end) {
            sum += (buf.get(i) & 0xff) << 8;
        }
        return fold(sum);
    }

    /**
     * The RFC 1071 checksum of {@code buf[offset, offset+length)}: the complement of
     * {@link #onesComplementSum}. Computed over a range whose checksum field is zero it gives the
     * value to store there; computed over a range whose checksum field is correct it gives 0.
     */
    public static int checksum(ByteBuffer buf, int offset, int length) {
        return ~onesComplementSum(buf, offset, length) & 0xffff;
    }

    /**
     * The ICMPv6 checksum of RFC 4443 §2.3 over the message {@code buf[offset, offset+length)},
     * including the IPv6 pseudo-header of RFC 8200 §8.1 (source, destination, upper-layer packet
     * length, three zero bytes, next header 58).
     *
     * <p>Needed only to verify or build test vectors: on a raw ICMPv6 socket Linux fills in the
     * outgoing checksum and verifies incoming ones (RFC 3542 §3.1), because user space does not
     * reliably know the source address the kernel will pick.
     *
     * @param source the 16-byte IPv6 source address
     * @param destination the 16-byte IPv6 destination address
     * @return the value to store in the checksum field when that field is zero, or 0 when the
     *     message's checksum is correct
     * @throws IllegalArgumentException if an address is not 16 bytes
     */
    public static int icmpv6Checksum(
            byte[] source, byte[] destination, ByteBuffer buf, int offset, int length) {
        requireIpv6Address(source, "source");
        requireIpv6Address(destination, "destination");
        long sum = sumWords(source) + sumWords(destination);
        // Upper-Layer Packet Length is a 32-bit field: add its two 16-bit halves.
        sum += (length >>> 16) + (length & 0xffff);
        // Three zero bytes then Next Header: the last 16-bit word is 0x00NN.
        sum += ICMPV6_NEXT_HEADER;
        sum += onesComplementSum(buf, offset, length);
        return ~fold(sum) & 0xffff;
    }

    /**
     * One's complement addition of two folded sums. RFC 1071 §2(A): the sum is commutative and
     * associative, so ranges split at even offsets can be summed separately and added.
     */
    static int add(int sumA, int sumB) {
        return fold((long) sumA + sumB);
    }

    private static void requireIpv6Address(byte[] address, String what) {
        Objects.requireNonNull(address, what);
        if (address.length != IPV6_ADDRESS_BYTES) {
            throw new IllegalArgumentException(what + " address " + address.length
                    + " bytes (expected: " + IPV6_ADDRESS_BYTES + ")");
        }
    }

    private static long sumWords(byte[] evenLength) {
        long sum = 0;
        for (int i = 0; i < evenLength.length; i += 2) {
            sum += ((evenLength[i] & 0xff) << 8) | (evenLength[i + 1] & 0xff);
        }
        return sum;
    }

    /** RFC 1071 §4.1: fold the carries out of the top back into the low 16 bits until none are left. */
    private static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }
}
