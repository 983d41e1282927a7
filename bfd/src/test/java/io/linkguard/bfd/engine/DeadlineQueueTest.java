package io.linkguard.bfd.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's timer queue: earliest first, re-queued only when a deadline moves earlier. */
class DeadlineQueueTest {
    private static final class Item implements DeadlineQueue.Scheduled {
        final String name;
        long queuedAt = Long.MAX_VALUE;

        Item(String name) {
            this.name = name;
        }

        @Override
        public long queuedAtNanos() {
            return queuedAt;
        }

        @Override
        public void queuedAtNanos(long nanos) {
            queuedAt = nanos;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final DeadlineQueue<Item> queue = new DeadlineQueue<>();

    @Test
    void anEmptyQueueHasNothingDue() {
        assertThat(queue.nextDeadline()).isEqualTo(Long.MAX_VALUE);
        assertThat(queue.pollDue(Long.MAX_VALUE)).isNull();
    }

    @Test
    void dueItemsComeEarliestFirstAndTiesInOrderOfScheduling() {
        Item a = new Item("a");
        Item b = new Item("b");
        Item c = new Item("c");
        queue.schedule(c, 30);
        queue.schedule(a, 10);
        queue.schedule(b, 10);
        assertThat(queue.nextDeadline()).isEqualTo(10);
        assertThat(queue.pollDue(9)).isNull();
        assertThat(queue.pollDue(10)).isSameAs(a);
        assertThat(queue.pollDue(10)).isSameAs(b);
        assertThat(queue.pollDue(29)).isNull();
        assertThat(queue.pollDue(100)).isSameAs(c);
        assertThat(queue.pollDue(100)).isNull();
    }

    /** A later deadline for a queued item changes nothing: it fires early, runs, and reports its real deadline. */
    @Test
    void aLaterDeadlineDoesNotRequeue() {
        Item a = new Item("a");
        queue.schedule(a, 10);
        queue.schedule(a, 50);
        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.pollDue(10)).isSameAs(a);
        // Polled: no longer queued, so any deadline queues it again.
        assertThat(a.queuedAt).isEqualTo(Long.MAX_VALUE);
        queue.schedule(a, 50);
        assertThat(queue.pollDue(49)).isNull();
        assertThat(queue.pollDue(50)).isSameAs(a);
    }

    /** An earlier deadline queues the item again; the stale later entry is skipped, not run twice. */
    @Test
    void anEarlierDeadlineRequeuesAndTheStaleEntryIsSkipped() {
        Item a = new Item("a");
        queue.schedule(a, 50);
        queue.schedule(a, 20);
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.nextDeadline()).isEqualTo(20);
        assertThat(queue.pollDue(20)).isSameAs(a);
        assertThat(queue.pollDue(50)).isNull();
        assertThat(queue.size()).isZero();
    }
}
