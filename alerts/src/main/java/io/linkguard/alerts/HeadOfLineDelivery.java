package io.linkguard.alerts;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Delivery of a channel's spooled messages, oldest first (head of line: a retried message is never
 * overtaken), one attempt per rate-limit token, with exponential backoff and full jitter between failures
 * ({@link Backoff}), honouring Retry-After; and the periodic re-post of a channel's state (Alertmanager's
 * firing alerts). Holds the attempt state: the head being tried, the failures in a row, when the next
 * attempt is due. Owned by the channel's thread.
 */
final class HeadOfLineDelivery {
    private final Channel channel;
    private final Sender sender;
    private final Spool spool;
    private final ChannelReport report;
    private final Redactor redactor;
    private final TokenBucket bucket;
    private final Backoff backoff;
    private final ChannelClock clock;
    private final SpoolPause pause;

    private Spool.Head head;
    private int failures;
    private long nextAttemptNanos;
    private int repeatFailures;
    private long nextRepeatNanos;

    HeadOfLineDelivery(Channel channel, Sender sender, Spool spool, ChannelReport report, Redactor redactor,
                       TokenBucket bucket, Backoff backoff, ChannelClock clock, SpoolPause pause) {
        this.channel = channel;
        this.sender = sender;
        this.spool = spool;
        this.report = report;
        this.redactor = redactor;
        this.bucket = bucket;
        this.backoff = backoff;
        this.clock = clock;
        this.pause = pause;
        long now = clock.nanoTime();
        this.nextAttemptNanos = now;
        this.nextRepeatNanos = now; // re-post firing alerts soon after a (re)start
    }

    /** When the oldest message may be tried again (after a failure, Retry-After, or a spool error). */
    long nextAttemptNanos() {
        return nextAttemptNanos;
    }

    /** When the channel's state is due to be re-posted, if it re-posts at all. */
    long nextRepeatNanos() {
        return nextRepeatNanos;
    }

    /** Whether this channel re-posts its state and it is due {@code now}. */
    boolean repeatDue(long now) {
        return channel.repeatInterval().isPresent() && now - nextRepeatNanos >= 0;
    }

    /** The spool's bounds pushed these messages out: if the head being retried is one, start afresh. */
    void pushedOut(List<Spool.Entry> gone) {
        if (head != null && gone.contains(head.entry())) {
            head = null;
            failures = 0;
            nextAttemptNanos = clock.nanoTime();
        }
    }

    /** Ends the send in progress (and any later one) as a failed attempt: the channel is closing. */
    void abortSend() {
        sender.abort();
    }

    /**
     * One attempt at the oldest message.
     *
     * @return false if it must wait for a rate-limit token
     */
    boolean attemptHead(long now) {
        try {
            if (head == null) {
                head = spool.head().orElse(null);
                if (head == null) {
                    return true;
                }
            }
        } catch (IOException e) {
            pause.failed(now, e);
            nextAttemptNanos = now + SpoolPause.PAUSE_NANOS; // the disk first: no tight loop on a failing read
            return true;
        }
        Optional<Request> request;
        try {
            request = channel.request(head.message(), clock.instant());
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
        long after = clock.nanoTime();
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
    boolean attemptRepeat(long now) {
        long interval = channel.repeatInterval().orElseThrow().toNanos();
        Optional<Request> request = channel.repeat(clock.instant());
        if (request.isEmpty()) {
            nextRepeatNanos = now + interval;
            return false;
        }
        if (!bucket.tryTake(now)) {
            return false;
        }
        DeliveryOutcome outcome = send(request.get());
        long after = clock.nanoTime();
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
            o = channel.outcome(r, clock.instant());
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
        nextAttemptNanos = clock.nanoTime();
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
            pause.failed(clock.nanoTime(), e);
        }
    }
}
