package io.linkguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FiringSetTest {
    private static final Instant T0 = Events.T0;

    private static FiringSet.Change apply(FiringSet s, AlertEvent... events) {
        return s.apply(List.of(events), "la-edge-1", EventText::plain);
    }

    @Test
    void linkDownFiresWithLinkStateNodeAndSeverityLabels() {
        FiringSet.Change c = apply(new FiringSet(), Events.down("la-sg", "bfd down"));

        assertThat(c.posts()).singleElement().satisfies(a -> {
            assertThat(a.labels()).containsEntry("alertname", "LinkguardLinkDown").containsEntry("link", "la-sg")
                    .containsEntry("state", "down").containsEntry("node", "la-edge-1")
                    .containsEntry("severity", "critical").hasSize(5);
            assertThat(a.annotations()).containsEntry("summary", "link la-sg is down").containsKey("description");
            assertThat(a.startsAt()).isEqualTo(T0);
            assertThat(a.endsAt()).isEmpty();
        });
        assertThat(c.next().firing()).hasSize(1);
    }

    @Test
    void backUpResolvesWithTheLabelsItFiredWithAndEndsAt() {
        FiringSet fired = apply(new FiringSet(), Events.down("la-sg", "x")).next();
        AlertEvent up = Events.of(AlertKind.RESOLVED, "la-sg", "up", T0.plusSeconds(60));

        FiringSet.Change c = apply(fired, up);

        assertThat(c.posts()).singleElement().satisfies(a -> {
            assertThat(a.labels()).containsEntry("state", "down").containsEntry("severity", "critical");
            assertThat(a.startsAt()).isEqualTo(T0);
            assertThat(a.endsAt()).contains(T0.plusSeconds(60));
        });
        assertThat(c.next().firing()).isEmpty();
    }

    @Test
    void degradedAfterDownResolvesDownAndFiresDegraded() {
        FiringSet fired = apply(new FiringSet(), Events.down("la-sg", "x")).next();

        FiringSet.Change c = apply(fired, Events.of(AlertKind.LINK_STATE, "la-sg", "degraded", T0.plusSeconds(5)));

        assertThat(c.posts()).extracting(a -> a.labels().get("alertname") + " " + a.endsAt().isPresent())
                .containsExactlyInAnyOrder("LinkguardLinkDegraded false", "LinkguardLinkDown true");
        assertThat(c.next().firing()).extracting(a -> a.labels().get("alertname"))
                .containsExactly("LinkguardLinkDegraded");
    }

    @Test
    void failoverAndBfdFireUntilFailbackAndBfdUp() {
        FiringSet s = apply(new FiringSet(), Events.of(AlertKind.FAILOVER, "la-sg", "down", T0),
                Events.of(AlertKind.BFD_DOWN, "la-sg", "down", T0)).next();
        assertThat(s.firing()).extracting(a -> a.labels().get("alertname"))
                .containsExactly("LinkguardFailoverActive", "LinkguardBfdDown");

        FiringSet.Change c = apply(s, Events.of(AlertKind.FAILBACK, "la-sg", "up", T0.plusSeconds(9)),
                Events.of(AlertKind.BFD_UP, "la-sg", "up", T0.plusSeconds(9)));

        assertThat(c.posts()).allSatisfy(a -> assertThat(a.endsAt()).contains(T0.plusSeconds(9)));
        assertThat(c.next().firing()).isEmpty();
    }

    @Test
    void actionFailuresAndMtuDropsAreOneShotsThatEndByThemselves() {
        FiringSet.Change c = apply(new FiringSet(), Events.of(AlertKind.ACTION_FAILED, "la-sg", "down", T0),
                Events.of(AlertKind.PMTU_DROP, "la-sg", "up", T0));

        assertThat(c.posts()).extracting(a -> a.labels().get("alertname"))
                .containsExactly("LinkguardActionFailed", "LinkguardPathMtuDrop");
        assertThat(c.posts()).allSatisfy(a -> assertThat(a.endsAt()).contains(T0.plus(FiringSet.ONE_SHOT)));
        assertThat(c.next().firing()).isEmpty();
    }

    @Test
    void firingAgainKeepsStartsAtAndLabelsButUpdatesAnnotations() {
        FiringSet s = apply(new FiringSet(), Events.down("la-sg", "first")).next();
        AlertEvent again = new AlertEvent(AlertKind.LINK_STATE, Severity.WARNING, "la-sg", "down", "second",
                java.util.Map.of(), T0.plusSeconds(30), T0.plusSeconds(30));

        FiringSet.Change c = apply(s, again);

        FiringSet.Alert a = c.posts().getFirst();
        assertThat(a.startsAt()).isEqualTo(T0);
        assertThat(a.labels()).containsEntry("severity", "critical");
        assertThat(a.annotations().get("description")).contains("second");
    }

    @Test
    void resolvingWhatIsNotFiringPostsNothing() {
        assertThat(apply(new FiringSet(), Events.of(AlertKind.BFD_UP, "la-sg", "up", T0)).posts()).isEmpty();
        assertThat(apply(new FiringSet(), Events.of(AlertKind.LINK_STATE, "la-sg", "unknown", T0)).posts())
                .isEmpty();
    }

    @Test
    void theSetIsBounded() {
        FiringSet s = new FiringSet();
        int evicted = 0;
        for (int i = 0; i < FiringSet.MAX_ALERTS + 5; i++) {
            FiringSet.Change c = apply(s, Events.down("l" + i, "x"));
            s = c.next();
            evicted += c.evicted();
        }
        assertThat(s.size()).isEqualTo(FiringSet.MAX_ALERTS);
        assertThat(evicted).isEqualTo(5);
        assertThat(s.firing().getFirst().labels().get("link")).isEqualTo("l5");
    }

    @Test
    void bodyIsAnArrayOfPostableAlerts() {
        FiringSet.Change c = apply(apply(new FiringSet(), Events.down("la-sg", "x")).next(),
                Events.of(AlertKind.RESOLVED, "la-sg", "up", T0.plusSeconds(1)));

        JsonArray arr = Json.createReader(new StringReader(FiringSet.body(c.posts()))).readArray();
        assertThat(arr).hasSize(1);
        assertThat(arr.getJsonObject(0).getJsonObject("labels").getString("alertname")).isEqualTo("LinkguardLinkDown");
        assertThat(arr.getJsonObject(0).getString("startsAt")).isEqualTo("2025-05-01T12:00:00Z");
        assertThat(arr.getJsonObject(0).getString("endsAt")).isEqualTo("2025-05-01T12:00:01Z");
    }

    @Test
    void persistsAndReadsBack() {
        FiringSet s = apply(new FiringSet(), Events.down("la-sg", "x"),
                Events.of(AlertKind.FAILOVER, "la-sg", "down", T0)).next();

        FiringSet back = FiringSet.decode(s.encode());

        assertThat(back.firing()).isEqualTo(s.firing());
        assertThat(apply(back, Events.of(AlertKind.RESOLVED, "la-sg", "up", T0.plusSeconds(3))).posts())
                .singleElement().satisfies(a -> assertThat(a.endsAt()).isEqualTo(Optional.of(T0.plusSeconds(3))));
    }

    @Test
    void corruptStateIsAnIllegalArgument() {
        assertThatThrownBy(() -> FiringSet.decode("{\"x\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FiringSet.decode("[{\"labels\":{}}]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
