package io.linkguard.probes.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * Fuzz tests for the netlink decoder: {@link NetlinkMessages#decode} never throws on content (a
 * malformed message is a counted frame), and {@link NetlinkMessages#decodeOne} returns a body or
 * throws {@link NetlinkCodecException}; any other throwable (BufferUnderflowException,
 * IndexOutOfBoundsException, ...) escapes and fails the test.
 *
 * <p>Without {@code JAZZER_FUZZ} (a plain {@code mvn test}) Jazzer runs in regression mode: each
 * method runs once on an empty input and once per file under
 * {@code src/test/resources/io/linkguard/probes/netlink/NetlinkMessagesFuzzTestInputs/<methodName>/}.
 * With {@code JAZZER_FUZZ=1} one fuzz test at a time is fuzzed, e.g.
 * {@code JAZZER_FUZZ=1 mvn -pl probes test -Dtest='NetlinkMessagesFuzzTest#decodeDatagram'}.
 */
class NetlinkMessagesFuzzTest {
    /** Bytes placed before the input so decode is exercised at a non-zero position. */
    private static final int LEADING_BYTES = 3;

    @FuzzTest(maxDuration = "2m")
    void decodeDatagram(byte[] input) {
        ByteBuffer b = framed(input);
        NetlinkMessages.Batch batch = NetlinkMessages.decode(b);
        long bad = batch.frames().stream().filter(NetlinkMessages.Frame::malformed).count()
                + (batch.framingError().isPresent() ? 1 : 0);
        assertThat(batch.malformed()).isEqualTo(bad);
        for (NetlinkMessages.Frame f : batch.frames()) {
            if (f.body() instanceof NetlinkCodecException e) {
                assertThat(e).hasMessageMatching("(?s).+ \\(expected: .+\\)");
            }
        }
        assertThat(b.position()).isEqualTo(LEADING_BYTES);
        assertThat(b.limit()).isEqualTo(LEADING_BYTES + input.length);
    }

    /**
     * Random bytes rarely carry an nlmsg_len equal to their size, so decode would mostly stop at
     * the header. This target sets nlmsg_len to the input size, so the fuzzer spends its time in
     * the bodies and attributes.
     */
    @FuzzTest(maxDuration = "2m")
    void decodeOneWithConsistentLength(byte[] input) {
        byte[] fixed = input.clone();
        if (fixed.length >= 4) {
            ByteBuffer.wrap(fixed).order(ByteOrder.nativeOrder()).putInt(0, fixed.length);
        }
        try {
            Object body = NetlinkMessages.decodeOne(framed(fixed));
            assertThat(body).isNotNull().isNotInstanceOf(Throwable.class);
        } catch (NetlinkCodecException e) {
            assertThat(e).hasMessageMatching("(?s).+ \\(expected: .+\\)");
        }
    }

    /** Guards against the seed directories being renamed away: regression mode would not notice. */
    @Test
    void seedDirectoriesExist() {
        for (String method : new String[] {"decodeDatagram", "decodeOneWithConsistentLength"}) {
            assertThat(NetlinkMessagesFuzzTest.class.getResource("NetlinkMessagesFuzzTestInputs/" + method))
                    .as(method).isNotNull();
        }
    }

    private static ByteBuffer framed(byte[] input) {
        byte[] framed = new byte[LEADING_BYTES + input.length];
        System.arraycopy(input, 0, framed, LEADING_BYTES, input.length);
        // Read-only: a decoder that tried to write would throw ReadOnlyBufferException.
        return ByteBuffer.wrap(framed).position(LEADING_BYTES).asReadOnlyBuffer();
    }
}
