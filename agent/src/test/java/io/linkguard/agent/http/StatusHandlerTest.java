package io.linkguard.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.agent.events.LinkStatus;
import io.linkguard.agent.failover.ActionOutcome;
import io.linkguard.agent.failover.ActionResult;
import io.linkguard.agent.health.HealthTransition;
import io.linkguard.agent.health.LinkHealthSnapshot;
import io.linkguard.agent.health.LinkState;
import io.linkguard.alerts.ChannelStatus;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code /status} is built from the controllers' published snapshots alone. */
class StatusHandlerTest {
    private static final Instant AT = Instant.parse("2026-12-02T12:00:00Z");

    private static LinkStatus downOnProxy() {
        HealthTransition down = new HealthTransition(LinkState.UP, LinkState.DOWN, HealthTransition.Reason.BFD_DOWN,
                "BFD Down: control detection time expired", Double.NaN, Double.NaN, 5_000_000_000L);
        LinkHealthSnapshot h = new LinkHealthSnapshot(LinkState.DOWN, 5_000_000_000L, 0.25, 12_000_000, Double.NaN,
                8, 1000, false, Optional.of(down), 7_500_000_000L, Optional.of(new LinkHealthSnapshot.Cause(
                HealthTransition.Reason.INTERFACE_DOWN, "interface gre1 is operationally down (no carrier)")));
        ActionResult run = new ActionResult("la-sg", "proxy", "exec", "/usr/local/bin/to-proxy", ActionOutcome.FAILED,
                1, Duration.ofMillis(20), "no route", AT);
        return new LinkStatus("la-sg", h, Optional.of("proxy"), true, false,
                List.of(new LinkStatus.Transition(down, AT)), List.of(run));
    }

    @Test
    void aLinkIsShownAsItsControllerLastPublishedIt() {
        StatusHandler handler = new StatusHandler("gw-1", () -> List.of(downOnProxy()), List::of,
                () -> List.<ChannelStatus>of());

        JsonObject body = handler.body();

        assertThat(body.getString("node")).isEqualTo("gw-1");
        assertThat(body.getJsonArray("bfd_sessions")).isEmpty();
        assertThat(body.getJsonArray("alert_channels")).isEmpty();
        JsonObject link = body.getJsonArray("links").getJsonObject(0);
        assertThat(link.getString("link")).isEqualTo("la-sg");
        assertThat(link.getString("state")).isEqualTo("down");
        assertThat(link.getJsonNumber("in_state_seconds").doubleValue()).isEqualTo(2.5);
        assertThat(link.getInt("samples")).isEqualTo(8);
        assertThat(link.getBoolean("failover_active")).isTrue();
        assertThat(link.getBoolean("failback_pending")).isFalse();
        assertThat(link.getString("active_path")).isEqualTo("proxy");
        assertThat(link.getString("reason")).as("the cause now, not the last transition's").isEqualTo("interface_down");
        assertThat(link.getString("reason_detail")).isEqualTo("interface gre1 is operationally down (no carrier)");
        assertThat(link.getJsonNumber("loss_ratio").doubleValue()).isEqualTo(0.25);
        assertThat(link.getJsonNumber("rtt_seconds").doubleValue()).isEqualTo(0.012);
        assertThat(link.containsKey("jitter_seconds")).as("NaN is left out, JSON has none").isFalse();
        JsonObject tr = link.getJsonArray("transitions").getJsonObject(0);
        assertThat(tr.getString("at")).isEqualTo("2026-12-02T12:00:00Z");
        assertThat(tr.getString("from")).isEqualTo("up");
        assertThat(tr.getString("to")).isEqualTo("down");
        assertThat(tr.getString("reason")).isEqualTo("bfd_down");
        JsonObject ac = link.getJsonArray("actions").getJsonObject(0);
        assertThat(ac.getString("result")).isEqualTo("failed");
        assertThat(ac.getInt("exit_code")).isEqualTo(1);
        assertThat(ac.getJsonNumber("duration_seconds").doubleValue()).isEqualTo(0.02);
        assertThat(ac.getString("detail")).isEqualTo("no route");
    }
}
