package io.linkguard.alerts;

import io.linkguard.core.log.Log;
import io.linkguard.core.supervise.Heartbeat;
import io.linkguard.core.supervise.Loops;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One channel's delivery thread. Events come in through a small bounded inbox ({@link #offer} never
 * blocks), are collected into a group that is written to the spool as it grows, and the group is
 * sealed into a message when its window has passed and the channel could send now (nothing older
 * waiting, a rate-limit token available) or when it is full. While the channel cannot send, the group
 * keeps collecting: a rate limit or an outage makes fewer, fuller messages, never lost ones. Sealed
 * messages go out oldest first (head of line: a retried message is never overtaken), one attempt per
 * token, with exponential backoff and full jitter between failures, honouring Retry-After.
 */
final class ChannelWorker {
    /** Events between producers and this thread; the thread drains it in microseconds unless inside a POST. */
    static final int INBOX = 256;
    /** A group that cannot be written (disk full) stops growing here: the oldest events go. */
    static final int MAX_UNWRITTEN = 1000;
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
    private static final long SPOOL_ERROR_PAUSE = TimeUnit.SECONDS.toNanos(1);

    private final Channel channel;
    private final Sender sender;
    private final Spool spool;
    private final ChannelReport report;
    private final Redactor redactor;
    private final TokenBucket bucket;
    private final Backoff backoff;
    private final long windowNanos;
    private final int groupMax;
    private final ArrayBlockingQueue<AlertEvent> inbox = new ArrayBlockingQueue<>(INBOX);
    private final Thread thread;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean closing;
    private volatile long closeDeadline;

    // The channel thread's own state (the constructor runs before the thread starts).
    private final OpenGroup open;
    private Spool.Head head;
    private int failures;
    private long nextAttemptNanos;
    private int repeatFailures;
    private long nextRepeatNanos;
    private long spoolBlockedUntil;

