package io.linkguard.bfd.packet;

import java.util.Locale;
import java.util.Optional;

/** Authentication type, RFC 5880 §4.1 "Auth Type" (8 bits); the enum owns the wire value. */
public enum AuthType {
    SIMPLE_PASSWORD(1),
    KEYED_MD5(2),
    METICULOUS_KEYED_MD5(3),
    KEYED_SHA1(4),
    METICULOUS_KEYED_SHA1(5);

    private final int wire;

    AuthType(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }

    /** Meticulous types require the sequence number to increase on every packet (RFC 5880 §6.7.3, §6.7.4). */
    public boolean meticulous() {
        return this == METICULOUS_KEYED_MD5 || this == METICULOUS_KEYED_SHA1;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<AuthType> fromWire(int value) {
        for (AuthType t : values()) {
            if (t.wire == value) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
