package io.linkguard.probes.icmp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.linkguard.probes.icmp.EchoTracker.Match.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matching rules on a fake clock: times are plain nanosecond numbers.
 * The monotonic clock reads {@code at}; the realtime clock {@code EPOCH + at}
 * plus whatever step a test puts in.
 */
class EchoTrackerTest {
    private static final long MS = 1_000_000L;
    private static final long EPOCH = 1_790_000_000_000L * MS;
    private final EchoTracker t = new EchoTracker(1000 * MS, 100 * MS);

    private void sent(int seq, long at) {
        t.onSent(seq, EPOCH + at, at);
    }

    /** A reply stamped by the kernel at {@code at} and handled at once, with no step of the wall clock. */
    private EchoTracker.Match reply(int seq, long at) {
        return t.onReply(seq, EPOCH + at, EPOCH + at, at);
    }

    private List<Long> expire(long now) {
        List<Long> out = new ArrayList<>();
        t.expire(now, out::add);
        return out;
    }

    @Test
    void replyWithinTimeoutIsSuccessWithRtt() {
        sent(7, 1_000 * MS);
        assertThat(reply(7, 1_170 * MS)).isEqualTo(SUCCESS);
        assertThat(t.lastRttNanos()).isEqualTo(170 * MS);
    }

    @Test
    void secondReplyIsDuplicate() {
        sent(7, 0);
        reply(7, 5 * MS);
        assertThat(reply(7, 6 * MS)).isEqualTo(DUPLICATE);
        assertThat(t.lastRttNanos()).isEqualTo(6 * MS);
    }

    @Test
    void requestsExpireInSendOrderAtTheirDeadline() {
        sent(1, 0);
        sent(2, 100 * MS);
        sent(3, 200 * MS);
        reply(2, 150 * MS);
        assertThat(expire(999 * MS)).isEmpty();
        assertThat(expire(1000 * MS)).containsExactly(1L);
        assertThat(expire(5000 * MS)).containsExactly(3L);
    }

    @Test
    void replyAfterTimeoutIsLateNotSuccess() {
        sent(9, 0);
        expire(1000 * MS);
        assertThat(reply(9, 1500 * MS)).isEqualTo(LATE);
        assertThat(t.lastRttNanos()).isEqualTo(1500 * MS);
    }

    @Test
    void icmpErrorFailsThePendingRequestOnce() {
        sent(4, 0);
        assertThat(t.onError(4)).isEqualTo(FAILED);
        assertThat(t.onError(4)).isEqualTo(DUPLICATE);
        assertThat(expire(10_000 * MS)).as("a failed request does not also time out").isEmpty();
    }

    @Test
    void neverSentSequenceIsUnknown() {
        assertThat(reply(1234, 0)).isEqualTo(UNKNOWN_SEQUENCE);
        assertThat(t.onError(1234)).isEqualTo(UNKNOWN_SEQUENCE);
    }

    @Test
    void sequenceWrapsAt16Bits() {
        sent(0xffff, 0);
        sent(0x1_0000, MS); // wraps to 0
        assertThat(reply(0, 2 * MS)).isEqualTo(SUCCESS);
        assertThat(reply(0xffff, 3 * MS)).isEqualTo(SUCCESS);
    }

    @Test
    void aReplyOlderThanTheRingIsUnknownNotMisattributed() {
        int slots = t.slots();
        sent(5, 0);
        sent(5 + slots, MS); // same slot, newer request
        assertThat(reply(5, 2 * MS)).isEqualTo(UNKNOWN_SEQUENCE);
        assertThat(reply(5 + slots, 2 * MS)).isEqualTo(SUCCESS);
        assertThat(t.lastRttNanos()).isEqualTo(MS);
    }

