package io.linkguard.alerts;

import io.linkguard.core.log.Log;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What happened on one channel, for the three places it is told: the counters the exporter reads
 * ({@link ChannelCounters}), the log, and {@link ChannelStatus}. Logging is sparing on purpose: the first
 * failure of a streak is a warning and the recovery a notice, repeats go to debug; a refusal is an error
 * once until the next success. Every detail passed in has already been through the {@link Redactor}.
 * Written by the channel's thread (except {@link #queueFull}); read by any.
 */
final class ChannelReport {
    private static final long LOG_INTERVAL = TimeUnit.SECONDS.toNanos(60);

    private final String name;
    private final String type;
    private final ChannelCounters counters;
    private final ChannelClock clock;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong lastQueueFullLog = new AtomicLong(Long.MIN_VALUE / 2);
    private volatile String lastResult = "none yet";
    private volatile Instant lastAttemptAt;
    private volatile int depth;
    private volatile long oldestMillis = -1;
    // The channel thread's own.
    private boolean failureLogged;
    private boolean rejectionLogged;
    private long lastDropLog = Long.MIN_VALUE / 2;
    private long lastSpoolLog = Long.MIN_VALUE / 2;

    ChannelReport(String name, String type, ChannelCounters counters, ChannelClock clock) {
        this.name = name;
        this.type = type;
        this.counters = counters;
        this.clock = clock;
    }

    String name() {
        return name;
    }

    void attempted() {
        lastAttemptAt = clock.instant();
    }

    /** A message went through; {@code failuresBefore} attempts of it had failed. */
    void delivered(String detail, int failuresBefore) {
        counters.countSent();
        sent.incrementAndGet();
        if (failuresBefore > 0) {
            Log.notice("alert channel %s: delivering again after %d failed attempt(s)", name, failuresBefore);
        }
        failureLogged = false;
        rejectionLogged = false;
        lastResult = detail;
    }

    /** The periodic re-post of state went through. */
    void reposted(String detail) {
        counters.countSent();
        sent.incrementAndGet();
        lastResult = detail + " (re-posted firing alerts)";
    }

    /** An attempt failed and will be retried in {@code delayNanos}. */
    void failed(String detail, String what, long delayNanos) {
        counters.countFailed();
        failed.incrementAndGet();
        lastResult = detail + "; " + what + ", next in " + seconds(delayNanos);
        if (!failureLogged) {
            Log.warn("alert channel %s: delivery failed (%s); retrying in %s, alerts are kept in the spool", name,
                    detail, seconds(delayNanos));
            failureLogged = true;
        } else {
            Log.debug("alert channel %s: delivery failed again (%s); retrying in %s", name, detail,
                    seconds(delayNanos));
        }
    }

    /** The endpoint refused a message for good: it is dropped. */
    void rejected(String detail, long now) {
        counters.countFailed();
        failed.incrementAndGet();
        dropped(DropReason.REJECTED, 1, now);
        lastResult = "rejected: " + detail + " (message dropped)";
        if (!rejectionLogged) {
            Log.error("alert channel %s: the endpoint refused a message for good (%s); dropped it. Check the"
                    + " channel's settings (linkguard alert test %s)", name, detail, name);
            rejectionLogged = true;
        } else {
            Log.debug("alert channel %s: refused again (%s), dropped", name, detail);
        }
    }

    /** A message that cannot even be formatted (a bug): dropped rather than blocking the channel. */
    void unformattable(String id, String problem, long now) {
        dropped(DropReason.REJECTED, 1, now);
        Log.error("alert channel %s: cannot format message %s, dropped it: %s", name, id, problem);
    }

    void dropped(DropReason reason, int n, long now) {
        counters.countDropped(reason, n);
        dropped.addAndGet(n);
        if (reason == DropReason.SPOOL_FULL && now - lastDropLog >= LOG_INTERVAL) {
            lastDropLog = now;
            Log.warn("alert channel %s: spool full, dropped the %d oldest message(s) (see"
                    + " linkguard_alerts_dropped_total)", name, n);
        }
    }

    void corrupt(String file, String problem) {
        counters.countDropped(DropReason.CORRUPT, 1);
        dropped.incrementAndGet();
        Log.warn("alert channel %s: skipped unreadable spool file %s: %s", name, file, problem);
    }

    /** From a producer's thread: the inbox was full. */
    void queueFull() {
        counters.countDropped(DropReason.QUEUE_FULL, 1);
        dropped.incrementAndGet();
        long now = clock.nanoTime();
        long last = lastQueueFullLog.get();
        if (now - last >= LOG_INTERVAL && lastQueueFullLog.compareAndSet(last, now)) {
            Log.warn("alert channel %s: its queue is full (the delivery thread is busy), events are dropped", name);
        }
    }

    void spoolError(long now, IOException e) {
        if (now - lastSpoolLog >= LOG_INTERVAL) {
            lastSpoolLog = now;
            Log.error("alert channel %s: cannot write its spool: %s; events are held in memory and written when it"
                    + " works again", name, e.toString());
        }
    }

    void stateError(IOException e) {
        Log.error("alert channel %s: cannot save its state: %s", name, e.getMessage());
    }

    /** @param oldest ms since the epoch of the oldest waiting event, or -1 */
    void queue(int depth, long oldest) {
        this.depth = depth;
        this.oldestMillis = oldest;
    }

    int queueDepth() {
        return depth;
    }

    double oldestPendingAgeSeconds() {
        long oldest = oldestMillis;
        return oldest < 0 ? 0 : Math.max(0, clock.millis() - oldest) / 1000.0;
    }

    ChannelStatus status() {
        long oldest = oldestMillis;
        Optional<Duration> age = oldest < 0 ? Optional.empty()
                : Optional.of(Duration.ofMillis(Math.max(0, clock.millis() - oldest)));
        return new ChannelStatus(name, type, depth, age, lastResult, Optional.ofNullable(lastAttemptAt), sent.get(),
                failed.get(), dropped.get());
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1fs", nanos / 1e9);
    }
}
