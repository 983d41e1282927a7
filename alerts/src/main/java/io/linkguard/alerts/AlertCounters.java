package io.linkguard.alerts;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What the alert channels count and hold, for the exporter to read (the alerts module defines no metrics):
 * each channel's {@link ChannelCounters}, kept for the life of the process so that the dispatchers a reload
 * starts go on counting where the last ones stopped, and the queues of the channels running now.
 * Thread-safe; reading takes no lock a channel thread holds.
 */
public final class AlertCounters {
    /** What waits on one running channel. */
    public record ChannelQueue(String channel, int depth, double oldestPendingAgeSeconds) {
    }

    /** By channel name, sorted: a channel's counters exist from its first start on. */
    private final ConcurrentSkipListMap<String, ChannelCounters> byChannel = new ConcurrentSkipListMap<>();
    /** The dispatcher whose channels run now, and their queues. */
    private volatile Map.Entry<Object, List<Supplier<ChannelQueue>>> running = Map.entry(new Object(), List.of());

    /** Every channel started since the process began, by name; a removed channel keeps its last counts. */
    public List<ChannelCounters> channels() {
        return List.copyOf(byChannel.values());
    }

    /** The counters of channel {@code name}; created at zero on first use. */
    public ChannelCounters channel(String name) {
        return byChannel.computeIfAbsent(name, ChannelCounters::new);
    }

    /** The queues of the channels running now (none while a reload switches dispatchers). */
    public List<ChannelQueue> queues() {
        return running.getValue().stream().map(Supplier::get).toList();
    }

    /** Shows the queues of {@code owner}'s channels (a dispatcher's) from now on. */
    void showQueues(Object owner, List<Supplier<ChannelQueue>> queues) {
        running = Map.entry(owner, List.copyOf(queues));
    }

    /** Stops showing {@code owner}'s queues, if they are still the ones shown. */
    void hideQueues(Object owner) {
        if (running.getKey() == owner) {
            running = Map.entry(new Object(), List.of());
        }
    }
}
