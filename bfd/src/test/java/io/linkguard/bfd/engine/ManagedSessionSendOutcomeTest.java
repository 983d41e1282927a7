package io.linkguard.bfd.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a session counts what its transmit socket reports: a send that met an ICMP error and went
 * out on its retry is a refusal but no failure; one refused twice is both. On a fake clock.
 */
class ManagedSessionSendOutcomeTest {
    @ParameterizedTest
    @CsvSource({"SENT, 0, 0", "SENT_AFTER_REFUSAL, 1, 0", "REFUSED, 1, 1", "BUFFER_FULL, 0, 1", "FAILED, 0, 1"})
    void eachOutcomeIsCounted(ControlSender.Outcome outcome, long refused, long failures) {
        BfdSessionConfig config = new BfdSessionConfig("l", InetAddress.ofLiteral("192.0.2.2"), Optional.empty(),
                Optional.empty(), OptionalLong.empty(), false, 255, Duration.ofMillis(100), Duration.ofMillis(100),
                3, false, Optional.empty(), Optional.empty());
        ControlSender sender = new ControlSender() {
            @Override
            public Outcome send(ByteBuffer packet) {
                return outcome;
            }

            @Override
            public void close() {
            }
        };
        ManagedSession s = new ManagedSession(config, 0x1111, 0, Optional.empty(), sender, new SplittableRandom(1),
                change -> { }, 0);
        s.runTimers(0, null); // the first packet is due at once
        assertThat(s.session.snapshot().packetsTransmitted()).isEqualTo(1);
        assertThat(s.sendsRefused()).isEqualTo(refused);
        assertThat(s.view().sendFailures()).isEqualTo(failures);
    }
}
