package io.linkguard.agent.emulator;

/** Why the emulator dropped a packet: every drop is counted under one of these. */
public enum DropReason {
    /** The random loss probability picked it. */
    LOSS("loss"),
    /** The direction was blackholed when the packet entered or when it was due to leave. */
    BLACKHOLE("blackhole"),
    /** A flap schedule had the direction down when the packet entered or was due to leave. */
    FLAP("flap"),
    /** The delay line was full. */
    OVERFLOW("overflow"),
    /** Writing to the far TUN device failed (e.g. its interface is down). */
    WRITE_ERROR("write_error");

    final String wire;

    DropReason(String wire) {
        this.wire = wire;
    }
}
