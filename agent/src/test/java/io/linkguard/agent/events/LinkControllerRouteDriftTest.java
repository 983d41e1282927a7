package io.linkguard.agent.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.agent.failover.ActionOutcome;
import io.linkguard.agent.failover.ActionResult;
import io.linkguard.alerts.AlertKind;
import io.linkguard.alerts.Severity;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.Diagnostic;
import io.linkguard.exporter.RegistryText;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The active path's routes, changed under it: put back, counted and alerted; contested, left alone. */
class LinkControllerRouteDriftTest {
    private static final String GONE = "10.20.0.0/16 via 10.255.0.2 dev gre-sg is gone (route deleted)";
    private static final String REASSERTED = "linkguard_route_reasserted_total{link=\"la-sg\",path=\"tunnel\"}";

    private static ControllerFixture upOnTunnel() {
        ControllerFixture f = new ControllerFixture();
        f.feed(f.bfd(BfdState.DOWN, BfdState.UP, Diagnostic.NONE));
        f.step(Duration.ofSeconds(5));
        return f;
    }

    @Test
    void aRouteTakenFromTheActivePathIsPutBackCountedAndAlertedOnce() {
        ControllerFixture f = upOnTunnel();

        f.feed(new LinkFact.RouteDrift("tunnel", GONE));

        assertThat(f.actionRuns).as("the put-back, handed to the failover thread").hasSize(1);
        assertThat(f.alerts(AlertKind.ROUTE_DRIFT)).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.reason()).contains(GONE);
        });
        assertThat(RegistryText.value(f.registry, REASSERTED)).isEqualTo(1);
    }

    @Test
    void takenAwayThreeTimesInAMinuteItIsLeftAloneUntilTheNextSwitch() {
        ControllerFixture f = upOnTunnel();
        f.feed(new LinkFact.RouteDrift("tunnel", GONE));
        f.feed(new LinkFact.Reasserted(ok("tunnel", f)));
        f.step(Duration.ofSeconds(20));
        f.feed(new LinkFact.RouteDrift("tunnel", GONE));
        f.feed(new LinkFact.Reasserted(ok("tunnel", f)));
        f.step(Duration.ofSeconds(20));

        f.feed(new LinkFact.RouteDrift("tunnel", GONE));

        assertThat(f.actionRuns).as("two put-backs, not a third").hasSize(2);
        assertThat(RegistryText.value(f.registry, REASSERTED)).isEqualTo(2);
        assertThat(f.alerts(AlertKind.ROUTE_DRIFT)).extracting(a -> a.severity())
                .containsExactly(Severity.WARNING, Severity.WARNING, Severity.CRITICAL);
        f.feed(new LinkFact.RouteDrift("tunnel", GONE));
        assertThat(f.alerts(AlertKind.ROUTE_DRIFT)).as("contested: said once").hasSize(3);
        assertThat(f.actionRuns).hasSize(2);

        // A switch installs the routes afresh: watched again once its route action succeeded.
        f.feed(f.bfd(BfdState.UP, BfdState.DOWN, Diagnostic.CONTROL_DETECTION_TIME_EXPIRED));
        assertThat(f.controller.status().activePath()).contains("proxy");
        f.feed(new LinkFact.RouteDrift("proxy", GONE));
        assertThat(f.actionRuns).as("proxy's routes are not installed yet: its actions run").hasSize(3);
        f.feed(new LinkFact.ActionRun(new ActionResult("la-sg", "proxy", "route", "replace", ActionOutcome.OK, 0,
                Duration.ofMillis(1), "", f.clock.wall().instant())));
        f.feed(new LinkFact.RouteDrift("proxy", GONE));
        assertThat(f.actionRuns).hasSize(4);
    }

    @Test
    void driftOfAPathThatIsNotActiveIsNoneOfItsBusiness() {
        ControllerFixture f = upOnTunnel();

        f.feed(new LinkFact.RouteDrift("proxy", GONE));

        assertThat(f.actionRuns).isEmpty();
        assertThat(f.alerts).isEmpty();
    }

    /**
     * A put-back that fails (the route's interface is down or gone) is said once, tried again with backoff,
     * and never taken for a conflict, however often the retries find the route still missing.
     */
    @Test
    void aPutBackThatFailsIsSaidOnceAndRetriedNotCalledAConflict() {
        ControllerFixture f = upOnTunnel();
        for (int i = 0; i < 5; i++) {
            f.feed(new LinkFact.RouteDrift("tunnel", GONE));
            f.feed(new LinkFact.Reasserted(new ActionResult("la-sg", "tunnel", "route", "replace", ActionOutcome.FAILED,
                    19, Duration.ofMillis(1), "no such device gre-sg (ENODEV)", f.clock.wall().instant())));
            f.step(Duration.ofSeconds(2));
        }

        assertThat(f.actionRuns).as("every drift found is tried again").hasSize(5);
        assertThat(f.alerts(AlertKind.ROUTE_DRIFT)).extracting(a -> a.severity())
                .containsExactly(Severity.WARNING, Severity.CRITICAL);
        assertThat(f.alerts(AlertKind.ROUTE_DRIFT).getLast().reason()).contains("could not be put back")
                .contains("ENODEV");
        assertThat(RegistryText.value(f.registry, REASSERTED)).as("one drift, retried").isEqualTo(1);

        f.feed(new LinkFact.RouteDrift("tunnel", GONE));
        f.feed(new LinkFact.Reasserted(ok("tunnel", f)));
        f.feed(new LinkFact.RouteDrift("tunnel", GONE));
        assertThat(f.alerts(AlertKind.ROUTE_DRIFT)).as("put back at last; a new drift is news again").hasSize(3);
    }

    private static ActionResult ok(String path, ControllerFixture f) {
        return new ActionResult("la-sg", path, "route", "replace", ActionOutcome.OK, 0, Duration.ofMillis(1), "",
                f.clock.wall().instant());
    }
}
