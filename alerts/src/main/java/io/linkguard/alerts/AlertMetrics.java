package io.linkguard.alerts;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The alert metrics, labelled by channel <em>name</em> (never its URL). Registered once per registry
 * and shared by every dispatcher started on it (a config reload starts a new one), so a restart of the
 * dispatcher does not collide with the metrics already registered.
 */
final class AlertMetrics {
    static final List<String> DROP_REASONS = List.of(ChannelReport.DROP_SPOOL_FULL, ChannelReport.DROP_REJECTED,
            ChannelReport.DROP_CORRUPT, ChannelReport.DROP_QUEUE_FULL);
    private static final Map<PrometheusRegistry, AlertMetrics> BY_REGISTRY = new WeakHashMap<>();

    final Counter sent;
    final Counter failed;
    final Counter dropped;
    private volatile List<ChannelWorker> workers = List.of();

    private AlertMetrics(PrometheusRegistry registry) {
        sent = Counter.builder().name("linkguard_alerts_sent")
                .help("Alert messages delivered (HTTP 2xx), by channel").labelNames("channel")
                .withoutExemplars().register(registry);
        failed = Counter.builder().name("linkguard_alerts_failed")
                .help("Alert delivery attempts that failed (connect error, timeout, non-2xx), by channel")
                .labelNames("channel").withoutExemplars().register(registry);
        dropped = Counter.builder().name("linkguard_alerts_dropped")
                .help("Alert messages given up on, by channel and reason: spool_full (oldest dropped past the"
                        + " spool bound), rejected (4xx), corrupt (unreadable spool file), queue_full (events,"
                        + " before the spool)")
                .labelNames("channel", "reason").withoutExemplars().register(registry);
        GaugeWithCallback.builder().name("linkguard_alert_queue_depth")
                .help("Alert messages waiting for delivery (spooled, plus the group being collected)")
                .labelNames("channel")
                .callback(cb -> workers.forEach(w -> cb.call(w.queueDepth(), w.name())))
                .register(registry);
        GaugeWithCallback.builder().name("linkguard_alert_oldest_pending_age_seconds")
                .help("How long the oldest alert event waiting for delivery has waited; 0 when none waits")
                .unit(Unit.SECONDS).labelNames("channel")
                .callback(cb -> workers.forEach(w -> cb.call(w.oldestPendingAgeSeconds(), w.name())))
                .register(registry);
    }

    static AlertMetrics of(PrometheusRegistry registry) {
        synchronized (BY_REGISTRY) {
            return BY_REGISTRY.computeIfAbsent(registry, AlertMetrics::new);
        }
    }

    /** Shows these workers' queues from now on, and creates their counter series at zero. */
    void attach(List<ChannelWorker> ws) {
        for (ChannelWorker w : ws) {
            sent.labelValues(w.name());
            failed.labelValues(w.name());
            for (String reason : DROP_REASONS) {
                dropped.labelValues(w.name(), reason);
            }
        }
        workers = List.copyOf(ws);
    }

    /** Stops showing these workers' queues (if they are still the ones shown). */
    void detach(List<ChannelWorker> ws) {
        if (workers.equals(ws)) {
            workers = List.of();
        }
    }
}
