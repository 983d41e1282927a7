package io.linkguard.agent.emulator;

import java.util.List;

/** Which way through the emulated link an impairment applies; the name on the control line is {@link #wire}. */
public enum Direction {
    /** Packets sent by namespace A towards B. */
    A_TO_B("a2b"),
    /** Packets sent by namespace B towards A. */
    B_TO_A("b2a"),
    /** Both ways. */
    BOTH("both");

    final String wire;

    Direction(String wire) {
        this.wire = wire;
    }

    /** The single directions this one stands for. */
    List<Direction> each() {
        return this == BOTH ? List.of(A_TO_B, B_TO_A) : List.of(this);
    }

    static Direction fromWire(String s) {
        for (Direction d : values()) {
            if (d.wire.equals(s)) {
                return d;
            }
        }
        throw new IllegalArgumentException("direction " + s + " (expected: a2b, b2a or both)");
    }
}
