package io.linkguard.alerts;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The group a channel is collecting: events that will go out as one {@link Message}. Its id and
 * creation time are fixed by its first event, so the spooled group keeps them across restarts. Not
 * thread-safe: owned by one {@link ChannelWorker} thread.
 */
final class OpenGroup {
    private final List<AlertEvent> events = new ArrayList<>();
    private final Function<AlertEvent, Optional<String>> replaceKey;
    private final int maxUnwritten;
    private final InstantSource wallClock;
    private String id;
    private Instant created;
    private long openedNanos;
    private boolean dirty;

    /**
     * @param replaceKey   the channel's {@link Channel#replaceKey}: events with the same key replace each other
     * @param maxUnwritten past this many events (only while the spool cannot be written) the oldest go
     * @param wallClock    the group's creation time, which its message carries
     */
    OpenGroup(Function<AlertEvent, Optional<String>> replaceKey, int maxUnwritten, InstantSource wallClock) {
        this.replaceKey = replaceKey;
        this.maxUnwritten = maxUnwritten;
        this.wallClock = wallClock;
    }

    /** Continues a group the last run spooled but did not seal; it counts as opened {@code now}. */
    void restore(Message m, long now) {
        events.clear();
        events.addAll(m.events());
        id = m.id();
        created = m.created();
        openedNanos = now;
        dirty = false;
    }

    /**
     * Adds an event, opening the group if it was empty.
     *
     * @return how many old events were dropped to stay within the unwritten bound (0 or 1)
     */
    int add(AlertEvent e, long now) {
        if (events.isEmpty()) {
            id = UUID.randomUUID().toString();
            created = wallClock.instant();
            openedNanos = now;
        }
        Optional<String> key = replaceKey.apply(e);
        if (key.isPresent()) {
            events.removeIf(old -> replaceKey.apply(old).equals(key));
        }
        int dropped = 0;
        if (events.size() >= maxUnwritten) {
            events.removeFirst();
            dropped = 1;
        }
        events.add(e);
        dirty = true;
        return dropped;
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    int size() {
        return events.size();
    }

    /** True if events were added since the group was last written to the spool. */
    boolean dirty() {
        return dirty;
    }

    void written() {
        dirty = false;
    }

    /** When the first event arrived (the channel clock's monotonic nanoseconds), for the group window. */
    long openedNanos() {
        return openedNanos;
    }

    /** When the first event arrived, wall clock; for the age of the oldest pending alert. */
    long createdMillis() {
        return created.toEpochMilli();
    }

    Message message() {
        return new Message(id, created, events);
    }

    /** The group was sealed into a message: start afresh. */
    void clear() {
        events.clear();
        dirty = false;
    }
}
