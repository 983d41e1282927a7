package io.linkguard.probes.icmp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.linkguard.probes.icmp.EchoTracker.Match.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The matching rules on a fake clock: times are plain nanosecond numbers. */
class EchoTrackerTest {
    private static final long MS = 1_000_000L;
    private final EchoTracker t = new EchoTracker(1000 * MS, 100 * MS);

    private List<Long> expire(long now) {
        List<Long> out = new ArrayList<>();
        t.expire(now, out::add);
        return out;
    }

    @Test
    void replyWithinTimeoutIsSuccessWithRtt() {
        t.onSent(7, 1_000 * MS);
        assertThat(t.onReply(7, 1_170 * MS)).isEqualTo(SUCCESS);
        assertThat(t.lastRttNanos()).isEqualTo(170 * MS);
    }

    @Test
    void secondReplyIsDuplicate() {
        t.onSent(7, 0);
        t.onReply(7, 5 * MS);
        assertThat(t.onReply(7, 6 * MS)).isEqualTo(DUPLICATE);
        assertThat(t.lastRttNanos()).isEqualTo(6 * MS);
    }

    @Test
    void requestsExpireInSendOrderAtTheirDeadline() {
        t.onSent(1, 0);
        t.onSent(2, 100 * MS);
        t.onSent(3, 200 * MS);
        t.onReply(2, 150 * MS);
        assertThat(expire(999 * MS)).isEmpty();
        assertThat(expire(1000 * MS)).containsExactly(1L);
        assertThat(expire(5000 * MS)).containsExactly(3L);
    }

    @Test
    void replyAfterTimeoutIsLateNotSuccess() {
        t.onSent(9, 0);
        expire(1000 * MS);
        assertThat(t.onReply(9, 1500 * MS)).isEqualTo(LATE);
        assertThat(t.lastRttNanos()).isEqualTo(1500 * MS);
    }

    @Test
    void icmpErrorFailsThePendingRequestOnce() {
        t.onSent(4, 0);
        assertThat(t.onError(4)).isEqualTo(FAILED);
        assertThat(t.onError(4)).isEqualTo(DUPLICATE);
        assertThat(expire(10_000 * MS)).as("a failed request does not also time out").isEmpty();
    }

    @Test
    void neverSentSequenceIsUnknown() {
        assertThat(t.onReply(1234, 0)).isEqualTo(UNKNOWN_SEQUENCE);
        assertThat(t.onError(1234)).isEqualTo(UNKNOWN_SEQUENCE);
    }

    @Test
    void sequenceWrapsAt16Bits() {
        t.onSent(0xffff, 0);
        t.onSent(0x1_0000, MS); // wraps to 0
        assertThat(t.onReply(0, 2 * MS)).isEqualTo(SUCCESS);
        assertThat(t.onReply(0xffff, 3 * MS)).isEqualTo(SUCCESS);
    }

    @Test
    void aReplyOlderThanTheRingIsUnknownNotMisattributed() {
        int slots = t.slots();
        t.onSent(5, 0);
        t.onSent(5 + slots, MS); // same slot, newer request
        assertThat(t.onReply(5, 2 * MS)).isEqualTo(UNKNOWN_SEQUENCE);
        assertThat(t.onReply(5 + slots, 2 * MS)).isEqualTo(SUCCESS);
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
        t.onSent(1, 100);
        t.refineSent(1, 150);
        t.onReply(1, 1150);
        assertThat(t.lastRttNanos()).isEqualTo(1000);
    }

    @Test
    void realtimeClockStepBackwardsNeverGivesNegativeRtt() {
        t.onSent(1, 1_000 * MS);
        t.onReply(1, 900 * MS);
        assertThat(t.lastRttNanos()).isZero();
    }
}
