package io.linkguard.alerts;

/**
 * Where the agent hands alert events to: each link's controller is the only producer; the alerts module
 * knows nothing more of them.
 */
public interface AlertSink {

    /**
     * Hands over an event. Never blocks the caller (probe and BFD threads call it): the event is
     * queued and delivered by each channel's own thread.
     */
    void publish(AlertEvent e);

    /** Discards every event: the agent without an {@code alerts:} section. */
    AlertSink NONE = e -> { };
}
