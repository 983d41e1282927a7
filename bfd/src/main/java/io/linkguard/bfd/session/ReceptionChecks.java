package io.linkguard.bfd.session;

import io.linkguard.bfd.BfdDropReason;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.ControlPacket;

import java.util.Optional;

/**
 * The checks of RFC 5880 §6.8.6 that need only the packet, in the RFC's order.
 * The length checks belong to the codec; demultiplexing (Your Discriminator
 * lookup, or source/destination/interface when it is zero) and authentication
 * belong to the caller, which owns the session table and the keys.
 */
public final class ReceptionChecks {
    private ReceptionChecks() {
    }

    /** The reason to discard {@code packet}, or empty if it passes every packet-only check. */
    public static Optional<BfdDropReason> check(ControlPacket packet) {
        // RFC 5880 §6.8.6: "If the version number is not correct (1), the packet MUST be discarded."
        if (packet.version() != ControlPacket.VERSION) {
            return Optional.of(BfdDropReason.BAD_VERSION);
        }
        // RFC 5880 §6.8.6: "If the Detect Mult field is zero, the packet MUST be discarded."
        if (packet.detectMult() == 0) {
            return Optional.of(BfdDropReason.ZERO_DETECT_MULT);
        }
        // RFC 5880 §6.8.6: "If the Multipoint (M) bit is nonzero, the packet MUST be discarded."
        if (packet.multipoint()) {
            return Optional.of(BfdDropReason.MULTIPOINT);
        }
        // RFC 5880 §6.8.6: "If the My Discriminator field is zero, the packet MUST be discarded."
        if (packet.myDiscriminator() == 0) {
            return Optional.of(BfdDropReason.ZERO_MY_DISCRIMINATOR);
        }
        // RFC 5880 §6.8.6: "If the Your Discriminator field is zero and the State field is not
        // Down or AdminDown, the packet MUST be discarded."
        if (packet.yourDiscriminator() == 0 && packet.state() != BfdState.DOWN
                && packet.state() != BfdState.ADMIN_DOWN) {
            return Optional.of(BfdDropReason.ZERO_YOUR_DISCRIMINATOR_NOT_DOWN);
        }
        return Optional.empty();
    }
}
