package io.linkguard.alerts;

import io.linkguard.core.log.Log;
import io.linkguard.core.supervise.Heartbeat;
import io.linkguard.core.supervise.Loops;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One channel's delivery thread. Events come in through a small bounded inbox ({@link #offer} never
 * blocks), are collected into a group that is written to the spool as it grows ({@link GroupCollector}),
 * and the group is sealed into a message when its window has passed and the channel could send now
 * (nothing older waiting, a rate-limit token available) or when it is full. While the channel cannot send,
 * the group keeps collecting: a rate limit or an outage makes fewer, fuller messages, never lost ones.
 * Sealed messages go out oldest first ({@link HeadOfLineDelivery}). All timing runs on the injected
 * {@link ChannelClock}.
 */
final class ChannelWorker {
    /** Events between producers and this thread; the thread drains it in microseconds unless inside a POST. */
    static final int INBOX = 256;
    private static final long MAX_PARK = TimeUnit.SECONDS.toNanos(60);
    private static final long MAX_BEAT_PARK = TimeUnit.SECONDS.toNanos(1);
    /**
     * Longest silence of the heartbeat: one delivery attempt, bounded as a whole by HttpPost's exchange
     * deadline ({@link HttpPost#MAX_EXCHANGE}, 46 s at most), with room to spare.
     */
    static final Duration MAX_SILENCE = Duration.ofSeconds(60);

    static {
        if (HttpPost.MAX_EXCHANGE.plusSeconds(5).compareTo(MAX_SILENCE) > 0) {
            throw new AssertionError("one send may outlast the heartbeat bound");
        }
    }
    private static final long FAILURE_PARK = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MIN_PARK = TimeUnit.MILLISECONDS.toNanos(1);

    private final Channel channel;
    private final ChannelClock clock;
    private final Spool spool;
    private final ChannelReport report;
    private final Redactor redactor;
    private final TokenBucket bucket;
    private final ArrayBlockingQueue<AlertEvent> inbox = new ArrayBlockingQueue<>(INBOX);
    private final Thread thread;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean closing;
    private volatile long closeDeadline;

    // The channel thread's own (the constructor runs before the thread starts).
    private final SpoolPause pause;
    private final GroupCollector group;
    private final HeadOfLineDelivery delivery;

