package io.linkguard.alerts;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * One channel's delivery counts since the process started, across reloads (a reload starts new channel
 * threads, which go on counting here). Written by the channel's thread (and, for {@link DropReason#QUEUE_FULL},
 * by producers); read without locks by whoever exports them.
 */
public final class ChannelCounters {
    private final String channel;
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);

    ChannelCounters(String channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
        for (DropReason r : DropReason.values()) {
            dropped.put(r, new LongAdder());
        }
    }

    /** The channel's configured name (never its URL). */
    public String channel() {
        return channel;
    }

    /** Messages delivered (HTTP 2xx), re-posts included. */
    public long sent() {
        return sent.sum();
    }

    /** Delivery attempts that failed: connect error, timeout, non-2xx. */
    public long failed() {
        return failed.sum();
    }

    /** Messages (or, for {@link DropReason#QUEUE_FULL}, events) given up on for {@code reason}. */
    public long dropped(DropReason reason) {
        return dropped.get(reason).sum();
    }

    void countSent() {
        sent.increment();
    }

    void countFailed() {
        failed.increment();
    }

    void countDropped(DropReason reason, int n) {
        dropped.get(reason).add(n);
    }
}
