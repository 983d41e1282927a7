package io.linkguard.alerts;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/** Counts and queues set by hand, for tests outside this package that read {@link AlertCounters} (the exporter's). */
public final class CounterUpdates {
    private CounterUpdates() {
    }

    public static void sent(ChannelCounters c, int n) {
        for (int i = 0; i < n; i++) {
            c.countSent();
        }
    }

    public static void failed(ChannelCounters c, int n) {
        for (int i = 0; i < n; i++) {
            c.countFailed();
        }
    }

    public static void dropped(ChannelCounters c, DropReason reason, int n) {
        c.countDropped(reason, n);
    }

    /** Shows these queues as the running channels', as a started dispatcher does. */
    public static void running(AlertCounters counters, Object dispatcher, AlertCounters.ChannelQueue... queues) {
        List<Supplier<AlertCounters.ChannelQueue>> shown = Arrays.stream(queues)
                .<Supplier<AlertCounters.ChannelQueue>>map(q -> () -> q).toList();
        counters.showQueues(dispatcher, shown);
    }

    /** As a closed dispatcher does. */
    public static void stopped(AlertCounters counters, Object dispatcher) {
        counters.hideQueues(dispatcher);
    }
}
