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

class AlertPolicyPmtuTest {
    private static final Instant NOW = Instant.parse("2026-11-22T05:00:00Z");

    private static PmtuResult result(int mtu, boolean ptb, boolean blackHole) throws Exception {
        return new PmtuResult(InetAddress.getByName("10.0.0.2"), mtu, ptb, ptb ? OptionalInt.of(mtu) : OptionalInt.empty(),
                blackHole, blackHole ? OptionalInt.of(mtu + 1) : OptionalInt.empty(), 12, Duration.ofMillis(40),
                Optional.empty());
    }

    @Test
    void aDropBelowExpectedIsNewsOnceNotAtEverySearch() throws Exception {
        AlertPolicy a = new AlertPolicy("la-sg");
        PmtuHistory h = new PmtuHistory();
        OptionalInt expected = OptionalInt.of(1400);
        assertThat(a.pmtu(result(1400, true, false), expected, "up", NOW, h)).isEmpty();
        var drop = a.pmtu(result(1300, true, false), expected, "degraded", NOW, h).orElseThrow();
        assertThat(drop.kind()).isEqualTo(AlertKind.PMTU_DROP);
        assertThat(drop.reason()).isEqualTo("path MTU 1300 bytes (was 1400), expected 1400");
        assertThat(drop.figures()).containsEntry("pmtu_bytes", "1300").containsEntry("expected_mtu_bytes", "1400")
                .containsEntry("ptb_seen", "yes");
        assertThat(a.pmtu(result(1300, true, false), expected, "degraded", NOW, h)).as("still 1300: not news").isEmpty();
        assertThat(a.pmtu(result(1400, true, false), expected, "up", NOW, h)).as("grew back: not a drop").isEmpty();
    }

    @Test
    void theFirstSearchBelowExpectedAndABlackHoleAreNews() throws Exception {
        AlertPolicy a = new AlertPolicy("la-sg");
        PmtuHistory h = new PmtuHistory();
        OptionalInt expected = OptionalInt.of(1400);
        var first = a.pmtu(result(1380, false, true), expected, "degraded", NOW, h).orElseThrow();
        assertThat(first.reason()).contains("path MTU 1380 bytes, expected 1400")
                .contains("black hole: packets above 1380 bytes vanish and no Packet Too Big comes back");
        assertThat(first.figures()).containsEntry("black_hole", "yes").containsEntry("ptb_seen", "no");
    }

    @Test
    void aSearchWithNoReplyIsNotAnMtuAlert() throws Exception {
        AlertPolicy a = new AlertPolicy("la-sg");
        PmtuHistory h = new PmtuHistory();
        OptionalInt expected = OptionalInt.empty();
        assertThat(a.pmtu(result(1500, false, false), expected, "up", NOW, h)).isEmpty();
        assertThat(a.pmtu(PmtuResult.failed(InetAddress.getByName("10.0.0.2"), "no reply"), expected, "down", NOW, h)).isEmpty();
        assertThat(a.pmtu(result(1400, false, false), expected, "up", NOW, h)).as("1500 -> 1400 is a drop").isPresent();
    }
}
