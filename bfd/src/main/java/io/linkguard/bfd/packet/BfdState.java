package io.linkguard.bfd.packet;

import java.util.Locale;

/** Session state, RFC 5880 §4.1 "Sta" (2 bits); the enum owns the wire value. */
public enum BfdState {
    ADMIN_DOWN(0), DOWN(1), INIT(2), UP(3);

    private final int wire;

    BfdState(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }

    /** Every 2-bit value is a state, so this never fails for 0..3. */
    public static BfdState fromWire(int value) {
        return switch (value & 0x3) {
            case 0 -> ADMIN_DOWN;
            case 1 -> DOWN;
            case 2 -> INIT;
            default -> UP;
        };
    }

    /** "AdminDown", "Down", "Init", "Up": as RFC 5880 and FRR write them. */
    public String display() {
        return switch (this) {
            case ADMIN_DOWN -> "AdminDown";
            case DOWN -> "Down";
            case INIT -> "Init";
            case UP -> "Up";
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
