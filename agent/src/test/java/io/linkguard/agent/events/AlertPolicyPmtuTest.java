package io.linkguard.agent.events;

import io.linkguard.alerts.AlertKind;
import io.linkguard.probes.pmtu.PmtuResult;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class PmtuAlertsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T05:00:00Z");

    private static PmtuResult result(int mtu, boolean ptb, boolean blackHole) throws Exception {
        return new PmtuResult(InetAddress.getByName("10.0.0.2"), mtu, ptb, ptb ? OptionalInt.of(mtu) : OptionalInt.empty(),
                blackHole, blackHole ? OptionalInt.of(mtu + 1) : OptionalInt.empty(), 12, Duration.ofMillis(40),
                Optional.empty());
    }

    @Test
    void aDropBelowExpectedIsNewsOnceNotAtEverySearch() throws Exception {
        PmtuAlerts a = new PmtuAlerts("la-sg", OptionalInt.of(1400));
        assertThat(a.onSearch(result(1400, true, false), "up", NOW)).isEmpty();
        var drop = a.onSearch(result(1300, true, false), "degraded", NOW).orElseThrow();
        assertThat(drop.kind()).isEqualTo(AlertKind.PMTU_DROP);
        assertThat(drop.reason()).isEqualTo("path MTU 1300 bytes (was 1400), expected 1400");
        assertThat(drop.figures()).containsEntry("pmtu_bytes", "1300").containsEntry("expected_mtu_bytes", "1400")
                .containsEntry("ptb_seen", "yes");
        assertThat(a.onSearch(result(1300, true, false), "degraded", NOW)).as("still 1300: not news").isEmpty();
        assertThat(a.onSearch(result(1400, true, false), "up", NOW)).as("grew back: not a drop").isEmpty();
    }

    @Test
    void theFirstSearchBelowExpectedAndABlackHoleAreNews() throws Exception {
        PmtuAlerts a = new PmtuAlerts("la-sg", OptionalInt.of(1400));
        var first = a.onSearch(result(1380, false, true), "degraded", NOW).orElseThrow();
        assertThat(first.reason()).contains("path MTU 1380 bytes, expected 1400")
                .contains("black hole: packets above 1380 bytes vanish and no Packet Too Big comes back");
        assertThat(first.figures()).containsEntry("black_hole", "yes").containsEntry("ptb_seen", "no");
    }

    @Test
    void aSearchWithNoReplyIsNotAnMtuAlert() throws Exception {
        PmtuAlerts a = new PmtuAlerts("la-sg", OptionalInt.empty());
        assertThat(a.onSearch(result(1500, false, false), "up", NOW)).isEmpty();
        assertThat(a.onSearch(PmtuResult.failed(InetAddress.getByName("10.0.0.2"), "no reply"), "down", NOW)).isEmpty();
        assertThat(a.onSearch(result(1400, false, false), "up", NOW)).as("1500 -> 1400 is a drop").isPresent();
    }
}