    ChannelWorker(Channel channel, Sender sender, Spool.Opener spoolOpener, Duration groupWindow, int groupMax,
                  TokenBucket bucket, Backoff backoff, AlertMetrics metrics, Redactor redactor) throws IOException {
        this.channel = channel;
        this.sender = sender;
        this.report = new ChannelReport(channel.name(), channel.type(), metrics);
        this.redactor = redactor;
        this.bucket = bucket;
        this.backoff = backoff;
        this.windowNanos = groupWindow.toNanos();
        this.groupMax = groupMax;
        this.open = new OpenGroup(channel::replaceKey, MAX_UNWRITTEN);
        this.spool = spoolOpener.open(report::corrupt);
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
            LockSupport.unpark(thread);
        } else {
            report.queueFull();
        }
    }

    /** Asks the thread to flush what it can until {@code deadlineNanos} and stop. */
    void beginClose(long deadlineNanos) {
        closeDeadline = deadlineNanos;
        closing = true;
        LockSupport.unpark(thread);
    }

    /** Ends the send in progress (and any later one) as a failed attempt: {@link #beginClose}'s deadline passed. */
    void abortSend() {
        sender.abort();
    }

    boolean awaitFinished(long nanos) throws InterruptedException {
        return finished.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    int queueDepth() {
        return report.queueDepth();
    }

    double oldestPendingAgeSeconds() {
        return report.oldestPendingAgeSeconds();
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
                    LockSupport.parkNanos(this, FAILURE_PARK); // a failure that repeats must not spin
                }
            }
        } catch (Error e) {
            loops.fatal(Thread.currentThread().getName(), "alert delivery failed", e);
        } finally {
            heartbeat.close();
            finished.countDown();
        }
    }

    /** A group that was collecting when the agent stopped is sealed first; the spooled messages follow. */
    private void recover() {
        long now = System.nanoTime();
        try {
            Optional<Message> unsealed = spool.readOpen();
            if (unsealed.isPresent()) {
                open.restore(unsealed.get(), now);
                seal(now);
            }
        } catch (IOException e) {
            spoolError(now, e);
        }
        if (!spool.isEmpty()) {
            Log.notice("alert channel %s: %d message(s) from before the restart are waiting"
                    + " in the spool", name(), spool.size());
        }
        nextRepeatNanos = now; // re-post firing alerts soon after a restart
        updateQueue();
    }

    private void loop() {
        while (true) {
            Loops.process().beatCurrent();
            long now = System.nanoTime();
            boolean stopping = closing;
            drain(now);
            if (!open.isEmpty() && now - spoolBlockedUntil >= 0
                    && (stopping || (now - open.openedNanos() >= windowNanos && spool.isEmpty()
                    && bucket.hasToken(now)))) {
                seal(now);
            }
            updateQueue();
            if (stopping && ((spool.isEmpty() && open.isEmpty()) || now - closeDeadline >= 0)) {
                return;
            }
            if (!spool.isEmpty()) {
                if (now - nextAttemptNanos >= 0 && attemptHead(now)) {
                    continue;
                }
            } else if (open.isEmpty() && !stopping && channel.repeatInterval().isPresent()
                    && now - nextRepeatNanos >= 0 && attemptRepeat(now)) {
                continue;
            }
            if (inbox.isEmpty()) {
                // At most a second, so the heartbeat shows the thread alive while nothing is due.
                LockSupport.parkNanos(this, Math.min(wakeIn(System.nanoTime(), stopping), MAX_BEAT_PARK));
            }
        }
    }

    /** Nanoseconds until something may be due: the group's window, a retry, a token, a re-post, the close deadline. */
    private long wakeIn(long now, boolean stopping) {
        long wake = now + MAX_PARK;
        long token = now + bucket.nanosUntilToken(now);
        if (!open.isEmpty() && spool.isEmpty()) {
            wake = Math.min(wake, Math.max(Math.max(open.openedNanos() + windowNanos, token), spoolBlockedUntil));
        }
        if (!spool.isEmpty()) {
            wake = Math.min(wake, Math.max(nextAttemptNanos, token));
        } else if (open.isEmpty() && channel.repeatInterval().isPresent()) {
            wake = Math.min(wake, Math.max(nextRepeatNanos, token));
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
            add(e, now);
        }
        if (open.dirty() && !open.isEmpty() && now - spoolBlockedUntil >= 0) {
            try {
                spool.writeOpen(open.message());
                open.written();
            } catch (IOException ex) {
                spoolError(now, ex);
            }
        }
    }

    private void add(AlertEvent e, long now) {
        int dropped = open.add(e, now); // only when the spool cannot be written for a long time
        if (dropped > 0) {
            report.dropped(ChannelReport.DROP_SPOOL_FULL, dropped, now);
        }
        if (open.size() >= groupMax && now - spoolBlockedUntil >= 0) {
            seal(now);
        }
    }

    /** Writes the group as the newest message and starts a new group; then enforces the spool's bounds. */
    private void seal(long now) {
        try {
            Message m = open.message();
            if (open.dirty()) { // else open.json already holds exactly this group
                spool.writeOpen(m);
            }
            spool.seal(m);
        } catch (IOException e) {
            spoolError(now, e);
            return;
        }
        open.clear();
        try {
            List<Spool.Entry> gone = spool.enforceBounds();
            if (!gone.isEmpty()) {
                if (head != null && gone.contains(head.entry())) {
                    head = null;
                    failures = 0;
                    nextAttemptNanos = now;
                }
                report.dropped(ChannelReport.DROP_SPOOL_FULL, gone.size(), now);
            }
        } catch (IOException e) {
            spoolError(now, e);
        }
    }

    /**
     * One attempt at the oldest message.
     *
     * @return false if it must wait for a rate-limit token
     */
    private boolean attemptHead(long now) {
        try {
            if (head == null) {
                head = spool.head().orElse(null);
                if (head == null) {
                    return true;
                }
            }
        } catch (IOException e) {
            spoolError(now, e);
            nextAttemptNanos = now + SPOOL_ERROR_PAUSE; // the disk first: no tight loop on a failing read
            return true;
        }
        Optional<Request> request;
        try {
            request = channel.request(head.message(), Instant.now());
        } catch (RuntimeException e) {
            report.unformattable(head.message().id(), redactor.apply(e.toString()), now);
            finish(head, false);
            return true;
        }
        if (request.isEmpty()) {
            finish(head, true); // nothing to tell this channel (e.g. Alertmanager: nothing changed)
            return true;
        }
        if (!bucket.tryTake(now)) {
            return false;
        }
        DeliveryOutcome outcome = send(request.get());
        long after = System.nanoTime();
        switch (outcome) {
            case DeliveryOutcome.Delivered d -> {
                report.delivered(d.detail(), failures);
                failures = 0;
                finish(head, true);
            }
            case DeliveryOutcome.Retry r -> {
                failures++;
                long delay = r.notBefore().map(Duration::toNanos).orElseGet(() -> backoff.delayNanos(failures));
                nextAttemptNanos = after + delay;
                report.failed(r.detail(), "attempt " + failures, delay);
            }
            case DeliveryOutcome.Rejected j -> {
                failures = 0;
                report.rejected(j.detail(), after);
                finish(head, false);
            }
        }
        return true;
    }

    /** Re-posts the channel's state (Alertmanager's firing alerts); false if nothing was sent. */
    private boolean attemptRepeat(long now) {
        long interval = channel.repeatInterval().orElseThrow().toNanos();
        Optional<Request> request = channel.repeat(Instant.now());
        if (request.isEmpty()) {
            nextRepeatNanos = now + interval;
            return false;
        }
        if (!bucket.tryTake(now)) {
            return false;
        }
        DeliveryOutcome outcome = send(request.get());
        long after = System.nanoTime();
        if (outcome instanceof DeliveryOutcome.Delivered d) {
            report.reposted(d.detail());
            repeatFailures = 0;
            nextRepeatNanos = after + interval;
            return true;
        }
        repeatFailures++;
        long delay = outcome instanceof DeliveryOutcome.Retry r
                ? r.notBefore().map(Duration::toNanos).orElseGet(() -> backoff.delayNanos(repeatFailures))
                : interval;
        delay = Math.min(delay, interval);
        nextRepeatNanos = after + delay;
        report.failed(outcome.detail(), "re-posting firing alerts", delay);
        return true;
    }

    private DeliveryOutcome send(Request request) {
        DeliveryOutcome o;
        try {
            Response r = sender.send(request);
            o = channel.outcome(r, Instant.now());
        } catch (IOException | RuntimeException e) {
            // Exception messages of HttpURLConnection may quote the URL: redacted below.
            o = new DeliveryOutcome.Retry(e.getClass().getSimpleName() + ": " + e.getMessage(), Optional.empty());
        }
        report.attempted();
        String detail = redactor.apply(o.detail());
        return switch (o) {
            case DeliveryOutcome.Delivered d -> new DeliveryOutcome.Delivered(detail);
            case DeliveryOutcome.Retry r -> new DeliveryOutcome.Retry(detail, r.notBefore());
            case DeliveryOutcome.Rejected j -> new DeliveryOutcome.Rejected(detail);
        };
    }

    /** The message leaves the spool: delivered (the channel commits its state first) or given up on. */
    private void finish(Spool.Head h, boolean delivered) {
        head = null;
        nextAttemptNanos = System.nanoTime();
        try {
            if (delivered) {
                channel.delivered(h.message());
            }
        } catch (IOException e) {
            report.stateError(e);
        }
        try {
            spool.remove(h.entry());
        } catch (IOException e) {
            spoolError(System.nanoTime(), e);
        }
    }

    private void spoolError(long now, IOException e) {
        spoolBlockedUntil = now + SPOOL_ERROR_PAUSE;
        report.spoolError(now, e);
    }

    private void updateQueue() {
        OptionalLong sealed = spool.oldestCreatedMillis();
        long oldest = sealed.isPresent() ? sealed.getAsLong() : -1;
        if (!open.isEmpty() && (oldest < 0 || open.createdMillis() < oldest)) {
            oldest = open.createdMillis();
        }
        report.queue(spool.size() + (open.isEmpty() ? 0 : 1), oldest);
    }
}
