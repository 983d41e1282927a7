package io.linkguard.exporter;

import io.linkguard.alerts.AlertCounters;
import io.linkguard.alerts.CounterUpdates;
import io.linkguard.alerts.DropReason;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class AlertMetricsTest {


    /**
     * The counter families exactly as the alerts module exposed them when it registered them itself (names,
     * HELP, labels, every reason at zero up front): dashboards, rules and the README name them.
     */
    @Test
    void theCountersAreExposedAsBeforeWithEveryReasonUpFront() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        AlertCounters counters = new AlertCounters();
        new AlertMetrics(registry, counters);
        counters.channel("ops-slack");
        counters.channel("noc-hook");
        CounterUpdates.sent(counters.channel("ops-slack"), 3);
        CounterUpdates.dropped(counters.channel("noc-hook"), DropReason.CORRUPT, 2);

        assertThat(RegistryText.text(registry)).isEqualTo("""
                # HELP linkguard_alerts_dropped_total Alert messages given up on, by channel and reason: spool_full \
                (oldest dropped past the spool bound), rejected (4xx), corrupt (unreadable spool file), queue_full \
                (events, before the spool)
                # TYPE linkguard_alerts_dropped_total counter
                linkguard_alerts_dropped_total{channel="noc-hook",reason="corrupt"} 2.0
                linkguard_alerts_dropped_total{channel="noc-hook",reason="queue_full"} 0.0
                linkguard_alerts_dropped_total{channel="noc-hook",reason="rejected"} 0.0
                linkguard_alerts_dropped_total{channel="noc-hook",reason="spool_full"} 0.0
                linkguard_alerts_dropped_total{channel="ops-slack",reason="corrupt"} 0.0
                linkguard_alerts_dropped_total{channel="ops-slack",reason="queue_full"} 0.0
                linkguard_alerts_dropped_total{channel="ops-slack",reason="rejected"} 0.0
                linkguard_alerts_dropped_total{channel="ops-slack",reason="spool_full"} 0.0
                # HELP linkguard_alerts_failed_total Alert delivery attempts that failed (connect error, timeout, \
                non-2xx), by channel
                # TYPE linkguard_alerts_failed_total counter
                linkguard_alerts_failed_total{channel="noc-hook"} 0.0
                linkguard_alerts_failed_total{channel="ops-slack"} 0.0
                # HELP linkguard_alerts_sent_total Alert messages delivered (HTTP 2xx), by channel
                # TYPE linkguard_alerts_sent_total counter
                linkguard_alerts_sent_total{channel="noc-hook"} 0.0
                linkguard_alerts_sent_total{channel="ops-slack"} 3.0
                """);
    }

    @Test
    void theQueueGaugesShowTheRunningDispatchersChannelsOnly() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        AlertCounters counters = new AlertCounters();
        new AlertMetrics(registry, counters);
        Object first = new Object();
        Object second = new Object();
        CounterUpdates.running(counters, first, new AlertCounters.ChannelQueue("ops-slack", 4, 12.5));

        String running = RegistryText.text(registry);
        assertThat(running).contains("""
                # HELP linkguard_alert_queue_depth Alert messages waiting for delivery (spooled, plus the group \
                being collected)
                # TYPE linkguard_alert_queue_depth gauge
                linkguard_alert_queue_depth{channel="ops-slack"} 4.0
                """);
        assertThat(running).contains("""
                # HELP linkguard_alert_oldest_pending_age_seconds How long the oldest alert event waiting for \
                delivery has waited; 0 when none waits
                # TYPE linkguard_alert_oldest_pending_age_seconds gauge
                linkguard_alert_oldest_pending_age_seconds{channel="ops-slack"} 12.5
                """);

        // A reload: the new dispatcher shows its channels; the old one closing later hides nothing of them.
        CounterUpdates.running(counters, second, new AlertCounters.ChannelQueue("noc-hook", 0, 0));
        CounterUpdates.stopped(counters, first);
        assertThat(RegistryText.text(registry)).contains("linkguard_alert_queue_depth{channel=\"noc-hook\"} 0.0")
                .doesNotContain("linkguard_alert_queue_depth{channel=\"ops-slack\"}");
        CounterUpdates.stopped(counters, second);
        assertThat(RegistryText.text(registry)).doesNotContain("linkguard_alert_queue_depth{");
    }
}
