package io.linkguard.probes.icmp;

import io.linkguard.probes.net.RealtimeClock;

import java.util.ArrayDeque;
import java.util.function.LongConsumer;

/**
 * Matches echo replies to the requests of one target, by 16-bit sequence
 * number (RFC 792: "the identifier and sequence number may be used by the echo
 * sender to aid in matching the replies with the echo requests"). Pure: the
 * caller supplies every time. Two clocks, each for what it is right for: RTT
 * is the kernel receive stamp (SO_TIMESTAMPNS, CLOCK_REALTIME) minus the
 * realtime send stamp, the way ping(8) measures it; deadlines run on the
 * monotonic clock (System.nanoTime), so an NTP step cannot make a request look
 * lost. A reply whose realtime and monotonic elapsed times disagree by more
 * than {@link RealtimeClock#stepToleranceNanos} straddles a step of the wall clock: its RTT
 * is meaningless, so it is a {@link Match#CLOCK_STEP}, neither an RTT nor a
 * loss. Not thread-safe; one probe guards its tracker.
 *
 * <p>Requests live in a ring sized to the stream: enough slots for every
 * request that can be pending (timeout / interval) plus a history long enough
 * to recognise late replies for {@link #LATE_HORIZON_NANOS} past the timeout.
 * A reply to a request older than that is reported as UNKNOWN_SEQUENCE.
 *
 * <p>A request is PENDING until a reply (SUCCESS), a duplicate reply
 * (DUPLICATE), its deadline (TIMEOUT, then a reply is LATE), or an ICMP error
 * quoting it (FAILED).
 */
public final class EchoTracker {
    /** What one reply or error meant. */
    public enum Match { SUCCESS, DUPLICATE, LATE, FAILED, UNKNOWN_SEQUENCE, CLOCK_STEP }

    /** How long after its timeout a reply is still recognised as LATE rather than unknown. */
    static final long LATE_HORIZON_NANOS = 10_000_000_000L;
    private static final int MIN_SLOTS = 64;
    private static final int MAX_SLOTS = 1 << 16;
    private static final byte EMPTY = 0;
    private static final byte PENDING = 1;
    private static final byte ANSWERED = 2;
    private static final byte EXPIRED = 3;
    private static final byte ERRORED = 4;

    private final long timeoutNanos;
    private final int mask;
    private final long[] sentNanos;
    private final long[] sentMonoNanos;
    private final int[] sequences;
    private final byte[] state;
    private final ArrayDeque<Integer> pendingInOrder = new ArrayDeque<>();
    private long lastRttNanos = -1;

    public EchoTracker(long timeoutNanos, long intervalNanos) {
        this.timeoutNanos = timeoutNanos;
        int slots = slotsFor(timeoutNanos, intervalNanos);
        this.mask = slots - 1;
        this.sentNanos = new long[slots];
        this.sentMonoNanos = new long[slots];
        this.sequences = new int[slots];
        this.state = new byte[slots];
    }

    /** A power of two covering timeout plus the late horizon, at the stream's rate. */
    static int slotsFor(long timeoutNanos, long intervalNanos) {
        long needed = (timeoutNanos + LATE_HORIZON_NANOS) / Math.max(1, intervalNanos) + 2;
        long slots = Long.highestOneBit(Math.max(MIN_SLOTS, needed) - 1) << 1;
        return (int) Math.min(MAX_SLOTS, slots);
    }

    int slots() {
        return mask + 1;
    }

    /** The slot of {@code sequence}, or -1 if the slot now holds another (newer) request. */
    private int slotOf(int sequence) {
        int seq = sequence & 0xffff;
        int s = seq & mask;
        return state[s] != EMPTY && sequences[s] == seq ? s : -1;
    }

    /**
     * A request sent at {@code sentEpochNanos} (CLOCK_REALTIME, for the RTT)
     * and {@code sentMonotonicNanos} (monotonic, for its deadline).
     */
    public void onSent(int sequence, long sentEpochNanos, long sentMonotonicNanos) {
        int seq = sequence & 0xffff;
        int s = seq & mask;
        sequences[s] = seq;
        sentNanos[s] = sentEpochNanos;
        sentMonoNanos[s] = sentMonotonicNanos;
        state[s] = PENDING;
        pendingInOrder.addLast(seq);
    }

    /**
     * Replaces the send time of a request with a later, more exact stamp
     * (taken just before the syscall). The receive thread holds the probe's
     * lock to match replies, so a reply cannot be matched in between.
     */
    public void refineSent(int sequence, long sentEpochNanos) {
        int s = slotOf(sequence);
        if (s >= 0) {
            // The monotonic stamp moves with it: both clocks advanced alike between the two stamps.
            // Left behind, a sender descheduled between them (a busy machine, a GC pause) made the
            // two elapsed times differ by that gap, and a good reply was dropped as a clock step.
            sentMonoNanos[s] += sentEpochNanos - sentNanos[s];
            sentNanos[s] = sentEpochNanos;
        }
    }

    /**
     * A reply to {@code sequence} received at {@code receivedEpochNanos} (the
     * kernel stamp), handled at {@code nowEpochNanos} / {@code nowMonoNanos}.
     * RTT is in {@link #lastRttNanos()}.
     */
    public Match onReply(int sequence, long receivedEpochNanos, long nowEpochNanos, long nowMonoNanos) {
        int s = slotOf(sequence);
        if (s < 0) {
            return Match.UNKNOWN_SEQUENCE;
        }
        byte st = state[s];
        long elapsedMono = nowMonoNanos - sentMonoNanos[s];
        long elapsedReal = nowEpochNanos - sentNanos[s];
        if (RealtimeClock.stepped(elapsedReal, elapsedMono)) {
            // The wall clock stepped between send and now: receive minus send is not an RTT. The request
            // is answered (it must not time out into a loss) but reported as neither.
            if (st == PENDING) {
                state[s] = ANSWERED;
            }
            return Match.CLOCK_STEP;
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
        int s = slotOf(sequence);
        if (s < 0) {
            return Match.UNKNOWN_SEQUENCE;
        }
        if (state[s] != PENDING) {
            return Match.DUPLICATE;
        }
        state[s] = ERRORED;
        return Match.FAILED;
    }

    /** Times out every pending request whose deadline is at or before {@code nowMonoNanos} (monotonic). */
    public void expire(long nowMonoNanos, LongConsumer timedOutSequence) {
        while (!pendingInOrder.isEmpty()) {
            int seq = pendingInOrder.peekFirst();
            int s = slotOf(seq);
            if (s < 0 || state[s] != PENDING) {
                pendingInOrder.pollFirst();
                continue;
            }
            if (sentMonoNanos[s] + timeoutNanos - nowMonoNanos > 0) {
                return;
            }
            pendingInOrder.pollFirst();
            state[s] = EXPIRED;
            timedOutSequence.accept(seq);
        }
    }

    /** The monotonic deadline of the oldest request still pending, or Long.MAX_VALUE if none is. */
    public long nextDeadline() {
        while (!pendingInOrder.isEmpty()) {
            int s = slotOf(pendingInOrder.peekFirst());
            if (s >= 0 && state[s] == PENDING) {
                return sentMonoNanos[s] + timeoutNanos;
            }
            pendingInOrder.pollFirst();
        }
        return Long.MAX_VALUE;
    }

    /** Send time of {@code sequence}, or -1 if its slot was reused. */
    public long sentEpochNanos(int sequence) {
        int s = slotOf(sequence);
        return s < 0 ? -1 : sentNanos[s];
    }

    public long lastRttNanos() {
        return lastRttNanos;
    }
}
