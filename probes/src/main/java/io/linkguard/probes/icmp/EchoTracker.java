package io.linkguard.probes.icmp;

import java.util.ArrayDeque;
import java.util.function.LongConsumer;

/**
 * Matches echo replies to the requests of one target, by 16-bit sequence
 * number (RFC 792: "the identifier and sequence number may be used by the echo
 * sender to aid in matching the replies with the echo requests"). Pure: the
 * caller supplies every time, on the CLOCK_REALTIME nanosecond scale of the
 * kernel receive stamps. Not thread-safe; one probe guards its tracker.
 *
 * <p>A request is PENDING until a reply (SUCCESS), a duplicate reply
 * (DUPLICATE), its deadline (TIMEOUT, then a reply is LATE), or an ICMP error
 * quoting it (FAILED). Slots are reused after 65536 sends, which at the
 * shortest 10 ms interval is after 11 minutes, far past any timeout.
 */
public final class EchoTracker {
    /** What one reply or error meant. */
    public enum Match { SUCCESS, DUPLICATE, LATE, FAILED, UNKNOWN_SEQUENCE }

    private static final int SLOTS = 1 << 16;
    private static final byte EMPTY = 0;
    private static final byte PENDING = 1;
    private static final byte ANSWERED = 2;
    private static final byte EXPIRED = 3;
    private static final byte ERRORED = 4;

    private final long timeoutNanos;
    private final long[] sentNanos = new long[SLOTS];
    private final byte[] state = new byte[SLOTS];
    private final ArrayDeque<Integer> pendingInOrder = new ArrayDeque<>();
    private long lastRttNanos = -1;

    public EchoTracker(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    public void onSent(int sequence, long sentEpochNanos) {
        int s = sequence & 0xffff;
        sentNanos[s] = sentEpochNanos;
        state[s] = PENDING;
        pendingInOrder.addLast(s);
    }

    /**
     * Replaces the send time of a request with a later, more exact stamp
     * (taken just before the syscall). The receive thread holds the probe's
     * lock to match replies, so a reply cannot be matched in between.
     */
    public void refineSent(int sequence, long sentEpochNanos) {
        sentNanos[sequence & 0xffff] = sentEpochNanos;
    }

    /** A reply to {@code sequence} received at {@code receivedEpochNanos}. RTT is in {@link #lastRttNanos()}. */
    public Match onReply(int sequence, long receivedEpochNanos) {
        int s = sequence & 0xffff;
        byte st = state[s];
        if (st == EMPTY) {
            return Match.UNKNOWN_SEQUENCE;
        }
        // Clamp at 0: the send stamp is userspace, the receive stamp kernel; a step of the
        // realtime clock between them must not produce a negative RTT.
        lastRttNanos = Math.max(0, receivedEpochNanos - sentNanos[s]);
        return switch (st) {
            case PENDING -> {
                state[s] = ANSWERED;
                yield Match.SUCCESS;
            }
            case ANSWERED -> Match.DUPLICATE;
            case EXPIRED, ERRORED -> Match.LATE;
            default -> Match.UNKNOWN_SEQUENCE;
        };
    }

    /** An ICMP error (unreachable, time exceeded, too big) quoting {@code sequence}. */
    public Match onError(int sequence) {
        int s = sequence & 0xffff;
        if (state[s] != PENDING) {
            return state[s] == EMPTY ? Match.UNKNOWN_SEQUENCE : Match.DUPLICATE;
        }
        state[s] = ERRORED;
        return Match.FAILED;
    }

    /** Times out every pending request whose deadline is at or before {@code nowEpochNanos}. */
    public void expire(long nowEpochNanos, LongConsumer timedOutSequence) {
        while (!pendingInOrder.isEmpty()) {
            int s = pendingInOrder.peekFirst();
            if (state[s] != PENDING) {
                pendingInOrder.pollFirst();
                continue;
            }
            if (sentNanos[s] + timeoutNanos > nowEpochNanos) {
                return;
            }
            pendingInOrder.pollFirst();
            state[s] = EXPIRED;
            timedOutSequence.accept(s);
        }
    }

    public long sentEpochNanos(int sequence) {
        return sentNanos[sequence & 0xffff];
    }

    public long lastRttNanos() {
        return lastRttNanos;
    }
}
