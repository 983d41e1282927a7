package io.linkguard.exporter;

import io.linkguard.alerts.AlertCounters;
import io.linkguard.alerts.ChannelCounters;
import io.linkguard.alerts.DropReason;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * The alert metrics, labelled by channel <em>name</em> (never its URL), read from the alerts module's
 * {@link AlertCounters} at each scrape without taking a channel thread's locks. Every channel started
 * since the process began has its counter series, every drop reason included, from its first start (zeros
 * rather than gaps); the queue gauges show the channels running now.
 */
public final class AlertMetrics {

    /** Registers the alert metrics on {@code registry}; once per registry. */
    public AlertMetrics(PrometheusRegistry registry, AlertCounters counters) {
        CounterWithCallback.builder().name("linkguard_alerts_sent")
                .help("Alert messages delivered (HTTP 2xx), by channel").labelNames("channel")
                .callback(cb -> {
                    for (ChannelCounters c : counters.channels()) {
                        cb.call(c.sent(), c.channel());
                    }
                })
                .register(registry);
        CounterWithCallback.builder().name("linkguard_alerts_failed")
                .help("Alert delivery attempts that failed (connect error, timeout, non-2xx), by channel")
                .labelNames("channel")
                .callback(cb -> {
                    for (ChannelCounters c : counters.channels()) {
                        cb.call(c.failed(), c.channel());
                    }
                })
                .register(registry);
        CounterWithCallback.builder().name("linkguard_alerts_dropped")
                .help("Alert messages given up on, by channel and reason: spool_full (oldest dropped past the"
                        + " spool bound), rejected (4xx), corrupt (unreadable spool file), queue_full (events,"
                        + " before the spool)")
                .labelNames("channel", "reason")
                .callback(cb -> {
                    for (ChannelCounters c : counters.channels()) {
                        for (DropReason r : DropReason.values()) {
                            cb.call(c.dropped(r), c.channel(), r.label());
                        }
                    }
                })
                .register(registry);
        GaugeWithCallback.builder().name("linkguard_alert_queue_depth")
                .help("Alert messages waiting for delivery (spooled, plus the group being collected)")
                .labelNames("channel")
                .callback(cb -> counters.queues().forEach(q -> cb.call(q.depth(), q.channel())))
                .register(registry);
        GaugeWithCallback.builder().name("linkguard_alert_oldest_pending_age_seconds")
                .help("How long the oldest alert event waiting for delivery has waited; 0 when none waits")
                .unit(Unit.SECONDS).labelNames("channel")
                .callback(cb -> counters.queues().forEach(q -> cb.call(q.oldestPendingAgeSeconds(), q.channel())))
                .register(registry);
    }
}
