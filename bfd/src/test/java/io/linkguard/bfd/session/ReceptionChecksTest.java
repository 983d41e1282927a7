package io.linkguard.bfd.session;

import io.linkguard.bfd.BfdDropReason;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.ControlPacket;
import io.linkguard.bfd.packet.Diagnostic;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReceptionChecksTest {
    static ControlPacket packet(int version, BfdState state, boolean multipoint, int detectMult, long my, long your) {
        return new ControlPacket(version, Diagnostic.NONE, state, false, false, false, false, multipoint, detectMult,
                my, your, 100_000, 100_000, 0, Optional.empty());
    }

    @Test
    void aValidPacketPasses() {
        assertThat(ReceptionChecks.check(packet(1, BfdState.UP, false, 3, 7, 9))).isEmpty();
    }

    @Test
    void versionOtherThanOneIsDropped() {
        assertThat(ReceptionChecks.check(packet(0, BfdState.UP, false, 3, 7, 9)))
                .contains(BfdDropReason.BAD_VERSION);
        assertThat(ReceptionChecks.check(packet(2, BfdState.UP, false, 3, 7, 9)))
                .contains(BfdDropReason.BAD_VERSION);
    }

    @Test
    void zeroDetectMultIsDropped() {
        assertThat(ReceptionChecks.check(packet(1, BfdState.UP, false, 0, 7, 9)))
                .contains(BfdDropReason.ZERO_DETECT_MULT);
    }

    @Test
    void multipointIsDropped() {
        assertThat(ReceptionChecks.check(packet(1, BfdState.UP, true, 3, 7, 9)))
                .contains(BfdDropReason.MULTIPOINT);
    }

    @Test
    void zeroMyDiscriminatorIsDropped() {
        assertThat(ReceptionChecks.check(packet(1, BfdState.DOWN, false, 3, 0, 0)))
                .contains(BfdDropReason.ZERO_MY_DISCRIMINATOR);
    }

    @Test
    void zeroYourDiscriminatorIsDroppedUnlessDownOrAdminDown() {
        assertThat(ReceptionChecks.check(packet(1, BfdState.UP, false, 3, 7, 0)))
                .contains(BfdDropReason.ZERO_YOUR_DISCRIMINATOR_NOT_DOWN);
        assertThat(ReceptionChecks.check(packet(1, BfdState.INIT, false, 3, 7, 0)))
                .contains(BfdDropReason.ZERO_YOUR_DISCRIMINATOR_NOT_DOWN);
        assertThat(ReceptionChecks.check(packet(1, BfdState.DOWN, false, 3, 7, 0))).isEmpty();
        assertThat(ReceptionChecks.check(packet(1, BfdState.ADMIN_DOWN, false, 3, 7, 0))).isEmpty();
    }

    @Test
    void checksRunInTheRfcOrder() {
        // Everything wrong at once: the first §6.8.6 rule (version) is the one reported.
        assertThat(ReceptionChecks.check(packet(3, BfdState.UP, true, 0, 0, 0))).contains(BfdDropReason.BAD_VERSION);
        assertThat(ReceptionChecks.check(packet(1, BfdState.UP, true, 0, 0, 0)))
                .contains(BfdDropReason.ZERO_DETECT_MULT);
        assertThat(ReceptionChecks.check(packet(1, BfdState.UP, true, 3, 0, 0))).contains(BfdDropReason.MULTIPOINT);
        assertThat(ReceptionChecks.check(packet(1, BfdState.UP, false, 3, 0, 0)))
                .contains(BfdDropReason.ZERO_MY_DISCRIMINATOR);
    }
}
