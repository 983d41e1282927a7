package io.linkguard.agent.emulator;

/** How the jitter added to a packet's delay is distributed. */
public enum JitterShape {
    /** Uniform in [-jitter, +jitter]. */
    UNIFORM("uniform"),
    /** Normal with standard deviation jitter. */
    NORMAL("normal");

    final String wire;

    JitterShape(String wire) {
        this.wire = wire;
    }

    static JitterShape fromWire(String s) {
        for (JitterShape j : values()) {
            if (j.wire.equals(s)) {
                return j;
            }
        }
        throw new IllegalArgumentException("jitter shape " + s + " (expected: uniform or normal)");
    }
}
