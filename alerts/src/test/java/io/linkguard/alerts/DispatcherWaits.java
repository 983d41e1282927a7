package io.linkguard.alerts;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** Bounded waits on a dispatcher's channels (real time: for tests whose endpoints and clock are real). */
public final class DispatcherWaits {
    private DispatcherWaits() {
    }

    /** Waits (bounded) until the dispatcher's channels satisfy {@code condition}. */
    public static boolean await(AlertDispatcher d, Predicate<List<ChannelStatus>> condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.test(d.status())) {
                return true;
            }
            FakeEndpoint.sleep(Duration.ofMillis(20));
        }
        return condition.test(d.status());
    }

    public static Predicate<List<ChannelStatus>> idle() {
        return s -> s.stream().allMatch(c -> c.queueDepth() == 0);
    }
}
