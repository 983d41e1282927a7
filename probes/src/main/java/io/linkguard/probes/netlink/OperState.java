package io.linkguard.probes.netlink;

/**
 * IFLA_OPERSTATE (RFC 2863 ifOperStatus as Linux reports it, {@code IF_OPER_*} in
 * {@code <linux/if.h>}, values 0..6). The ordinal is the wire value.
 */
public enum OperState {
    UNKNOWN, NOTPRESENT, DOWN, LOWERLAYERDOWN, TESTING, DORMANT, UP;

    private static final OperState[] VALUES = values();

    public int wireValue() {
        return ordinal();
    }

    /** The state for a wire value; values a newer kernel may add read as UNKNOWN. */
    public static OperState of(int v) {
        return v >= 0 && v < VALUES.length ? VALUES[v] : UNKNOWN;
    }
}
