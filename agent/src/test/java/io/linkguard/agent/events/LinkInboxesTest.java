package io.linkguard.agent.events;

import io.linkguard.probes.FailureReason;
import io.linkguard.probes.Outcome;
import io.linkguard.probes.ProbeKind;
import io.linkguard.probes.ProbeResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The ready queue the links loop drains between ticks: an inbox is queued by its first fact after it was
 * taken, once, so a BFD change on one of 1000 links costs one drain, not a pass over every link, and a
 * fact that arrives while its inbox is being drained queues it again (none waits for the next tick).
 */
class LinkInboxesTest {
    private final LinkInboxes inboxes = new LinkInboxes();

    @Test
    void onlyTheInboxesThatReceivedFactsAreReadyAndEachOnce() {
        LinkInbox a = inboxes.open("a");
        LinkInbox b = inboxes.open("b");
        inboxes.open("c");
        assertThat(inboxes.publish("b", probe("b"))).isTrue();
        assertThat(inboxes.publish("b", probe("b"))).isTrue();
        assertThat(inboxes.publish("a", probe("a"))).isTrue();

        assertThat(drainReady()).containsExactly(b, a);
        assertThat(b.size()).isEqualTo(2); // queued once, both facts still there for the drain
    }

    @Test
    void aFactAfterTheInboxWasTakenQueuesItAgain() {
        LinkInbox a = inboxes.open("a");
        inboxes.publish("a", probe("a"));
        assertThat(inboxes.pollReady()).isSameAs(a);
        inboxes.publish("a", probe("a")); // arrives while the loop drains a
        assertThat(inboxes.pollReady()).isSameAs(a);
        assertThat(inboxes.pollReady()).isNull();
    }

    @Test
    void afterATickDrainedEveryInboxTheNextFactStillWakesTheLoop() {
        LinkInbox a = inboxes.open("a");
        inboxes.publish("a", probe("a"));
        inboxes.await(Duration.ofHours(1)); // returns at once: signalled
        inboxes.clearReady(); // the tick: every inbox is drained, none by the ready queue
        a.drain(LinkInbox.CAPACITY, f -> { });
        inboxes.publish("a", probe("a")); // e.g. BFD Down right after the tick
        // A lost wake-up would park the loop until the next tick (bench/failover: +40 ms at p50); here, for an hour.
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> inboxes.await(Duration.ofHours(1)));
        assertThat(inboxes.pollReady()).isSameAs(a);
    }

    @Test
    void aDrainThatCannotTakeEverythingQueuesTheInboxAgain() {
        LinkInbox a = inboxes.open("a");
        for (int i = 0; i < 3; i++) {
            inboxes.publish("a", probe("a"));
        }
        assertThat(inboxes.pollReady()).isSameAs(a);
        assertThat(a.drain(2, f -> { })).isEqualTo(2);
        assertThat(inboxes.pollReady()).isSameAs(a);
    }

    @Test
    void aFactForAnUnknownLinkIsRefusedAndQueuesNothing() {
        inboxes.open("a");
        assertThat(inboxes.publish("gone", probe("gone"))).isFalse();
        assertThat(inboxes.pollReady()).isNull();
    }

    private List<LinkInbox> drainReady() {
        List<LinkInbox> out = new ArrayList<>();
        LinkInbox i;
        while ((i = inboxes.pollReady()) != null) {
            out.add(i);
        }
        return out;
    }

    private static LinkFact probe(String link) {
        return new LinkFact.Probe(new ProbeResult(link, ProbeKind.ICMP, "198.18.0.2", 0, Outcome.SUCCESS,
                FailureReason.NONE, 1_000_000, 0));
    }
}
