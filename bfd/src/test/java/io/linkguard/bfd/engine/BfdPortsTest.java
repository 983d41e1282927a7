package io.linkguard.bfd.engine;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 5881 §4: "The source port MUST be in the range 49152 through 65535", both ends included. */
class BfdPortsTest {
    /** A generator whose every bounded draw is the highest (or lowest) value the bound allows. */
    private static RandomGenerator extreme(boolean highest) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 1;
            }

            @Override
            public int nextInt(int bound) {
                return highest ? bound - 1 : 0;
            }
        };
    }

    @Test
    void theDrawCoversTheWholeRange() {
        assertThat(BfdPorts.randomSourcePort(extreme(false))).isEqualTo(49152);
        assertThat(BfdPorts.randomSourcePort(extreme(true))).isEqualTo(65535);
    }

    /** The echo source port used to be drawn from 49152..65534: 65535 could never come up. */
    @Test
    void anEchoSourcePortMayBeTheLastPortOfTheRange() {
        BfdSessionConfig config = new BfdSessionConfig("l", InetAddress.ofLiteral("192.0.2.2"),
                Optional.of(InetAddress.ofLiteral("192.0.2.1")), Optional.empty(), OptionalLong.empty(), false, 255,
                Duration.ofMillis(100), Duration.ofMillis(100), 3, false, Optional.empty(),
                Optional.of(Duration.ofMillis(50)));
        ManagedSession s = new ManagedSession(config, 0x1111, 0, Optional.empty(),
                new ManagedSessionAuthTest.RecordingSender(), extreme(true), change -> { }, 0);
        assertThat(s.echoSourcePort()).isEqualTo(BfdPorts.SOURCE_PORT_MAX);
    }
}
