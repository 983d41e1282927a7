package io.linkguard.alerts;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * After a spool I/O error the channel leaves the spool alone for a second (the disk first: no tight loop
 * on a failing disk); events are held in memory meanwhile and written when it works again. Owned by the
 * channel's thread.
 */
final class SpoolPause {
    static final long PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ChannelReport report;
    private long untilNanos;

    SpoolPause(ChannelReport report, long nowNanos) {
        this.report = report;
        this.untilNanos = nowNanos;
    }

    /** A spool operation failed {@code nowNanos}: pause, and report it (sparingly, see ChannelReport). */
    void failed(long nowNanos, IOException e) {
        untilNanos = nowNanos + PAUSE_NANOS;
        report.spoolError(nowNanos, e);
    }

    /** Whether the spool may be written {@code nowNanos}. */
    boolean over(long nowNanos) {
        return nowNanos - untilNanos >= 0;
    }

    /** When the pause ends (or ended). */
    long untilNanos() {
        return untilNanos;
    }
}
