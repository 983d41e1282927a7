package io.linkguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.alerts.FakeEndpoint.Reply;
import io.linkguard.alerts.config.AlertsConfig;
import io.linkguard.alerts.config.ChannelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload builds the new channels before it stops the running ones; a failure leaves them running. */
class ReloadableAlertsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path state;
    @TempDir
    Path secrets;

    private ChannelConfig.Webhook hook(String name, FakeEndpoint endpoint) throws Exception {
        return Configs.webhook(secrets, name, endpoint.url() + "/" + name, "reload-secret", Configs.fast());
    }

    private static Optional<AlertsConfig> alerts(ChannelConfig... channels) {
        return Optional.of(Configs.alerts(Duration.ZERO, channels));
    }

    @Test
    void aChannelWhoseSecretVanishedLeavesTheRunningChannelsDelivering() throws Exception {
        try (FakeEndpoint a = new FakeEndpoint(r -> List.of(), r -> Reply.ok("{}"));
             ReloadableAlerts alerts = new ReloadableAlerts("la-edge-1")) {
            ChannelConfig.Webhook running = hook("noc-hook", a);
            alerts.start(alerts(running), state);
            ChannelConfig.Webhook broken = hook("new-hook", a);
            Files.delete(secrets.resolve("new-hook-secret_file")); // valid at load, gone by the reload

            ReloadableAlerts.Outcome o = alerts.replace(alerts(running, broken), state);

            assertThat(o.applied()).isFalse();
            assertThat(o.problem()).hasValue("alert channels not changed, the running ones stay: test.yml:9:"
                    + " alerts.channels[0].new-hook-secret_file: " + secrets.resolve("new-hook-secret_file")
                    + ": file not found");
            assertThat(alerts.status()).extracting(ChannelStatus::name).containsExactly("noc-hook");
            alerts.publish(Events.numbered(7));
            assertThat(a.await(1, WAIT)).singleElement()
                    .satisfies(r -> assertThat(r.path()).isEqualTo("/noc-hook"));
            assertThat(OutageTest.eventNumbers(a.received())).containsExactly(7);
        }
    }

    @Test
    void aSpoolPathThatIsNotADirectoryIsFoundBeforeTheRunningChannelsStop() throws Exception {
        try (FakeEndpoint a = new FakeEndpoint(r -> List.of(), r -> Reply.ok("{}"));
             ReloadableAlerts alerts = new ReloadableAlerts("la-edge-1")) {
            alerts.start(alerts(hook("noc-hook", a)), state);
            Files.writeString(state.resolve("alerts/new-hook"), "a file where the spool directory goes");

            ReloadableAlerts.Outcome o = alerts.replace(alerts(hook("noc-hook", a), hook("new-hook", a)), state);

            assertThat(o.applied()).isFalse();
            assertThat(o.problem().orElseThrow()).endsWith("alert channel new-hook: spool directory "
                    + state.resolve("alerts/new-hook") + " is not usable: not a directory");
            alerts.publish(Events.numbered(1));
            assertThat(OutageTest.eventNumbers(a.await(1, WAIT))).containsExactly(1);
        }
    }

    @Test
    void aGoodReplacementSendsWhatTheOldOneCouldNotAndWhatCameDuringTheSwitch() throws Exception {
        try (FakeEndpoint down = new FakeEndpoint(r -> List.of(), r -> Reply.ok("{}"));
             FakeEndpoint b = new FakeEndpoint(r -> List.of(), r -> Reply.ok("{}"));
             ReloadableAlerts alerts = new ReloadableAlerts("la-edge-1")) {
            down.down();
            alerts.start(alerts(hook("noc-hook", down)), state);
            alerts.publish(Events.numbered(0));
            alerts.publish(Events.numbered(1));

            // Same channel name (same spool), new URL: the spooled events go to the new endpoint. The old
            // dispatcher spends its close bound trying the dead endpoint: event 2 comes in meanwhile.
            AlertsConfig next = alerts(hook("noc-hook", b)).orElseThrow();
            var replaced = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> alerts.replace(Optional.of(next), state));
            long until = System.nanoTime() + WAIT.toNanos();
            while (!alerts.switching() && !replaced.isDone() && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertThat(alerts.switching()).as("publishing during the switch").isTrue();
            alerts.publish(Events.numbered(2));
            ReloadableAlerts.Outcome o = replaced.get();

            assertThat(o).isEqualTo(new ReloadableAlerts.Outcome(true, Optional.empty()));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (OutageTest.eventNumbers(b.received()).size() < 3 && System.nanoTime() < deadline) {
                FakeEndpoint.sleep(Duration.ofMillis(20));
            }
            assertThat(OutageTest.eventNumbers(b.received())).containsExactlyInAnyOrder(0, 1, 2);
        }
    }

    @Test
    void closeTwiceIsANoOpAndAReplaceAfterCloseChangesNothing() throws Exception {
        try (FakeEndpoint a = new FakeEndpoint(r -> List.of(), r -> Reply.ok("{}"))) {
            ReloadableAlerts alerts = new ReloadableAlerts("la-edge-1");
            alerts.start(alerts(hook("noc-hook", a)), state);

            alerts.close();
            alerts.close();

            assertThat(alerts.replace(alerts(hook("noc-hook", a)), state).applied()).isFalse();
            assertThat(alerts.status()).isEmpty();
        }
    }
}