    ChannelWorker(Channel channel, Sender sender, Spool.Opener spoolOpener, Duration groupWindow, int groupMax,
                  TokenBucket bucket, Backoff backoff, ChannelCounters counters, Redactor redactor,
                  ChannelClock clock) throws IOException {
        this.channel = channel;
        this.clock = clock;
        this.report = new ChannelReport(channel.name(), channel.type(), counters, clock);
        this.redactor = redactor;
        this.bucket = bucket;
        this.spool = spoolOpener.open(report::corrupt);
        this.pause = new SpoolPause(report, clock.nanoTime());
        this.delivery = new HeadOfLineDelivery(channel, sender, spool, report, redactor, bucket, backoff, clock,
                pause);
        this.group = new GroupCollector(channel, spool, report, pause, clock, groupWindow, groupMax,
                delivery::pushedOut);
        recover(); // before start() returns, so status and metrics show what waits from the last run
        this.thread = Thread.ofPlatform().daemon(true).name("alerts-" + channel.name()).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    String name() {
        return channel.name();
    }

    /** Queues an event for this channel. Never blocks: when the inbox is full the event is counted as dropped. */
    void offer(AlertEvent e) {
        if (closing) {
            return;
        }
        if (inbox.offer(e)) {
            clock.unpark(thread);
        } else {
            report.queueFull();
        }
    }

    /** Asks the thread to flush what it can until {@code deadlineNanos} (on its clock) and stop. */
    void beginClose(long deadlineNanos) {
        closeDeadline = deadlineNanos;
        closing = true;
        clock.unpark(thread);
    }

    /** Ends the send in progress (and any later one) as a failed attempt: {@link #beginClose}'s deadline passed. */
    void abortSend() {
        delivery.abortSend();
    }

    boolean awaitFinished(long nanos) throws InterruptedException {
        return finished.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** What waits on this channel now. */
    AlertCounters.ChannelQueue queue() {
        return new AlertCounters.ChannelQueue(name(), report.queueDepth(), report.oldestPendingAgeSeconds());
    }

    ChannelStatus status() {
        return report.status();
    }

    /**
     * A supervised loop (Loops): a RuntimeException is counted in
     * linkguard_internal_errors_total{thread="alerts"} and the loop starts over (its state is in fields and
     * the spool); an Error halts the process. The heartbeat's bound covers one delivery attempt.
     */
    private void run() {
        Loops loops = Loops.process();
        Heartbeat heartbeat = loops.enter(MAX_SILENCE);
        try {
            while (true) {
                try {
                    loop();
                    break;
                } catch (RuntimeException e) {
                    loops.failed(e);
                    Log.error("alert channel %s: delivery failed: %s; retrying", name(),
                            redactor.apply(e.toString()));
                    clock.parkNanos(this, FAILURE_PARK); // a failure that repeats must not spin
                }
            }
        } catch (Error e) {
            loops.fatal(Thread.currentThread().getName(), "alert delivery failed", e);
        } finally {
            heartbeat.close();
            finished.countDown();
        }
    }

    /** Spool replay: the group that was collecting at the last stop is sealed; the spooled messages follow. */
    private void recover() {
        group.recover(clock.nanoTime());
        if (!spool.isEmpty()) {
            Log.notice("alert channel %s: %d message(s) from before the restart are waiting"
                    + " in the spool", name(), spool.size());
        }
        group.reportQueue();
    }

    private void loop() {
        while (true) {
            Loops.process().beatCurrent();
            long now = clock.nanoTime();
            boolean stopping = closing;
            drain(now);
            if (group.sealable(now)
                    && (stopping || (group.windowPassed(now) && spool.isEmpty() && bucket.hasToken(now)))) {
                group.seal(now);
            }
            group.reportQueue();
            if (stopping && ((spool.isEmpty() && group.isEmpty()) || now - closeDeadline >= 0)) {
                return;
            }
            if (!spool.isEmpty()) {
                if (now - delivery.nextAttemptNanos() >= 0 && delivery.attemptHead(now)) {
                    continue;
                }
            } else if (group.isEmpty() && !stopping && delivery.repeatDue(now) && delivery.attemptRepeat(now)) {
                continue;
            }
            if (inbox.isEmpty()) {
                // At most a second, so the heartbeat shows the thread alive while nothing is due.
                clock.parkNanos(this, Math.min(wakeIn(clock.nanoTime(), stopping), MAX_BEAT_PARK));
            }
        }
    }

    /** Nanoseconds until something may be due: the group's window, a retry, a token, a re-post, the close deadline. */
    private long wakeIn(long now, boolean stopping) {
        long wake = now + MAX_PARK;
        long token = now + bucket.nanosUntilToken(now);
        if (!group.isEmpty() && spool.isEmpty()) {
            wake = Math.min(wake, group.sealableAt(token));
        }
        if (!spool.isEmpty()) {
            wake = Math.min(wake, Math.max(delivery.nextAttemptNanos(), token));
        } else if (group.isEmpty() && channel.repeatInterval().isPresent()) {
            wake = Math.min(wake, Math.max(delivery.nextRepeatNanos(), token));
        }
        if (stopping) {
            wake = Math.min(wake, closeDeadline);
        }
        return Math.max(MIN_PARK, wake - now);
    }

    private void drain(long now) {
        for (int i = 0; i < INBOX; i++) {
            AlertEvent e = inbox.poll();
            if (e == null) {
                break;
            }
            group.add(e, now);
        }
        group.writeIfGrown(now);
    }
}