    @Test
    void ringCoversTimeoutAndLateHorizonButStaysSmall() {
        // 1 s interval, 2 s timeout: 14 requests in flight or recent -> the 64-slot minimum.
        assertThat(EchoTracker.slotsFor(2_000 * MS, 1_000 * MS)).isEqualTo(64);
        // 10 ms interval, 1 s timeout: 1102 -> 2048 slots (24 KB), not 65536.
        assertThat(EchoTracker.slotsFor(1_000 * MS, 10 * MS)).isEqualTo(2048);
        assertThat(EchoTracker.slotsFor(60_000 * MS, 1 * MS)).isEqualTo(65536);
    }

    @Test
    void refinedSendStampIsUsedForRtt() {
        sent(1, 100);
        t.refineSent(1, EPOCH + 150);
        reply(1, 1150);
        assertThat(t.lastRttNanos()).isEqualTo(1000);
    }

    @Test
    void aKernelStampJustBeforeTheSendStampNeverGivesNegativeRtt() {
        sent(1, 1_000 * MS);
        // the kernel's receive stamp 1 µs before our userspace send stamp: no step, clamped to 0
        assertThat(t.onReply(1, EPOCH + 1_000 * MS - 1_000, EPOCH + 1_000 * MS, 1_000 * MS)).isEqualTo(SUCCESS);
        assertThat(t.lastRttNanos()).isZero();
    }

    @Test
    void deadlinesRunOnTheMonotonicClockSoAForwardStepIsNoLoss() {
        sent(1, 0);
        // The wall clock jumps 5 s ahead; 100 ms pass. A realtime deadline would have expired it.
        assertThat(expire(100 * MS)).isEmpty();
        assertThat(t.nextDeadline()).isEqualTo(1000 * MS);
        assertThat(expire(1000 * MS)).containsExactly(1L);
    }

    @Test
    void aReplyStraddlingAForwardStepIsAClockStepNeitherRttNorLoss() {
        sent(1, 0);
        long step = 2_000 * MS;
        // kernel stamp and handling both after the step; 20 ms passed on the monotonic clock
        assertThat(t.onReply(1, EPOCH + step + 20 * MS, EPOCH + step + 21 * MS, 21 * MS)).isEqualTo(CLOCK_STEP);
        assertThat(expire(10_000 * MS)).as("answered: it does not time out into a loss").isEmpty();
    }

    @Test
    void aReplyStraddlingABackwardStepIsAClockStep() {
        sent(1, 0);
        long step = -500 * MS;
        assertThat(t.onReply(1, EPOCH + step + 20 * MS, EPOCH + step + 20 * MS, 20 * MS)).isEqualTo(CLOCK_STEP);
        assertThat(t.onReply(1, EPOCH + 30 * MS, EPOCH + 30 * MS, 30 * MS)).as("a second copy after the step is"
                + " just a duplicate").isEqualTo(DUPLICATE);
    }

    @Test
    void slewWithinTheToleranceIsStillAnRtt() {
        sent(1, 0);
        // 5 ms of disagreement over 170 ms: under 10 ms + 1 %
        assertThat(t.onReply(1, EPOCH + 175 * MS, EPOCH + 175 * MS, 170 * MS)).isEqualTo(SUCCESS);
        assertThat(t.lastRttNanos()).isEqualTo(175 * MS);
        assertThat(io.linkguard.probes.net.RealtimeClock.stepToleranceNanos(1_000 * MS)).isEqualTo(20 * MS);
    }

    @Test
    void aSendDelayedAfterItsFirstStampIsNoClockStep() {
        // Stamped at 1 s on both clocks, but the sender was descheduled for 30 ms before the syscall:
        // the refined realtime stamp is 30 ms later. The reply 1 ms after the real send is an RTT.
        EchoTracker t = new EchoTracker(1000 * MS, 10 * MS);
        long s = 1_000 * MS;
        t.onSent(7, s, s);
        t.refineSent(7, s + 30 * MS);
        assertThat(t.onReply(7, s + 31 * MS, s + 31 * MS, s + 31 * MS)).isEqualTo(EchoTracker.Match.SUCCESS);
        assertThat(t.lastRttNanos()).isEqualTo(1 * MS);
    }
}
