package io.linkguard.alerts;

import java.util.Locale;

/** What an {@link AlertEvent} reports. */
public enum AlertKind {
    /** The link's health state changed ({@link AlertEvent#state()} is the new one). */
    LINK_STATE,
    /** Traffic moved to a backup path. */
    FAILOVER,
    /** Traffic moved back to the primary path. */
    FAILBACK,
    /** A failover action (route change, script) failed. */
    ACTION_FAILED,
    /** A BFD session went Down (RFC 5880 §6.8.6; the diagnostic says why). */
    BFD_DOWN,
    /** A BFD session came Up. */
    BFD_UP,
    /** The path MTU to the peer dropped (RFC 1191 / RFC 8201 Packet Too Big). */
    PMTU_DROP,
    /**
     * A route the active path installed was taken away or changed (a kernel flush, an operator's
     * {@code ip route del}) and was put back; or, at critical severity, it keeps being taken away and is
     * left alone: something else on the host fights over it.
     */
    ROUTE_DRIFT,
    /** The link is healthy again after a problem. */
    RESOLVED,
    /** {@code linkguard alert test}. */
    TEST;

    /** Lower case, as in JSON and templates: {@code link_state}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind with label {@code label}; for reading the spool. */
    static AlertKind ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
