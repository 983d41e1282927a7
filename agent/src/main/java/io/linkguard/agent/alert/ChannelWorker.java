package io.linkguard.agent.alert;

import io.linkguard.agent.log.Log;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
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
    private static final long MIN_PARK = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long SPOOL_ERROR_PAUSE = TimeUnit.SECONDS.toNanos(1);

    private final Channel channel;
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
    private final List<AlertEvent> openEvents = new ArrayList<>();
    private String openId;
    private Instant openCreated;
    private long openedNanos;
    private boolean openDirty;
    private Spool.Head head;
    private int failures;
    private long nextAttemptNanos;
    private int repeatFailures;
    private long nextRepeatNanos;
    private long spoolBlockedUntil;

    ChannelWorker(Channel channel, Spool.Opener spoolOpener, Duration groupWindow, int groupMax, TokenBucket bucket,
                  Backoff backoff, AlertMetrics metrics, Redactor redactor) throws IOException {
        this.channel = channel;
        this.report = new ChannelReport(channel.name(), channel.type(), metrics);
        this.redactor = redactor;
        this.bucket = bucket;
        this.backoff = backoff;
        this.windowNanos = groupWindow.toNanos();
        this.groupMax = groupMax;
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

    private void run() {
        try {
            loop();
        } catch (RuntimeException | Error e) {
            Log.error("alert channel %s: delivery thread failed: %s; its alerts stay in the"
                    + " spool until the agent restarts", name(), redactor.apply(e.toString()));
        } finally {
            finished.countDown();
        }
    }

    /** A group that was collecting when the agent stopped is sealed first; the spooled messages follow. */
    private void recover() {
        long now = System.nanoTime();
        try {
            Optional<Message> open = spool.readOpen();
            if (open.isPresent()) {
                openId = open.get().id();
                openCreated = open.get().created();
                openEvents.addAll(open.get().events());
                openedNanos = now;
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
            long now = System.nanoTime();
            boolean stopping = closing;
            drain(now);
            if (!openEvents.isEmpty() && now - spoolBlockedUntil >= 0
                    && (stopping || (now - openedNanos >= windowNanos && spool.isEmpty() && bucket.hasToken(now)))) {
                seal(now);
            }
            updateQueue();
            if (stopping && ((spool.isEmpty() && openEvents.isEmpty()) || now - closeDeadline >= 0)) {
                return;
            }
            if (!spool.isEmpty()) {
                if (now - nextAttemptNanos >= 0 && attemptHead(now)) {
                    continue;
                }
            } else if (openEvents.isEmpty() && !stopping && channel.repeatInterval().isPresent()
                    && now - nextRepeatNanos >= 0 && attemptRepeat(now)) {
                continue;
            }
            if (inbox.isEmpty()) {
                LockSupport.parkNanos(this, wakeIn(System.nanoTime(), stopping));
            }
        }
    }

    /** Nanoseconds until something may be due: the group's window, a retry, a token, a re-post, the close deadline. */
    private long wakeIn(long now, boolean stopping) {
        long wake = now + MAX_PARK;
        long token = now + bucket.nanosUntilToken(now);
        if (!openEvents.isEmpty() && spool.isEmpty()) {
            wake = Math.min(wake, Math.max(Math.max(openedNanos + windowNanos, token), spoolBlockedUntil));
        }
        if (!spool.isEmpty()) {
            wake = Math.min(wake, Math.max(nextAttemptNanos, token));
        } else if (openEvents.isEmpty() && channel.repeatInterval().isPresent()) {
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
        if (openDirty && !openEvents.isEmpty() && now - spoolBlockedUntil >= 0) {
            try {
                spool.writeOpen(openMessage());
                openDirty = false;
            } catch (IOException ex) {
                spoolError(now, ex);
            }
        }
    }

    private void add(AlertEvent e, long now) {
        if (openEvents.isEmpty()) {
            openId = UUID.randomUUID().toString();
            openCreated = Instant.now();
            openedNanos = now;
        }
        Optional<String> key = channel.replaceKey(e);
        if (key.isPresent()) {
            openEvents.removeIf(old -> channel.replaceKey(old).equals(key));
        }
        if (openEvents.size() >= MAX_UNWRITTEN) {
            openEvents.removeFirst(); // only when the spool cannot be written for a long time
            report.dropped(ChannelReport.DROP_SPOOL_FULL, 1, now);
        }
        openEvents.add(e);
        openDirty = true;
        if (openEvents.size() >= groupMax && now - spoolBlockedUntil >= 0) {
            seal(now);
        }
    }

    private Message openMessage() {
        return new Message(openId, openCreated, openEvents);
    }

    /** Writes the group as the newest message and starts a new group; then enforces the spool's bounds. */
    private void seal(long now) {
        try {
            Message m = openMessage();
            if (openDirty) { // else open.json already holds exactly this group
                spool.writeOpen(m);
            }
            spool.seal(m);
        } catch (IOException e) {
            spoolError(now, e);
            return;
        }
        openEvents.clear();
        openDirty = false;
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
        Outcome outcome = send(request.get());
        long after = System.nanoTime();
        switch (outcome) {
            case Outcome.Delivered d -> {
                report.delivered(d.detail(), failures);
                failures = 0;
                finish(head, true);
            }
            case Outcome.Retry r -> {
                failures++;
                long delay = r.notBefore().map(Duration::toNanos).orElseGet(() -> backoff.delayNanos(failures));
                nextAttemptNanos = after + delay;
                report.failed(r.detail(), "attempt " + failures, delay);
            }
            case Outcome.Rejected j -> {
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
        Outcome outcome = send(request.get());
        long after = System.nanoTime();
        if (outcome instanceof Outcome.Delivered d) {
            report.reposted(d.detail());
            repeatFailures = 0;
            nextRepeatNanos = after + interval;
            return true;
        }
        repeatFailures++;
        long delay = outcome instanceof Outcome.Retry r
                ? r.notBefore().map(Duration::toNanos).orElseGet(() -> backoff.delayNanos(repeatFailures))
                : interval;
        delay = Math.min(delay, interval);
        nextRepeatNanos = after + delay;
        report.failed(outcome.detail(), "re-posting firing alerts", delay);
        return true;
    }

    private Outcome send(Request request) {
        Outcome o;
        try {
            Response r = HttpPost.send(request);
            o = channel.outcome(r, Instant.now());
        } catch (IOException | RuntimeException e) {
            // Exception messages of HttpURLConnection may quote the URL: redacted below.
            o = new Outcome.Retry(e.getClass().getSimpleName() + ": " + e.getMessage(), Optional.empty());
        }
        report.attempted();
        String detail = redactor.apply(o.detail());
        return switch (o) {
            case Outcome.Delivered d -> new Outcome.Delivered(detail);
            case Outcome.Retry r -> new Outcome.Retry(detail, r.notBefore());
            case Outcome.Rejected j -> new Outcome.Rejected(detail);
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
        if (!openEvents.isEmpty() && (oldest < 0 || openCreated.toEpochMilli() < oldest)) {
            oldest = openCreated.toEpochMilli();
        }
        report.queue(spool.size() + (openEvents.isEmpty() ? 0 : 1), oldest);
    }
}
