package io.linkguard.probes.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * CLOCK_REALTIME in nanoseconds, read with clock_gettime(2). Kernel receive
 * timestamps (SO_TIMESTAMPNS) are on this clock, so send stamps that are
 * subtracted from them must be too; System.nanoTime is CLOCK_MONOTONIC.
 */
public final class RealtimeClock {
    private static final ThreadLocal<MemorySegment> TIMESPEC =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(16, 8));

    private RealtimeClock() {
    }

    /**
     * Whether the wall clock stepped while something was timed on both clocks: the realtime and
     * monotonic elapsed times differ by more than 10 ms (a realtime stamp and its monotonic partner
     * are taken a few µs apart; NTP slewing is at most 500 ppm) plus 1 % of the elapsed time. A
     * realtime difference (kernel receive stamp minus send stamp) that straddles a step is no RTT.
     */
    public static boolean stepped(long elapsedRealtimeNanos, long elapsedMonotonicNanos) {
        return Math.abs(elapsedRealtimeNanos - elapsedMonotonicNanos) > stepToleranceNanos(elapsedMonotonicNanos);
    }

    /** The tolerance {@link #stepped} allows for an interval of {@code elapsedMonotonicNanos}. */
    public static long stepToleranceNanos(long elapsedMonotonicNanos) {
        return 10_000_000L + Math.abs(elapsedMonotonicNanos) / 100;
    }

    public static long nowNanos() {
        MemorySegment ts = TIMESPEC.get();
        try {
            int rc = (int) Libc.CLOCK_GETTIME.invokeExact(LinuxConstants.CLOCK_REALTIME, ts);
            if (rc != 0) {
                throw new IllegalStateException("clock_gettime(CLOCK_REALTIME) failed");
            }
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        return ts.get(ValueLayout.JAVA_LONG, 0) * 1_000_000_000L + ts.get(ValueLayout.JAVA_LONG, 8);
    }
}
