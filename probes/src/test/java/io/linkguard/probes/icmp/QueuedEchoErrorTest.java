package io.linkguard.probes.icmp;

import io.linkguard.probes.net.Errno;
import io.linkguard.probes.net.ExtendedError;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/** The one reader of error-queue entries (IP_RECVERR), for IcmpSocket and the PMTU prober. */
class QueuedEchoErrorTest {
    private static final InetAddress ROUTER = InetAddress.ofLiteral("198.51.100.1");

    private static ExtendedError icmp(int type, int code) {
        return new ExtendedError(Errno.of(113), 113, ExtendedError.Origin.ICMP, type, code, 0, ROUTER);
    }

    /** Our request as the error quotes it: type, code, checksum, identifier, sequence. */
    private static ByteBuffer quotedRequest(int type, int identifier, int sequence) {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.put((byte) type).put((byte) 0).putShort((short) 0).putShort((short) identifier).putShort((short) sequence);
        return b.flip();
    }

    @Test
    void anErrorAboutOurEchoRequestNamesIdentifierAndSequence() {
        QueuedEchoError e = QueuedEchoError.read(icmp(3, 1), quotedRequest(8, 0xBEEF, 65535), false);
        assertThat(e.kind()).isEqualTo(QueuedEchoError.Kind.ECHO_REQUEST);
        assertThat(e.identifier()).isEqualTo(0xBEEF);
        assertThat(e.sequence()).isEqualTo(65535);
        assertThat(e.error().offender()).isEqualTo(ROUTER);
        ExtendedError v6 = new ExtendedError(Errno.of(113), 113, ExtendedError.Origin.ICMP6, 1, 3, 0, null);
        assertThat(QueuedEchoError.read(v6, quotedRequest(128, 7, 9), true).kind())
                .isEqualTo(QueuedEchoError.Kind.ECHO_REQUEST);
        assertThat(QueuedEchoError.read(v6, quotedRequest(8, 7, 9), true).kind())
                .isEqualTo(QueuedEchoError.Kind.OTHER_PACKET);
    }

    /**
     * Where the two readers differed: a local error (ip_local_error quotes no packet, so the data is
     * empty) is no malformed entry. IcmpSocket counted it in linkguard_icmp_rx_dropped_total{reason=
     * "malformed"}; EchoChannel rightly passed over it, since the failed send was counted already.
     */
    @Test
    void aLocalErrorWithNoQuoteIsLocalNotMalformed() {
        ExtendedError local = new ExtendedError(Errno.EMSGSIZE, Errno.EMSGSIZE.number(), ExtendedError.Origin.LOCAL,
                0, 0, 1400, null);
        QueuedEchoError e = QueuedEchoError.read(local, ByteBuffer.allocate(0), false);
        assertThat(e.kind()).isEqualTo(QueuedEchoError.Kind.LOCAL);
        assertThat(e.error().info()).isEqualTo(1400);
    }

    @Test
    void noErrorOrAShortQuoteIsMalformedAndAnotherPacketIsOther() {
        assertThat(QueuedEchoError.read(null, quotedRequest(8, 1, 1), false).kind())
                .isEqualTo(QueuedEchoError.Kind.MALFORMED);
        assertThat(QueuedEchoError.read(icmp(11, 0), ByteBuffer.allocate(7), false).kind())
                .isEqualTo(QueuedEchoError.Kind.MALFORMED);
        assertThat(QueuedEchoError.read(icmp(3, 3), quotedRequest(0, 1, 1), false).kind())
                .isEqualTo(QueuedEchoError.Kind.OTHER_PACKET);
    }

    @Test
    void theQuoteIsReadFromItsPositionAndLeftUnchanged() {
        ByteBuffer b = ByteBuffer.allocate(20);
        b.position(4);
        b.put((byte) 8).put((byte) 0).putShort((short) 0).putShort((short) 42).putShort((short) 43);
        b.limit(12).position(4);
        QueuedEchoError e = QueuedEchoError.read(icmp(3, 1), b, false);
        assertThat(e.identifier()).isEqualTo(42);
        assertThat(e.sequence()).isEqualTo(43);
        assertThat(b.position()).isEqualTo(4);
        assertThat(b.limit()).isEqualTo(12);
    }
}
