package io.linkguard.agent.health;

import static io.linkguard.agent.health.Results.icmpLost;
import static io.linkguard.agent.health.Results.icmpOk;
import static io.linkguard.agent.health.Results.ms;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.agent.health.HealthTransition.Reason;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.Diagnostic;
import io.linkguard.probes.ProbeKind;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the kernel says of a link's interface comes before every probe (issue 13). */
class LinkHealthInterfaceTest {

    private static final String ABSENT = "interface gre1 is absent";
    private static final String DOWN = "interface gre1 is operationally down (no carrier)";
    private static final String BACK = "interface gre1 is up (index 12)";

    @Test
    void anAbsentInterfaceAtStartIsDownAtOnceWithItsReason() {
        LinkHealth health = new LinkHealth(LinkPolicy.defaults(), true, 0);

        Optional<HealthTransition> t = health.onInterface(InterfaceCondition.INTERFACE_ABSENT, ABSENT, ms(1));

        assertThat(t).contains(new HealthTransition(LinkState.UNKNOWN, LinkState.DOWN, Reason.INTERFACE_ABSENT,
                ABSENT, Double.NaN, Double.NaN, ms(1)));
        assertThat(health.reason()).contains(new LinkHealthSnapshot.Cause(Reason.INTERFACE_ABSENT, ABSENT));
    }

    @Test
    void operDownBeatsCleanProbesAndBfdUpAtOnce() {
        LinkHealth health = new LinkHealth(LinkPolicy.defaults(), true, 0);
        for (long t = 0; t < 1_000; t += 100) {
            health.onProbe(icmpOk(20), ms(t));
        }
        health.onBfd(BfdState.UP, Diagnostic.NONE, ms(1_000));
        assertThat(health.state()).isEqualTo(LinkState.UP);

        Optional<HealthTransition> t = health.onInterface(InterfaceCondition.INTERFACE_DOWN, DOWN, ms(1_001));

        assertThat(t).contains(new HealthTransition(LinkState.UP, LinkState.DOWN, Reason.INTERFACE_DOWN, DOWN,
                Double.NaN, Double.NaN, ms(1_001)));
    }

    @Test
    void backFromAbsentTheBfdLinkWaitsForItsNewSessionAndSaysSo() {
        LinkHealth health = new LinkHealth(LinkPolicy.defaults(), true, 0);
        health.onBfd(BfdState.UP, Diagnostic.NONE, ms(100));
        health.onInterface(InterfaceCondition.INTERFACE_ABSENT, ABSENT, ms(5_000));

        // The old session was torn down with the interface: its last Up is no evidence for the new one.
        assertThat(health.onInterface(InterfaceCondition.PRESENT, BACK, ms(6_000))).isEmpty();
        assertThat(health.state()).isEqualTo(LinkState.DOWN);
        assertThat(health.evaluate(ms(15_999))).isEmpty();
        Optional<HealthTransition> stillDown = health.evaluate(ms(16_000));
        assertThat(stillDown).isEmpty();
        assertThat(health.reason()).contains(new LinkHealthSnapshot.Cause(Reason.BFD_DOWN,
                "BFD session not Up 10s after the interface came back"));

        Optional<HealthTransition> up = health.onBfd(BfdState.UP, Diagnostic.NONE, ms(16_100));
        assertThat(up).contains(new HealthTransition(LinkState.DOWN, LinkState.UP, Reason.BFD_UP, "BFD Up",
                Double.NaN, Double.NaN, ms(16_100)));
    }

