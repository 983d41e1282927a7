package io.linkguard.agent.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.agent.health.HealthTransition;
import io.linkguard.agent.health.InterfaceCondition;
import io.linkguard.agent.health.LinkState;
import io.linkguard.alerts.AlertKind;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.Diagnostic;
import io.linkguard.exporter.RegistryText;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The kernel's word on a link's interface, as the controller turns it into a transition, a switch and alerts. */
class LinkControllerInterfaceTest {
    private static final String DOWN = "interface gre1 is operationally down (no carrier)";

    private static ControllerFixture upOnTunnel(boolean interfaceDownIgnored) {
        ControllerFixture f = new ControllerFixture(true, LinkInbox.CAPACITY, interfaceDownIgnored);
        f.feed(f.bfd(BfdState.DOWN, BfdState.UP, Diagnostic.NONE));
        f.step(Duration.ofSeconds(5));
        return f;
    }

    @Test
    void operDownIsDownAtOnceAndMovesTrafficWithTheReasonNamed() {
        ControllerFixture f = upOnTunnel(false);

        f.feed(new LinkFact.Interface(InterfaceCondition.INTERFACE_DOWN, DOWN));

        LinkStatus st = f.controller.status();
        assertThat(st.health().state()).isEqualTo(LinkState.DOWN);
        assertThat(st.health().reason()).hasValueSatisfying(c -> {
            assertThat(c.reason()).isEqualTo(HealthTransition.Reason.INTERFACE_DOWN);
            assertThat(c.detail()).isEqualTo(DOWN);
        });
        assertThat(st.activePath()).contains("proxy");
        assertThat(f.actionRuns).hasSize(1);
        assertThat(f.alerts(AlertKind.LINK_STATE)).singleElement()
                .satisfies(a -> assertThat(a.reason()).contains(DOWN));
        assertThat(RegistryText.value(f.registry,
                "linkguard_link_transitions_total{link=\"la-sg\",reason=\"interface_down\",to=\"down\"}")).isEqualTo(1);
    }

    @Test
    void ignoredOperDownLeavesTheLinkToItsProbes() {
        ControllerFixture f = upOnTunnel(true);

        f.feed(new LinkFact.Interface(InterfaceCondition.INTERFACE_DOWN, DOWN));

        assertThat(f.controller.status().health().state()).isEqualTo(LinkState.UP);
        assertThat(f.actionRuns).isEmpty();
        assertThat(f.alerts).isEmpty();
    }

    @Test
    void anAbsentInterfaceIsNotIgnoredEvenWhenOperDownIs() {
        ControllerFixture f = upOnTunnel(true);

        f.feed(new LinkFact.Interface(InterfaceCondition.INTERFACE_ABSENT, "interface gre1 is absent"));

        assertThat(f.controller.status().health().reason().map(c -> c.reason()))
                .contains(HealthTransition.Reason.INTERFACE_ABSENT);
    }
}
