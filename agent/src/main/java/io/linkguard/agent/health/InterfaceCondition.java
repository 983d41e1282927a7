package io.linkguard.agent.health;

/**
 * What the kernel says (rtnetlink, rtnetlink(7)) of the interface a link is bound to and of its source
 * address, as health judges it. A link with neither {@code interface:} nor {@code source:} is always
 * {@link #PRESENT}.
 */
public enum InterfaceCondition {
    /** The interface exists and is operationally up, and the source address is configured. */
    PRESENT,
    /** No interface of that name (never created, or deleted while running): nothing can be sent. */
    INTERFACE_ABSENT,
    /** The interface exists but no interface holds the link's source address: probes cannot bind. */
    SOURCE_ABSENT,
    /** IFF_RUNNING cleared or IFLA_OPERSTATE down (RFC 2863 ifOperStatus): the kernel will not send. */
    INTERFACE_DOWN;

    /** The reason a link in this condition is down; PRESENT has none. */
    HealthTransition.Reason reason() {
        return switch (this) {
            case INTERFACE_ABSENT -> HealthTransition.Reason.INTERFACE_ABSENT;
            case SOURCE_ABSENT -> HealthTransition.Reason.SOURCE_ABSENT;
            case INTERFACE_DOWN -> HealthTransition.Reason.INTERFACE_DOWN;
            case PRESENT -> throw new IllegalStateException("a present interface is no reason to be down");
        };
    }

    /** Whether the link's probes and BFD session are torn down in this condition (nothing to bind to). */
    public boolean unbound() {
        return this == INTERFACE_ABSENT || this == SOURCE_ABSENT;
    }
}
