package io.linkguard.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one request to a channel carries: a group of events. The id is fixed when the group opens and
 * stored with it, so it is the same on every retry and after a restart (the webhook's
 * {@code Idempotency-Key}).
 *
 * @param id      a random UUID
 * @param created when the group's first event arrived
 * @param events  in arrival order, at least one
 */
record Message(String id, Instant created, List<AlertEvent> events) {

    Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a message has at least one event");
        }
    }
}
