package io.linkguard.alerts;

/** Where producers (link supervisors, the BFD listener) hand alert events to. */
public interface AlertSink {

    /**
     * Hands over an event. Never blocks the caller (probe and BFD threads call it): the event is
     * queued and delivered by each channel's own thread.
     */
    void publish(AlertEvent e);

    /** Discards every event: the agent without an {@code alerts:} section. */
    AlertSink NONE = e -> { };
}
