package io.linkguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.alerts.FakeEndpoint.Received;
import io.linkguard.alerts.FakeEndpoint.Reply;
import io.linkguard.alerts.config.AlertsConfig;
import io.linkguard.alerts.config.ChannelConfig;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 transitions in 10 s: a bounded number of grouped Slack messages, within the rate limit, none lost. On a
 * fake clock: the storm's pace, the window and the rate limit are exact, and take no wall-clock time.
 */
class StormTest {
    private static final Pattern NUMBER = Pattern.compile("event #(\\d+)");
    /** One message per 2 s, bursts of 2: well below the storm's pace, so the limit binds. */
    private static final Duration PERIOD = Duration.ofSeconds(2);
    private static final int BURST = 2;

    @TempDir
    Path state;
    @TempDir
    Path secrets;

    @Test
    void aStormBecomesFewGroupedMessagesWithinTheRateLimit() throws Exception {
        AlertCounters counters = new AlertCounters();
        FakeChannelClock clock = new FakeChannelClock();
        try (FakeEndpoint slack = new FakeEndpoint(r -> SlackPayload.problems(DeliveryTest.json(r)),
                r -> Reply.ok("ok"), clock::nanoTime);
             AlertDispatcher d = AlertDispatcher.start(AlertDispatcher.plan(Configs.alerts(Duration.ofSeconds(2), 20,
                             AlertsConfig.Spool.DEFAULTS, Configs.slack(secrets, "ops-slack", slack.url() + "/s/t/u",
                                     new ChannelConfig.Delivery(new ChannelConfig.RateLimit(1, PERIOD), BURST,
                                             Duration.ofMillis(100), Duration.ofSeconds(2)))),
                     "la-edge-1", state), counters, clock)) {
            for (int i = 0; i < 200; i++) {
                d.publish(Events.numbered(i));
                clock.advance(Duration.ofMillis(50));
            }
            assertThat(clock.runUntil(() -> DispatcherWaits.idle().test(d.status()), Duration.ofSeconds(40))).isTrue();

            List<Received> got = slack.received();
            System.out.printf("storm: 200 events -> %d messages over %.1f s%n", got.size(),
                    (got.getLast().atNanos() - got.getFirst().atNanos()) / 1e9);
            assertThat(slack.problems()).isEmpty();
            // 200 events in groups of at most 20: at least 10 messages; the 2 s window adds at most one
            // partial group per window (10 s / 2 s), so at most 15 and a little slack for timing.
            assertThat(got.size()).isBetween(10, 17);
            assertThat(numbers(got)).isEqualTo(OutageTest.range(200));
            // Token bucket: over any interval of one period, at most burst + 1 requests; over the whole
            // run at most burst + elapsed / period.
            for (int i = 0; i < got.size(); i++) {
                long from = got.get(i).atNanos();
                long inWindow = got.stream().filter(r -> r.atNanos() >= from
                        && r.atNanos() < from + PERIOD.toNanos()).count();
                assertThat(inWindow).as("requests in the %s after request %d", PERIOD, i).isLessThanOrEqualTo(BURST + 1);
            }
            long span = got.getLast().atNanos() - got.getFirst().atNanos();
            assertThat((long) got.size()).isLessThanOrEqualTo(BURST + span / PERIOD.toNanos() + 1);
            assertThat(counters.channel("ops-slack").sent())
                    .isEqualTo(got.size());
        }
    }

    private static List<Integer> numbers(List<Received> got) {
        List<Integer> out = new ArrayList<>();
        for (Received r : got) {
            for (JsonValue b : DeliveryTest.json(r).getJsonArray("blocks")) {
                if (b.asJsonObject().getString("type").equals("section")) {
                    Matcher m = NUMBER.matcher(b.asJsonObject().getJsonObject("text").getString("text"));
                    if (m.find()) {
                        out.add(Integer.parseInt(m.group(1)));
                    }
                }
            }
        }
        return out;
    }
}
