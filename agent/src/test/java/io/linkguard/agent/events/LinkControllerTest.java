package io.linkguard.agent.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.agent.health.HealthTransition;
import io.linkguard.agent.health.LinkState;
import io.linkguard.alerts.AlertKind;
import io.linkguard.exporter.RegistryText;
import io.linkguard.alerts.Severity;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.Diagnostic;
import io.linkguard.probes.FailureReason;
import io.linkguard.probes.Outcome;
import io.linkguard.probes.ProbeKind;
import io.linkguard.probes.ProbeResult;
import io.linkguard.probes.pmtu.PmtuResult;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** A link's controller fed facts one at a time on a fake clock: what each fact turns into. */
class LinkControllerTest {

    private static ControllerFixture upOnTunnel() {
        ControllerFixture f = new ControllerFixture();
        f.feed(f.bfd(BfdState.DOWN, BfdState.UP, Diagnostic.NONE));
        assertThat(f.controller.status().health().state()).isEqualTo(LinkState.UP);
        assertThat(f.alerts).as("start-up Up is not news").isEmpty();
        f.step(Duration.ofSeconds(5));
        return f;
    }

    @Test
    void bfdDownOnAnUpLinkIsOneTransitionOneSwitchOneActionRequestAndOneAlertOfEachKind() {
        ControllerFixture f = upOnTunnel();

        f.feed(f.bfd(BfdState.UP, BfdState.DOWN, Diagnostic.CONTROL_DETECTION_TIME_EXPIRED));

        LinkStatus st = f.controller.status();
        assertThat(st.transitions()).extracting(t -> t.transition().to())
                .containsExactly(LinkState.UP, LinkState.DOWN);
        assertThat(st.transitions().getLast().transition().reason()).isEqualTo(HealthTransition.Reason.BFD_DOWN);
        assertThat(st.activePath()).contains("proxy");
        assertThat(st.failoverActive()).isTrue();
        assertThat(f.actionRuns).as("the backup path's actions, handed to the failover thread").hasSize(1);
        assertThat(f.alerts(AlertKind.LINK_STATE)).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.state()).isEqualTo("down");
        });
        assertThat(f.alerts(AlertKind.BFD_DOWN)).singleElement()
                .satisfies(a -> assertThat(a.severity()).isEqualTo(Severity.CRITICAL));
        assertThat(f.alerts(AlertKind.FAILOVER)).hasSize(1);
        assertThat(f.alerts).hasSize(3);
        assertThat(RegistryText.value(f.registry, "linkguard_link_state{link=\"la-sg\",state=\"down\"}")).isEqualTo(1);
        assertThat(RegistryText.value(f.registry, "linkguard_failover_active{link=\"la-sg\"}")).isEqualTo(1);
    }

    @Test
    void aBfdAlertCarriesTheControllersOwnLinkState() {
        ControllerFixture f = upOnTunnel();

        f.feed(f.bfd(BfdState.UP, BfdState.DOWN, Diagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN));

        assertThat(f.alerts(AlertKind.BFD_DOWN)).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(f.controller.status().health().state().label())
                        .isEqualTo("down"));
    }

    @Test
    void anActionFailureComingBackIsOneAlertAndARetryWithBackoff() {
        ControllerFixture f = upOnTunnel();
        f.feed(f.bfd(BfdState.UP, BfdState.DOWN, Diagnostic.CONTROL_DETECTION_TIME_EXPIRED));
        assertThat(f.actionRuns).hasSize(1);

        f.feed(f.failed("proxy"));
        assertThat(f.alerts(AlertKind.ACTION_FAILED)).singleElement()
                .satisfies(a -> assertThat(a.severity()).isEqualTo(Severity.CRITICAL));
        assertThat(f.controller.status().actions()).hasSize(1);

        f.step(Duration.ofMillis(900));
        f.controller.tick();
        assertThat(f.actionRuns).as("not before the 1 s backoff").hasSize(1);
        f.step(Duration.ofMillis(100));
        f.controller.tick();
        assertThat(f.actionRuns).as("retried after 1 s").hasSize(2);

        f.feed(f.failed("proxy"));
        assertThat(f.alerts(AlertKind.ACTION_FAILED)).as("a retry's failure is counted, not re-alerted").hasSize(1);
        f.step(Duration.ofMillis(1900));
        f.controller.tick();
        assertThat(f.actionRuns).as("backoff doubled to 2 s").hasSize(2);
        f.step(Duration.ofMillis(100));
        f.controller.tick();
        assertThat(f.actionRuns).hasSize(3);
        assertThat(RegistryText.value(f.registry,
                "linkguard_action_runs_total{action=\"exec\",link=\"la-sg\",path=\"proxy\",result=\"failed\"}"))
                .isEqualTo(2);
    }

    @Test
    void aFloodIntoAFullInboxIsDroppedAndCounted() {
        ControllerFixture f = new ControllerFixture(false, 8);
        ProbeResult ok = new ProbeResult(ControllerFixture.LINK, ProbeKind.ICMP, "127.0.0.1", 0, Outcome.SUCCESS,
                FailureReason.NONE, 1_000_000, 0);
        int accepted = 0;
        for (int i = 0; i < 20; i++) {
            accepted += f.inbox.offer(new LinkFact.Probe(ok)) ? 1 : 0;
        }
        assertThat(accepted).isEqualTo(8);

        assertThat(f.controller.drain()).isEqualTo(8);
        assertThat(RegistryText.value(f.registry, "linkguard_link_facts_dropped_total{link=\"la-sg\"}")).isEqualTo(12);
        assertThat(f.bfdResyncs).as("only probe results were lost: the next ones supersede them").isZero();
    }

    @Test
    void aBfdChangeLostToAFullInboxIsReadAgainFromTheSessionAndIsNewsThen() {
        ControllerFixture f = new ControllerFixture(false, 1);
        f.feed(f.bfd(BfdState.DOWN, BfdState.UP, Diagnostic.NONE));
        ProbeResult ok = new ProbeResult(ControllerFixture.LINK, ProbeKind.ICMP, "127.0.0.1", 0, Outcome.SUCCESS,
                FailureReason.NONE, 1_000_000, 0);
        f.inbox.offer(new LinkFact.Probe(ok));
        assertThat(f.inbox.offer(f.bfd(BfdState.UP, BfdState.DOWN, Diagnostic.CONTROL_DETECTION_TIME_EXPIRED)))
                .isFalse();

        f.controller.drain();
        assertThat(f.bfdResyncs).isEqualTo(1);
        f.feed(f.replay(BfdState.DOWN)); // what BfdEngine.currentState hands back
        assertThat(f.controller.status().health().state()).isEqualTo(LinkState.DOWN);
        assertThat(f.alerts(AlertKind.BFD_DOWN)).as("Up -> Down, as the controller knew it").hasSize(1);
    }

    @Test
    void aReplayedStateTellsANewControllerWithoutAnAlertAndMakesTheNextUpNews() {
        ControllerFixture f = new ControllerFixture(false, LinkInbox.CAPACITY);

        f.feed(f.replay(BfdState.UP)); // a session kept across a reload, to the reload's new controller
        assertThat(f.controller.status().health().state()).isEqualTo(LinkState.UP);
        assertThat(f.alerts).isEmpty();

        f.step(Duration.ofSeconds(5));
        f.feed(f.bfd(BfdState.UP, BfdState.DOWN, Diagnostic.CONTROL_DETECTION_TIME_EXPIRED));
        f.step(Duration.ofSeconds(5));
        f.feed(f.bfd(BfdState.DOWN, BfdState.UP, Diagnostic.NONE));
        assertThat(f.alerts(AlertKind.BFD_DOWN)).hasSize(1);
        assertThat(f.alerts(AlertKind.BFD_UP)).as("it had been Up before: the return is news").hasSize(1);
    }

    @Test
    void aPathMtuDropIsAnAlertWithTheControllersState() {
        ControllerFixture f = upOnTunnel();
        OptionalInt expected = OptionalInt.of(1400);
        PmtuHistory history = new PmtuHistory(); // the monitor's

        f.feed(new LinkFact.Pmtu(pmtu(1400), expected, true, history));
        assertThat(f.alerts).isEmpty();
        f.feed(new LinkFact.Pmtu(pmtu(1300), expected, true, history));

        assertThat(f.alerts(AlertKind.PMTU_DROP)).singleElement().satisfies(a -> {
            assertThat(a.reason()).isEqualTo("path MTU 1300 bytes (was 1400), expected 1400");
            assertThat(a.state()).isEqualTo(f.controller.status().health().state().label());
        });
    }

    private static PmtuResult pmtu(int mtu) {
        return new PmtuResult(ControllerFixture.PEER, mtu, true, OptionalInt.of(mtu), false, OptionalInt.empty(), 4,
                Duration.ofMillis(40), Optional.empty());
    }

    @Test
    void aSessionRestartedUnderTheSameControllerIsNotNewsWhenItComesUp() {
        ControllerFixture f = upOnTunnel();
        f.sessionWasUp = false; // a reload restarted the session (a new key); the link's controller stays
        f.feed(f.bfd(BfdState.DOWN, BfdState.UP, Diagnostic.NONE));
        assertThat(f.alerts(AlertKind.BFD_UP)).as("the new session's first Up is start-up, as before").isEmpty();
    }

    @Test
    void anActionResultThatArrivesAfterTheLoopLetGoIsStillLoggedCountedAndAlerted() {
        ControllerFixture f = upOnTunnel();
        f.inbox.offer(f.failed("proxy")); // the hook that ran while a reload retired the controller
        f.controller.close();
        assertThat(f.alerts(AlertKind.ACTION_FAILED)).hasSize(1);
    }
}
