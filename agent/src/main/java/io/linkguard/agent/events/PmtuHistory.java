package io.linkguard.agent.events;

/**
 * What a link's path-MTU monitor found before, for {@link AlertPolicy}'s "the MTU dropped" rule. One per
 * monitor, so a reload that restarts the link's controller but keeps the probe keeps its history, and a
 * probe restarted with another {@code expected} starts afresh, as before the event flow. Read and written
 * only on the {@code links} thread (it travels inside {@link LinkFact.Pmtu}).
 */
public final class PmtuHistory {
    int lastMtu;
    boolean lastBlackHole;
}
