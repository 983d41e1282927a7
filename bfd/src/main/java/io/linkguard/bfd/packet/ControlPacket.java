package io.linkguard.bfd.packet;

import java.util.Optional;

/**
 * A BFD Control packet, RFC 5880 §4.1, decoded. Intervals are in
 * microseconds as on the wire (unsigned 32-bit, held in a long). The codec
 * checks structure only; the semantic checks of §6.8.6 (version, detect
 * multiplier, multipoint, discriminators) belong to the reception rules, so
 * each discard is counted with its own reason.
 */
public record ControlPacket(int version, Diagnostic diagnostic, BfdState state, boolean poll, boolean fin,
                            boolean controlPlaneIndependent, boolean demand, boolean multipoint, int detectMult,
                            long myDiscriminator, long yourDiscriminator, long desiredMinTxMicros,
                            long requiredMinRxMicros, long requiredMinEchoRxMicros,
                            Optional<Authentication> authentication) {
    public static final int VERSION = 1;

    /** The A bit. */
    public boolean authenticationPresent() {
        return authentication.isPresent();
    }

    /** This packet with the given auth section (empty clears the A bit), every other field kept. */
    public ControlPacket withAuthentication(Optional<Authentication> auth) {
        return new ControlPacket(version, diagnostic, state, poll, fin, controlPlaneIndependent, demand, multipoint,
                detectMult, myDiscriminator, yourDiscriminator, desiredMinTxMicros, requiredMinRxMicros,
                requiredMinEchoRxMicros, auth);
    }
}
