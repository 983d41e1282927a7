package io.linkguard.alerts;

/** Why a channel gave up on a message or an event: the {@code reason} of linkguard_alerts_dropped_total. */
public enum DropReason {
    /** The oldest messages, dropped past the spool's bound (or events, while the spool cannot be written). */
    SPOOL_FULL("spool_full"),
    /** The endpoint refused the message for good (a 4xx), or it could not even be formatted. */
    REJECTED("rejected"),
    /** An unreadable spool file, set aside in {@code corrupt/}. */
    CORRUPT("corrupt"),
    /** An event that found the channel's inbox full, before it reached the spool. */
    QUEUE_FULL("queue_full");

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    /** The label value, as metrics and logs show it. */
    public String label() {
        return label;
    }
}
