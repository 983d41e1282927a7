package io.linkguard.agent.events;

import java.time.InstantSource;
import java.util.function.LongSupplier;

/**
 * The two clocks of a controller: monotonic nanoseconds for health windows, timers and retries, and the
 * wall clock for what people read (alerts, /status). Tests pass fakes and step them.
 */
public record LinkClock(LongSupplier nanoTime, InstantSource wall) {
    public static final LinkClock SYSTEM = new LinkClock(System::nanoTime, InstantSource.system());

    public long nanos() {
        return nanoTime.getAsLong();
    }
}
