package io.linkguard.bfd.packet;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Fuzz tests for {@link ControlPacketCodec#decode}: on any input it returns a packet or throws
 * {@link BfdCodecException}; any other throwable (BufferUnderflowException,
 * IndexOutOfBoundsException, ...) escapes and fails the test. What it accepts must survive
 * decode, encode, decode unchanged.
 *
 * <p>Without {@code JAZZER_FUZZ} (a plain {@code mvn test}) Jazzer runs in regression mode: each
 * method runs once on an empty input and once per file under
 * {@code src/test/resources/io/linkguard/bfd/packet/ControlPacketCodecFuzzTestInputs/<methodName>/}.
 * With {@code JAZZER_FUZZ=1} one fuzz test at a time is fuzzed and crashing inputs are saved to
 * that directory, e.g.
 * {@code JAZZER_FUZZ=1 mvn -pl bfd test -Dtest='ControlPacketCodecFuzzTest#decode'}.
 */
class ControlPacketCodecFuzzTest {

    /** Bytes placed before the input so decode is exercised at a non-zero position. */
    private static final int LEADING_BYTES = 3;

    @FuzzTest(maxDuration = "2m")
    void decode(byte[] input) {
        check(input);
    }

    /**
     * Random bytes rarely carry a Length field equal to their size, so decode would mostly stop
     * at the length checks. This target sets Length to the input size (capped at 255), so the
     * fuzzer spends its time in the auth section parser.
     */
    @FuzzTest(maxDuration = "2m")
    void decodeWithConsistentLength(byte[] input) {
        byte[] fixed = input.clone();
        if (fixed.length > ControlPacketCodec.LENGTH) {
            fixed[ControlPacketCodec.LENGTH] = (byte) Math.min(fixed.length, 255);
        }
        check(fixed);
    }

    private static void check(byte[] input) {
        ByteBuffer b = framed(input);
        try {
            ControlPacket p = ControlPacketCodec.decode(b);
            assertStable(p, input);
        } catch (BfdCodecException e) {
            assertThat(e).hasMessageMatching("BFD .+ \\(expected: .+\\)");
        }
        assertThat(b.position()).isEqualTo(LEADING_BYTES);
        assertThat(b.limit()).isEqualTo(LEADING_BYTES + input.length);
    }

    private static void assertStable(ControlPacket p, byte[] input) throws BfdCodecException {
        int length = input[ControlPacketCodec.LENGTH] & 0xff;
        assertThat(p.version()).isBetween(0, 7);
        assertThat(p.detectMult()).isBetween(0, 255);
        ByteBuffer out = ByteBuffer.allocate(ControlPacketCodec.encodedLength(p));
        ControlPacketCodec.encode(p, out);
        // Length may cover bytes past the auth section (ignored), never fewer than we write.
        assertThat(out.position()).isLessThanOrEqualTo(length);
        ControlPacket again = ControlPacketCodec.decode(out.flip());
        // Diagnostic.RESERVED (codes 9..31) has no wire value of its own and is written as 0.
        ControlPacket expected = p.diagnostic() == Diagnostic.RESERVED ? withDiagnosticNone(p) : p;
        assertThat(again).isEqualTo(expected);
    }

    private static ControlPacket withDiagnosticNone(ControlPacket p) {
        return new ControlPacket(p.version(), Diagnostic.NONE, p.state(), p.poll(), p.fin(),
                p.controlPlaneIndependent(), p.demand(), p.multipoint(), p.detectMult(), p.myDiscriminator(),
                p.yourDiscriminator(), p.desiredMinTxMicros(), p.requiredMinRxMicros(),
                p.requiredMinEchoRxMicros(), p.authentication());
    }

    /** Guards against the seed directories being renamed away: regression mode would not notice. */
    @Test
    void seedDirectoriesExist() {
        for (String method : new String[] {"decode", "decodeWithConsistentLength"}) {
            assertThat(ControlPacketCodecFuzzTest.class.getResource("ControlPacketCodecFuzzTestInputs/" + method))
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
}
