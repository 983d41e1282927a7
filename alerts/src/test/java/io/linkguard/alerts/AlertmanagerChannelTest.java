package io.linkguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.alerts.FakeEndpoint.Received;
import io.linkguard.alerts.FakeEndpoint.Reply;
import io.linkguard.alerts.config.AlertsConfig;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Alertmanager channel against a fake /api/v2/alerts: posts, re-posts, and resolution after a restart. */
class AlertmanagerChannelTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path state;

    static JsonArray alerts(Received r) {
        return Json.createReader(new ByteArrayInputStream(r.body())).readArray();
    }

    /** postableAlerts: labels (string map, alertname required), annotations, RFC 3339 startsAt/endsAt. */
    static List<String> problems(Received r) {
        List<String> p = new ArrayList<>();
        if (!r.path().equals("/am/api/v2/alerts")) {
            p.add("path " + r.path());
        }
        for (JsonObject a : alerts(r).getValuesAs(JsonObject.class)) {
            JsonObject labels = a.getJsonObject("labels");
            if (labels == null || !labels.containsKey("alertname")) {
                p.add("no alertname");
            }
            for (String k : List.of("startsAt", "endsAt")) {
                if (a.containsKey(k)) {
                    java.time.Instant.parse(a.getString(k));
                }
            }
        }
        return p;
    }

    private static List<JsonObject> resolved(FakeEndpoint am, int from) {
        List<Received> all = am.received();
        return all.subList(from, all.size()).stream().flatMap(r -> alerts(r).getValuesAs(JsonObject.class).stream())
                .filter(a -> a.containsKey("endsAt")).toList();
    }

    private AlertsConfig config(FakeEndpoint am) {
        return Configs.alerts(Duration.ZERO, Configs.alertmanager("am", am.url() + "/am", Duration.ofSeconds(5),
                Configs.fast()));
    }

    @Test
    void firesRepostsAndResolvesEvenAcrossARestart() throws Exception {
        try (FakeEndpoint am = new FakeEndpoint(AlertmanagerChannelTest::problems, r -> Reply.ok(""))) {
            AlertDispatcher first = AlertDispatcher.start(config(am), "la-edge-1", state, new AlertCounters());
            first.publish(Events.down("la-sg", "bfd down"));

            List<Received> got = am.await(1, WAIT);
            JsonObject fired = alerts(got.getFirst()).getJsonObject(0);
            assertThat(fired.getJsonObject("labels").getString("alertname")).isEqualTo("LinkguardLinkDown");
            assertThat(fired.getJsonObject("labels").getString("node")).isEqualTo("la-edge-1");
            assertThat(fired.containsKey("endsAt")).isFalse();

            // Re-posted every repeat_interval (5 s here) so Alertmanager does not time it out. (The first
            // re-post may come at once: a dispatcher re-posts what is firing when it starts.)
            got = am.await(3, WAIT);
            assertThat(got).hasSize(3);
            assertThat(Duration.ofNanos(got.get(2).atNanos() - got.get(1).atNanos()))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(4));
            for (Received r : got.subList(1, 3)) {
                assertThat(alerts(r)).singleElement().satisfies(a -> {
                    assertThat(a.asJsonObject().getJsonObject("labels")).isEqualTo(fired.getJsonObject("labels"));
                    assertThat(a.asJsonObject().containsKey("endsAt")).isFalse();
                });
            }
            first.close();

            int before = am.received().size();
            try (AlertDispatcher second = AlertDispatcher.start(config(am), "la-edge-1", state,
                    new AlertCounters())) {
                second.publish(Events.of(AlertKind.RESOLVED, "la-sg", "up", Events.T0.plusSeconds(90)));
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (resolved(am, before).isEmpty() && System.nanoTime() < deadline) {
                    FakeEndpoint.sleep(Duration.ofMillis(20));
                }
                List<JsonObject> resolved = resolved(am, before);
                assertThat(resolved).singleElement().satisfies(a -> {
                    assertThat(a.getJsonObject("labels")).isEqualTo(fired.getJsonObject("labels"));
                    assertThat(a.getString("startsAt")).isEqualTo(fired.getString("startsAt"));
                    assertThat(a.getString("endsAt")).isEqualTo("2025-05-01T12:01:30Z");
                });
            }
            assertThat(am.problems()).isEmpty();
        }
    }
}