    @Test
    void resultsWhileTheInterfaceIsDownAreNoEvidenceAndBackUpOnlyFreshOnesCount() {
        LinkHealth health = new LinkHealth(LinkPolicy.defaults(), false,
                Map.of(ProbeKind.ICMP, Duration.ofSeconds(3)), 0);
        for (long t = 0; t < 1_000; t += 100) {
            health.onProbe(icmpOk(20), ms(t));
        }
        health.onInterface(InterfaceCondition.INTERFACE_DOWN, DOWN, ms(1_000));
        for (long t = 1_000; t < 3_000; t += 100) {
            health.onProbe(icmpLost(), ms(t)); // ENETDOWN while it was down
        }

        // Back up: neither the losses while it was down nor the replies before it count: no evidence yet.
        assertThat(health.onInterface(InterfaceCondition.PRESENT, BACK, ms(3_000))).isEmpty();
        assertThat(health.snapshot(ms(3_000)).samples()).isZero();
        assertThat(health.state()).isEqualTo(LinkState.DOWN);
        Optional<HealthTransition> up = Optional.empty();
        for (long t = 3_100; up.isEmpty() && t < 4_000; t += 100) {
            up = health.onProbe(icmpOk(20), ms(t));
        }
        assertThat(up.map(HealthTransition::reason)).as("on fresh samples, min_samples of them").contains(Reason.INTERFACE_UP);
        assertThat(health.snapshot(ms(3_500)).samples()).isEqualTo(LinkPolicy.DEFAULT_MIN_SAMPLES);
    }

    @Test
    void anInterfaceAbsentFromStartThatAppearsIsNotJudgedSilentAtOnce() {
        LinkHealth health = new LinkHealth(LinkPolicy.defaults(), false,
                Map.of(ProbeKind.ICMP, Duration.ofSeconds(3)), 0);
        health.onInterface(InterfaceCondition.INTERFACE_ABSENT, ABSENT, ms(0));

        // 60 s without a probe (nothing was bound): its silence clock starts when the interface appears.
        assertThat(health.onInterface(InterfaceCondition.PRESENT, BACK, ms(60_000))).isEmpty();
        assertThat(health.evaluate(ms(62_000))).isEmpty();
        assertThat(health.state()).isEqualTo(LinkState.DOWN);
        Optional<HealthTransition> up = Optional.empty();
        for (long t = 62_100; up.isEmpty() && t < 63_000; t += 100) {
            up = health.onProbe(icmpOk(20), ms(t));
        }
        assertThat(up.map(HealthTransition::reason)).contains(Reason.INTERFACE_UP);
        assertThat(up.map(HealthTransition::to)).contains(LinkState.UP);
    }

    @Test
    void aSourceAddressThatIsGoneIsItsOwnReason() {
        LinkHealth health = new LinkHealth(LinkPolicy.defaults(), false, 0);

        Optional<HealthTransition> t = health.onInterface(InterfaceCondition.SOURCE_ABSENT,
                "source 10.0.0.1 is on no interface", ms(1));

        assertThat(t.map(HealthTransition::reason)).contains(Reason.SOURCE_ABSENT);
    }

    @Test
    void aReplacedBfdSessionMustComeUpAgainTheOldOnesUpIsNoEvidence() {
        LinkHealth health = new LinkHealth(LinkPolicy.defaults(), true, 0);
        health.onBfd(BfdState.UP, Diagnostic.NONE, ms(100));
        assertThat(health.state()).isEqualTo(LinkState.UP);

        // A key change or a reload replaced the session; the new one never comes Up (a wrong key).
        assertThat(health.onBfdRestarted(ms(1_000))).as("no flap for a restart that works").isEmpty();
        assertThat(health.evaluate(ms(10_999))).isEmpty();
        Optional<HealthTransition> down = health.evaluate(ms(11_000));

        assertThat(down).contains(new HealthTransition(LinkState.UP, LinkState.DOWN, Reason.BFD_DOWN,
                "BFD session not Up 10s after its session was restarted", Double.NaN, Double.NaN, ms(11_000)));
    }

    @Test
    void absentThenDownThenUpStartsTheBfdWaitWhenItIsUp() {
        LinkHealth health = new LinkHealth(LinkPolicy.defaults(), true, 0);
        health.onInterface(InterfaceCondition.INTERFACE_ABSENT, ABSENT, ms(1));
        health.onInterface(InterfaceCondition.INTERFACE_DOWN, DOWN, ms(20_000));
        health.onInterface(InterfaceCondition.PRESENT, BACK, ms(20_100));

        assertThat(health.evaluate(ms(30_099))).isEmpty();
        health.evaluate(ms(30_100));
        assertThat(health.reason()).contains(new LinkHealthSnapshot.Cause(Reason.BFD_DOWN,
                "BFD session not Up 10s after the interface came back"));
    }
}
