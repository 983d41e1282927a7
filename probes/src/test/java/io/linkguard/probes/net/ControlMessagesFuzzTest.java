package io.linkguard.probes.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/**
 * Fuzz test for {@link ControlMessages#parse}: the control buffer of a {@code recvmsg} comes from
 * the kernel, but the parser promises never to read past it whatever it holds, and to throw
 * nothing (it is documented to stop at the first malformed cmsg). Any throwable fails the test.
 *
 * <p>Regression mode (plain {@code mvn test}) replays the files under
 * {@code src/test/resources/io/linkguard/probes/net/ControlMessagesFuzzTestInputs/parse/}; fuzz with
 * {@code JAZZER_FUZZ=1 mvn -pl probes test -Dtest='ControlMessagesFuzzTest#parse'}.
 */
class ControlMessagesFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void parse(byte[] input) {
        try (Arena arena = Arena.ofConfined()) {
            // The real buffer is native and 8-byte aligned (cmsg(3)); its length is msg_controllen.
            MemorySegment control = arena.allocate(Math.max(1, input.length), 8);
            MemorySegment.copy(input, 0, control, ValueLayout.JAVA_BYTE, 0, input.length);
            ReceivedMessage m = new ReceivedMessage();
            ControlMessages.parse(control, input.length, m);
            assertThat(m.ttl()).isNotNull();
            if (m.error() != null) {
                assertThat(m.error().icmpType()).isBetween(0, 255);
                assertThat(m.error().icmpCode()).isBetween(0, 255);
            }
        }
    }

    /** Guards against the seed directory being renamed away: regression mode would not notice. */
    @Test
    void seedDirectoryExists() {
        assertThat(ControlMessagesFuzzTest.class.getResource("ControlMessagesFuzzTestInputs/parse")).isNotNull();
    }
}
