package io.linkguard.probes.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Fuzz tests for the decoders: on any input they return a message or throw
 * {@link IcmpCodecException}; any other throwable (BufferUnderflowException,
 * IndexOutOfBoundsException, ...) escapes and fails the test.
 *
 * <p>Without {@code JAZZER_FUZZ} (a plain {@code mvn test}) Jazzer runs in regression mode: each
 * method runs once on an empty input and once per file under
 * {@code src/test/resources/io/linkguard/probes/icmp/IcmpCodecFuzzTestInputs/<methodName>/}.
 * With {@code JAZZER_FUZZ=1} one fuzz test at a time is fuzzed and crashing inputs are saved to
 * that directory, e.g.
 * {@code JAZZER_FUZZ=1 mvn -pl probes test -Dtest='IcmpCodecFuzzTest#decodeV4'}.
 */
class IcmpCodecFuzzTest {

    /** Bytes placed before the input so the decoders are exercised at a non-zero position. */
    private static final int LEADING_BYTES = 3;

    @FuzzTest(maxDuration = "2m")
    void decodeV4(byte[] input) {
        ByteBuffer b = framed(input);
        try {
            IcmpMessage m = IcmpCodec.decodeV4(b);
            assertThat(m.ipv6()).isFalse();
            assertThat(m.ipTtl()).isBetween(0, 255);
            assertInvariants(m, input.length - 28);
        } catch (IcmpCodecException e) {
            assertThat(e).hasMessageMatching("(?s).+ \\(expected: .+\\)");
        }
        assertUntouched(b, input.length);
    }

    @FuzzTest(maxDuration = "2m")
    void decodeV6(byte[] input) {
        ByteBuffer b = framed(input);
        try {
            IcmpMessage m = IcmpCodec.decodeV6(b);
            assertThat(m.ipv6()).isTrue();
            assertThat(m.ipTtl()).isEqualTo(-1);
            assertThat(m.payloadLength()).isEqualTo(input.length - IcmpCodec.ECHO_HEADER_BYTES);
            assertInvariants(m, m.payloadLength());
        } catch (IcmpCodecException e) {
            assertThat(e).hasMessage("truncated ICMPv6 message: " + input.length + " bytes (expected: >= 8)");
        }
        assertUntouched(b, input.length);
    }

    /**
     * Random bytes almost never carry a valid ICMP checksum, so decodeV4 would stop there. This
     * target wraps the input in a valid IPv4 header and fixes the checksum, so the fuzzer reaches
     * the type dispatch and the quote parser.
     */
    @FuzzTest(maxDuration = "2m")
    void decodeV4WithValidChecksum(byte[] icmp) throws IcmpCodecException {
        if (icmp.length < IcmpCodec.ECHO_HEADER_BYTES || icmp.length > 0xffff - 20) {
            return;
        }
        byte[] message = icmp.clone();
        message[2] = 0;
        message[3] = 0;
        IcmpPackets.putU16(message, 2, IcmpPackets.checksum(message, 0, message.length));
        IcmpMessage m = IcmpCodec.decodeV4(ByteBuffer.wrap(IcmpPackets.ipv4(5, 1, 64, message)));
        assertThat(m.type()).isEqualTo(icmp[0] & 0xff);
        assertThat(m.payloadLength()).isEqualTo(icmp.length - IcmpCodec.ECHO_HEADER_BYTES);
        assertInvariants(m, m.payloadLength());
    }

    /** Guards against the seed directories being renamed away: regression mode would not notice. */
    @Test
    void seedDirectoriesExist() {
        for (String method : new String[] {"decodeV4", "decodeV6", "decodeV4WithValidChecksum"}) {
            assertThat(IcmpCodecFuzzTest.class.getResource("IcmpCodecFuzzTestInputs/" + method))
                    .as(method)
                    .isNotNull();
        }
    }

    private static ByteBuffer framed(byte[] input) {
        byte[] framed = new byte[LEADING_BYTES + input.length];
        System.arraycopy(input, 0, framed, LEADING_BYTES, input.length);
        // Read-only: a decoder that tried to write would throw ReadOnlyBufferException.
        return ByteBuffer.wrap(framed).position(LEADING_BYTES).asReadOnlyBuffer();
    }

    private static void assertUntouched(ByteBuffer b, int inputLength) {
        assertThat(b.position()).isEqualTo(LEADING_BYTES);
        assertThat(b.limit()).isEqualTo(LEADING_BYTES + inputLength);
    }

    private static void assertInvariants(IcmpMessage m, int maxPayload) {
        assertThat(m.type()).isBetween(0, 255);
        assertThat(m.code()).isBetween(0, 255);
        assertThat(m.payloadLength()).isBetween(0, Math.max(0, maxPayload));
        assertThat(m.identifier()).isBetween(-1, 0xffff);
        assertThat(m.sequence()).isBetween(-1, 0xffff);
        assertThat(m.quotedProtocol()).isBetween(-1, 255);
        assertThat(m.quotedIdentifier()).isBetween(-1, 0xffff);
        assertThat(m.quotedSequence()).isBetween(-1, 0xffff);
        assertThat(m.nextHopMtu()).isGreaterThanOrEqualTo(-1);
        if (!m.isError()) {
            assertThat(m.quotedProtocol()).isEqualTo(-1);
            assertThat(m.nextHopMtu()).isEqualTo(-1);
        }
        if (m.quotedIdentifier() >= 0) {
            assertThat(m.quotedProtocol()).isIn(1, 58);
        }
    }
}
