package io.linkguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.alerts.FakeEndpoint.Received;
import io.linkguard.alerts.FakeEndpoint.Reply;
import io.linkguard.alerts.config.AlertsConfig;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint is down for 30 s while events keep coming; when it is back, every one arrives, in order.
 * On a fake clock: the 30 seconds (and the retries' backoff) pass as fast as the sends.
 */
class OutageTest {
    @TempDir
    Path state;
    @TempDir
    Path secrets;

    @Test
    void everyAlertIsDeliveredInOrderAfterA30SecondOutage() throws Exception {
        AlertCounters counters = new AlertCounters();
        FakeChannelClock clock = new FakeChannelClock();
        try (FakeEndpoint hook = new FakeEndpoint(r -> List.of(), r -> Reply.ok("{}"), clock::nanoTime);
             AlertDispatcher d = AlertDispatcher.start(AlertDispatcher.plan(Configs.alerts(Duration.ofMillis(500), 5,
                             AlertsConfig.Spool.DEFAULTS, Configs.webhook(secrets, "noc-hook", hook.url() + "/in",
                                     "outage-secret", Configs.delivery(20, 5, Duration.ofMillis(200),
                                             Duration.ofSeconds(2)))), "la-edge-1", state), counters, clock)) {
            d.publish(Events.numbered(0));
            assertThat(clock.runUntil(() -> hook.received().size() >= 1, Duration.ofSeconds(10))).isTrue();
            assertThat(hook.received()).hasSize(1);

            hook.down();
            long downAt = clock.nanoTime();
            int n = 1;
            while (clock.nanoTime() - downAt < Duration.ofSeconds(30).toNanos()) {
                d.publish(Events.numbered(n++));
                clock.advance(Duration.ofMillis(1000));
            }
            assertThat(d.status().getFirst().queueDepth()).isGreaterThan(1);
            assertThat(d.status().getFirst().oldestPendingAge()).hasValueSatisfying(
                    age -> assertThat(age).isGreaterThan(Duration.ofSeconds(20)));
            hook.up();

            int expected = n;
            assertThat(clock.runUntil(() -> d.status().getFirst().queueDepth() == 0, Duration.ofSeconds(20)))
                    .isTrue();
            List<Integer> order = eventNumbers(hook.received());
            assertThat(order).as("every event once, in order").isEqualTo(range(expected));
            assertThat(hook.problems()).isEmpty();
            assertThat(counters.channel("noc-hook").failed()).isPositive();
            assertThat(counters.channel("noc-hook").dropped(DropReason.SPOOL_FULL)).isZero();
        }
    }

    /** Event numbers in order of first arrival of each message (a retried duplicate counts once). */
    static List<Integer> eventNumbers(List<Received> received) {
        Set<String> seen = new LinkedHashSet<>();
        List<Integer> numbers = new ArrayList<>();
        for (Received r : received) {
            if (!seen.add(r.header("Idempotency-Key"))) {
                continue;
            }
            for (JsonValue e : DeliveryTest.json(r).getJsonArray("events")) {
                numbers.add(Integer.parseInt(e.asJsonObject().getString("reason").substring("event #".length())));
            }
        }
        return numbers;
    }

    static List<Integer> range(int n) {
        List<Integer> r = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            r.add(i);
        }
        return r;
    }
}
