package io.linkguard.bfd.engine;

import io.linkguard.bfd.BfdDropReason;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Received packets discarded, by reason, over all sessions and unknown senders: nothing is dropped
 * uncounted. The engine thread counts; any thread reads, without a lock.
 */
final class DropCounts {
    private final Map<BfdDropReason, AtomicLong> counts = new EnumMap<>(BfdDropReason.class);

    DropCounts() {
        for (BfdDropReason r : BfdDropReason.values()) {
            counts.put(r, new AtomicLong());
        }
    }

    /** Counts {@code reason}; null (a session took the packet) counts nothing. */
    void count(BfdDropReason reason) {
        if (reason != null) {
            counts.get(reason).incrementAndGet();
        }
    }

    long get(BfdDropReason reason) {
        return counts.get(reason).get();
    }
}
