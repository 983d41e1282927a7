package io.linkguard.agent.health;

import java.util.Locale;

/** The health of one link, as {@link LinkHealth} judges it. */
public enum LinkState {
    /** Since start, until the probes have said enough to judge. */
    UNKNOWN,
    /** Every configured signal is within its thresholds (and BFD, if the link has a session, is Up). */
    UP,
    /** Usable but sick: loss, RTT, jitter, TCP failures or path MTU crossed a "degraded" threshold. */
    DEGRADED,
    /** Not usable: BFD went Down, or loss crossed the "down" threshold. */
    DOWN;

    /** The metric label value, e.g. {@code degraded}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** 0 for UP, 1 for DEGRADED, 2 for DOWN; UNKNOWN has none (-1) because it is no judgement at all. */
    int severity() {
        return switch (this) {
            case UNKNOWN -> -1;
            case UP -> 0;
            case DEGRADED -> 1;
            case DOWN -> 2;
        };
    }
}
